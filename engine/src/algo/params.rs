//! Parameter specs ([`ParamSpec`]) and reading an algorithm's `parameters` object against them:
//! defaults for absent or `null` values, lenient types (numeric strings, `"true"`), aliases,
//! ranges, and vertex-id lists (`sources`, `targets`, `seeds`).

mod spec;

use serde_json::{Map, Value};

use super::{AlgoError, AlgorithmSpec, Result};
pub use spec::{ParamKind, ParamSpec};

/// Other spellings accepted for a parameter (DECISIONS: `coveragence` = `convergence`; the
/// 2.2.4 page of `od_betweenness` says `OD` and `capacity` where the newer ones say `OD_pairs`
/// and `attendees`).
const ALIASES: &[(&str, &str)] = &[
    ("convergence", "coveragence"),
    ("OD_pairs", "OD"),
    ("attendees", "capacity"),
];

/// A parsed parameter value.
#[derive(Debug, Clone, PartialEq)]
enum Parsed {
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(String),
}

/// The `parameters` object of one request, read through its algorithm's spec.
#[derive(Debug, Clone, Copy)]
pub struct Params<'a> {
    spec: &'static AlgorithmSpec,
    map: &'a Map<String, Value>,
}

impl<'a> Params<'a> {
    /// Wraps `map` for algorithm `spec`.
    pub fn new(spec: &'static AlgorithmSpec, map: &'a Map<String, Value>) -> Self {
        Self { spec, map }
    }

    /// The raw value of `name` (or an alias), `None` when absent or `null`.
    pub fn raw(&self, name: &str) -> Option<&'a Value> {
        let alias = ALIASES.iter().find(|(n, _)| *n == name).map(|(_, a)| *a);
        [Some(name), alias]
            .into_iter()
            .flatten()
            .filter_map(|n| self.map.get(n))
            .find(|v| !v.is_null())
    }

    fn param(&self, name: &str) -> &'static ParamSpec {
        self.spec
            .params
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{} has no parameter {name}", self.spec.name))
    }

    /// Validates one parameter (used by tests to check that defaults are valid).
    #[cfg(test)]
    pub(crate) fn check(&self, spec: &ParamSpec) -> Result<()> {
        self.parse(spec).map(drop)
    }

    /// The value (or default) of parameter `spec`, type-checked and range-checked; `None` when
    /// absent without default.
    fn parse(&self, spec: &ParamSpec) -> Result<Option<Parsed>> {
        let invalid =
            |why: String| AlgoError::Param(format!("parameter [{}] is invalid! {why}", spec.name));
        let value = match (self.raw(spec.name), spec.default) {
            (Some(v), _) => v.clone(),
            (None, Some(d)) => Value::String(d.to_string()),
            (None, None) if spec.required => return Err(invalid("It is required.".into())),
            (None, None) => return Ok(None),
        };
        let parsed = match spec.kind {
            ParamKind::Int => {
                let n = as_int(&value).ok_or_else(|| invalid(expect("an integer", spec)))?;
                Parsed::Int(
                    in_range(n as f64, spec).ok_or_else(|| invalid(expect("an integer", spec)))?
                        as i64,
                )
            }
            ParamKind::Float => {
                let x = as_float(&value).ok_or_else(|| invalid(expect("a number", spec)))?;
                Parsed::Float(in_range(x, spec).ok_or_else(|| invalid(expect("a number", spec)))?)
            }
            ParamKind::Bool => Parsed::Bool(match &value {
                Value::Bool(b) => *b,
                Value::String(s) if s.eq_ignore_ascii_case("true") => true,
                Value::String(s) if s.eq_ignore_ascii_case("false") => false,
                _ => return Err(invalid("It must be true or false.".into())),
            }),
            ParamKind::String => Parsed::Text(match &value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return Err(invalid("It must be a string.".into())),
            }),
            ParamKind::Enum(options) => {
                let found = value
                    .as_str()
                    .and_then(|s| options.iter().find(|o| o.eq_ignore_ascii_case(s.trim())));
                match found {
                    Some(o) => Parsed::Text(o.to_string()),
                    None => {
                        return Err(invalid(format!(
                            "It must be one of {}.",
                            options.join(", ")
                        )));
                    }
                }
            }
        };
        Ok(Some(parsed))
    }

    fn get(&self, name: &str) -> Result<Option<Parsed>> {
        self.parse(self.param(name))
    }

    /// Integer parameter `name` (its default when absent).
    ///
    /// # Errors
    /// Missing without default, not an integer, or out of range.
    pub fn int(&self, name: &str) -> Result<i64> {
        match self.get(name)? {
            Some(Parsed::Int(n)) => Ok(n),
            _ => Err(missing(name)),
        }
    }

    /// Number parameter `name` (its default when absent).
    ///
    /// # Errors
    /// Missing without default, not a number, or out of range.
    pub fn float(&self, name: &str) -> Result<f64> {
        match self.get(name)? {
            Some(Parsed::Float(x)) => Ok(x),
            _ => Err(missing(name)),
        }
    }

    /// Boolean parameter `name` (its default when absent).
    ///
    /// # Errors
    /// Missing without default, or not a boolean.
    pub fn bool(&self, name: &str) -> Result<bool> {
        match self.get(name)? {
            Some(Parsed::Bool(b)) => Ok(b),
            _ => Err(missing(name)),
        }
    }

    /// Text or enum parameter `name`; `None` when optional, absent and without default.
    ///
    /// # Errors
    /// Required but missing, wrong type, or not one of an enum's words.
    pub fn string(&self, name: &str) -> Result<Option<String>> {
        match self.get(name)? {
            Some(Parsed::Text(s)) => Ok(Some(s)),
            None => Ok(None),
            Some(_) => Err(missing(name)),
        }
    }

    /// A required text parameter.
    ///
    /// # Errors
    /// Missing or of the wrong type.
    pub fn required_string(&self, name: &str) -> Result<String> {
        self.string(name)?.ok_or_else(|| missing(name))
    }
}

