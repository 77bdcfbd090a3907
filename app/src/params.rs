//! Algorithm parameters in the run form: the raw text of each input, checked against the
//! catalogue's schema ([`ParamInfo`]) in the browser before anything is submitted, and turned
//! into the JSON object the engine receives. The engine validates again; this only spares a
//! round trip and puts the message next to the input.

use std::collections::BTreeMap;

use api::console::ParamInfo;
use serde_json::{Map, Number, Value};

/// Raw input text per parameter name (`"true"`/`"false"` for checkboxes).
pub(crate) type RawValues = BTreeMap<String, String>;

/// Error message per parameter name.
pub(crate) type FieldErrors = BTreeMap<String, String>;

/// One parameter's value: `Ok(None)` when an optional parameter is left empty (the engine then
/// applies its default), `Err(message)` when the text does not fit the schema.
pub(crate) fn parse(p: &ParamInfo, raw: &str) -> Result<Option<Value>, String> {
    let text = raw.trim();
    if text.is_empty() && p.kind != "bool" {
        return if p.required {
            Err("Required.".into())
        } else {
            Ok(None)
        };
    }
    match p.kind.as_str() {
        "int" => {
            let n: i64 = text
                .parse()
                .map_err(|_| "Enter a whole number.".to_string())?;
            check_range(p, n as f64)?;
            Ok(Some(Value::from(n)))
        }
        "float" => {
            let x: f64 = text
                .parse()
                .ok()
                .filter(|x: &f64| x.is_finite())
                .ok_or("Enter a number.")?;
            check_range(p, x)?;
            Ok(Some(Number::from_f64(x).map_or(Value::Null, Value::Number)))
        }
        "bool" => match text {
            "true" => Ok(Some(Value::Bool(true))),
            "false" | "" => Ok(Some(Value::Bool(false))),
            _ => Err("Choose true or false.".into()),
        },
        "enum" if !p.choices.iter().any(|c| c == text) => {
            Err(format!("Choose one of: {}.", p.choices.join(", ")))
        }
        _ => Ok(Some(Value::String(text.to_string()))),
    }
}

/// Inclusive bounds check with a message naming the bounds that apply.
fn check_range(p: &ParamInfo, x: f64) -> Result<(), String> {
    let below = p.min.is_some_and(|min| x < min);
    let above = p.max.is_some_and(|max| x > max);
    if !below && !above {
        return Ok(());
    }
    Err(match (p.min, p.max) {
        (Some(min), Some(max)) => format!("Must be between {min} and {max}."),
        (Some(min), None) => format!("Must be at least {min}."),
        (None, Some(max)) => format!("Must be at most {max}."),
        (None, None) => unreachable!("out of range without bounds"),
    })
}

/// All parameters at once: the JSON object to submit, or every field's error.
pub(crate) fn validate(
    params: &[ParamInfo],
    raw: &RawValues,
) -> Result<Map<String, Value>, FieldErrors> {
    let mut values = Map::new();
    let mut errors = FieldErrors::new();
    for p in params {
        match parse(p, raw.get(&p.name).map(String::as_str).unwrap_or("")) {
            Ok(Some(v)) => {
                values.insert(p.name.clone(), v);
            }
            Ok(None) => {}
            Err(e) => {
                errors.insert(p.name.clone(), e);
            }
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// A parameter `name` of `kind` with no bounds, choices, default or help (for tests).
#[cfg(test)]
pub(crate) fn bare_param(name: &str, kind: &str) -> ParamInfo {
    ParamInfo {
        name: name.into(),
        kind: kind.into(),
        choices: vec![],
        required: false,
        default: None,
        min: None,
        max: None,
        help: String::new(),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::{bare_param as param, *};
    use serde_json::json;

    #[test]
    fn required_and_optional_empties() {
        let mut p = param("source", "string");
        assert_eq!(parse(&p, "  "), Ok(None));
        p.required = true;
        assert_eq!(parse(&p, ""), Err("Required.".into()));
        assert_eq!(parse(&p, " Vivian "), Ok(Some(json!("Vivian"))));
    }

    #[test]
    fn integers_and_ranges() {
        let mut p = param("max_iterations", "int");
        p.min = Some(1.0);
        p.max = Some(2000.0);
        assert_eq!(parse(&p, "1000"), Ok(Some(json!(1000))));
        assert_eq!(parse(&p, "1.5"), Err("Enter a whole number.".into()));
        assert_eq!(parse(&p, "0"), Err("Must be between 1 and 2000.".into()));
        assert_eq!(parse(&p, "2001"), Err("Must be between 1 and 2000.".into()));
        assert_eq!(parse(&p, "1"), Ok(Some(json!(1))));
        p.max = None;
        assert_eq!(parse(&p, "-3"), Err("Must be at least 1.".into()));
    }

    #[test]
    fn floats_are_finite_and_bounded() {
        let mut p = param("alpha", "float");
        p.min = Some(0.0);
        p.max = Some(1.0);
        assert_eq!(parse(&p, "0.85"), Ok(Some(json!(0.85))));
        assert_eq!(parse(&p, "1e-5"), Ok(Some(json!(0.00001))));
        assert_eq!(parse(&p, "abc"), Err("Enter a number.".into()));
        assert_eq!(parse(&p, "NaN"), Err("Enter a number.".into()));
        assert_eq!(parse(&p, "inf"), Err("Enter a number.".into()));
        assert_eq!(parse(&p, "1.5"), Err("Must be between 0 and 1.".into()));
        p.min = None;
        assert_eq!(parse(&p, "2"), Err("Must be at most 1.".into()));
    }

    #[test]
    fn booleans_and_enums() {
        let b = param("directed", "bool");
        assert_eq!(parse(&b, "true"), Ok(Some(json!(true))));
        assert_eq!(parse(&b, ""), Ok(Some(json!(false))));
        assert_eq!(parse(&b, "yes"), Err("Choose true or false.".into()));
        let mut e = param("mode", "enum");
        e.choices = vec!["OUT".into(), "IN".into(), "ALL".into()];
        assert_eq!(parse(&e, "IN"), Ok(Some(json!("IN"))));
        assert_eq!(
            parse(&e, "SIDEWAYS"),
            Err("Choose one of: OUT, IN, ALL.".into())
        );
    }

    #[test]
    fn validate_collects_values_or_every_error() {
        let mut alpha = param("alpha", "float");
        alpha.max = Some(1.0);
        let mut source = param("source", "string");
        source.required = true;
        let optional = param("weight", "string");
        let params = [alpha, source, optional];

        let ok: RawValues = [("alpha", "0.5"), ("source", "Vivian")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into();
        assert_eq!(
            validate(&params, &ok),
            Ok(json!({"alpha": 0.5, "source": "Vivian"})
                .as_object()
                .unwrap()
                .clone())
        );

        let bad: RawValues = [("alpha", "3")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into();
        let errors = validate(&params, &bad).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors["alpha"], "Must be at most 1.");
        assert_eq!(errors["source"], "Required.");
    }
}