impl Params<'_> {
    /// A list of vertex ids (`sources`, `targets`, `seeds`): a CSV string (`"Alice,Nana"`,
    /// fields may be quoted, spaces around ids are trimmed) or a JSON array of strings or
    /// numbers. Duplicates are kept; callers resolve and dedupe. `Ok(None)` when absent and
    /// optional.
    ///
    /// # Errors
    /// Required but missing, not text or a list, empty, or longer than `max` ids.
    pub fn id_list(&self, name: &str, max: usize) -> Result<Option<Vec<String>>> {
        let spec = self.param(name);
        let invalid = |why: &str| AlgoError::Param(format!("parameter [{name}] is invalid! {why}"));
        let ids: Vec<String> = match self.raw(name) {
            None if spec.required => return Err(invalid("It is required.")),
            None => return Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.trim().to_string()),
                    Value::Number(n) => Ok(n.to_string()),
                    _ => Err(invalid("It must list vertex ids.")),
                })
                .collect::<Result<_>>()?,
            Some(Value::String(s)) => {
                split_csv(s).ok_or_else(|| invalid("It must be CSV text."))?
            }
            Some(Value::Number(n)) => vec![n.to_string()],
            Some(_) => return Err(invalid("It must be a CSV list of vertex ids.")),
        };
        let ids: Vec<String> = ids.into_iter().filter(|s| !s.is_empty()).collect();
        if ids.is_empty() {
            return Err(invalid("It must list at least one vertex id."));
        }
        if ids.len() > max {
            return Err(invalid(&format!("It must list at most {max} vertex ids.")));
        }
        Ok(Some(ids))
    }
}

/// The fields of one CSV record (standard quoting), trimmed; `None` for malformed text.
pub(super) fn split_csv(text: &str) -> Option<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        out.extend(record.ok()?.iter().map(str::to_string));
    }
    Some(out)
}

fn missing(name: &str) -> AlgoError {
    AlgoError::Param(format!("parameter [{name}] is invalid! It is required."))
}

fn expect(what: &str, spec: &ParamSpec) -> String {
    match (spec.min, spec.max) {
        (Some(lo), Some(hi)) if !spec.clamp => {
            let (open, close) = if spec.exclusive {
                ('(', ')')
            } else {
                ('[', ']')
            };
            format!("It must be {what} in {open}{lo}, {hi}{close}.")
        }
        (Some(lo), None) if !spec.clamp => {
            let op = if spec.exclusive { ">" } else { ">=" };
            format!("It must be {what} {op} {lo}.")
        }
        _ => format!("It must be {what}."),
    }
}

fn as_int(v: &Value) -> Option<i64> {
    let x = match v {
        Value::Number(n) => n.as_i64().map(|i| i as f64).or_else(|| n.as_f64())?,
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>()
                .map(|i| i as f64)
                .ok()
                .or_else(|| s.parse::<f64>().ok())?
        }
        _ => return None,
    };
    (x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15).then_some(x as i64)
}

fn as_float(v: &Value) -> Option<f64> {
    let x = match v {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    x.is_finite().then_some(x)
}

/// `x` if within the spec's bounds, clamped if the spec clamps, else `None`.
fn in_range(x: f64, spec: &ParamSpec) -> Option<f64> {
    let lo_ok = spec
        .min
        .is_none_or(|lo| if spec.exclusive { x > lo } else { x >= lo });
    let hi_ok = spec
        .max
        .is_none_or(|hi| if spec.exclusive { x < hi } else { x <= hi });
    if lo_ok && hi_ok {
        Some(x)
    } else if spec.clamp {
        Some(x.clamp(spec.min.unwrap_or(f64::MIN), spec.max.unwrap_or(f64::MAX)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::find;
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_getters_apply_defaults_strings_and_clamping() {
        let spec = find("pagerank").unwrap();
        let m = json!({"alpha": "0.5", "max_iterations": 7.0, "num_thread": 99, "directed": null});
        let p = Params::new(spec, m.as_object().unwrap());
        assert_eq!(p.float("alpha"), Ok(0.5));
        assert_eq!(p.float("convergence"), Ok(0.00001));
        assert_eq!(p.int("max_iterations"), Ok(7));
        assert_eq!(
            p.int("num_thread"),
            Ok(40),
            "num_thread is clamped to 1..=40"
        );
        assert_eq!(p.bool("directed"), Ok(true), "null takes the default");
    }

    #[test]
    fn id_lists_accept_csv_and_arrays() {
        let spec = find("shortest_path_of_vertex_sets").unwrap();
        let list = |v: Value| {
            let m = json!({ "sources": v });
            Params::new(spec, m.as_object().unwrap()).id_list("sources", 3)
        };
        assert_eq!(
            list(json!("Alice, Nana,\"a,b\"")),
            Ok(Some(vec!["Alice".into(), "Nana".into(), "a,b".into()]))
        );
        assert_eq!(
            list(json!(["x", 7])),
            Ok(Some(vec!["x".into(), "7".into()]))
        );
        assert_eq!(list(json!(12)), Ok(Some(vec!["12".into()])));
        let err = |v: Value| list(v).unwrap_err().to_string();
        assert_eq!(
            err(json!(null)),
            "parameter [sources] is invalid! It is required."
        );
        assert_eq!(
            err(json!(" , ")),
            "parameter [sources] is invalid! It must list at least one vertex id."
        );
        assert_eq!(
            err(json!("a,b,c,d")),
            "parameter [sources] is invalid! It must list at most 3 vertex ids."
        );
        assert_eq!(
            err(json!({"a": 1})),
            "parameter [sources] is invalid! It must be a CSV list of vertex ids."
        );
    }

    #[test]
    fn lower_bounds_only() {
        let node2vec = find("node2vec").unwrap();
        let m = json!({"P": 0});
        let p = Params::new(node2vec, m.as_object().unwrap());
        assert_eq!(
            p.float("P").unwrap_err().to_string(),
            "parameter [P] is invalid! It must be a number > 0."
        );
        let kcore = find("kcore").unwrap();
        let m = json!({"k": -1});
        let p = Params::new(kcore, m.as_object().unwrap());
        assert_eq!(
            p.int("k").unwrap_err().to_string(),
            "parameter [k] is invalid! It must be an integer >= 0."
        );
    }

    #[test]
    fn ints_reject_fractions_and_floats_reject_nan() {
        assert_eq!(as_int(&json!(3)), Some(3));
        assert_eq!(as_int(&json!("  12 ")), Some(12));
        assert_eq!(as_int(&json!("4.0")), Some(4));
        assert_eq!(as_int(&json!(4.5)), None);
        assert_eq!(as_int(&json!(true)), None);
        assert_eq!(as_float(&json!("1e-5")), Some(1e-5));
        assert_eq!(as_float(&json!("NaN")), None);
    }
}
