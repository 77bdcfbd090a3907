//! A `<property>`'s attributes (or a JSON property object's fields) to a [`PropertyDef`],
//! with errors naming the label and property.

use super::{Cardinality, DATA_TYPE_NAMES, DataType, PropertyDef, SchemaError};

/// Attributes of one `<property>` (or JSON property object), as key/value strings.
struct Attrs<'a>(&'a [(String, String)]);

impl<'a> Attrs<'a> {
    fn get(&self, key: &str) -> Option<&'a str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim())
    }
}

/// Builds a property from its attributes (`name`, `dataType`, `cardinality`, `maxDataSize`,
/// `typeNameCount`, `typeName1..N`), whichever form they came from.
pub(super) fn property_from_attrs(
    label: &str,
    attrs: &[(String, String)],
) -> Result<PropertyDef, SchemaError> {
    let attrs = Attrs(attrs);
    let name = attrs.get("name").unwrap_or_default();
    if name.is_empty() {
        return Err(SchemaError(format!(
            "label [{label}]: a property has no name"
        )));
    }
    let err = |msg: String| SchemaError(format!("label [{label}] property [{name}]: {msg}"));
    if name.chars().count() > 256 {
        return Err(err("the name is longer than 256 characters".into()));
    }
    if name
        .chars()
        .any(|c| matches!(c, '<' | '>' | '&' | '\u{0e}' | '\u{0f}' | '\u{1e}'))
    {
        return Err(err("the name must not contain <, > or &".into()));
    }
    let cardinality = match attrs
        .get("cardinality")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("") | Some("single") => Cardinality::Single,
        Some("list") => Cardinality::List,
        Some("set") => Cardinality::Set,
        Some(other) => {
            return Err(err(format!(
                "unknown cardinality [{other}] (expected single, list or set)"
            )));
        }
    };
    let Some(type_name) = attrs.get("dataType").filter(|t| !t.is_empty()) else {
        return Err(err("missing dataType".into()));
    };
    let data_type = match type_name.to_ascii_lowercase().as_str() {
        "char" => DataType::Char,
        "char array" => {
            let size = attrs
                .get("maxDataSize")
                .ok_or_else(|| err("dataType [char array] needs maxDataSize".into()))?;
            let max_data_size = size
                .parse::<u32>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| err(format!("invalid maxDataSize [{size}]")))?;
            if cardinality != Cardinality::Single {
                return Err(err(
                    "dataType [char array] must have cardinality single".into()
                ));
            }
            DataType::CharArray { max_data_size }
        }
        "float" => DataType::Float,
        "double" => DataType::Double,
        "bool" => DataType::Bool,
        "long" => DataType::Long,
        "int" => DataType::Int,
        "date" => DataType::Date,
        "string" => DataType::String,
        "enum" => DataType::Enum(enum_names(&attrs).map_err(err)?),
        _ => {
            return Err(err(format!(
                "unknown dataType [{type_name}] (expected one of {})",
                DATA_TYPE_NAMES.join(", ")
            )));
        }
    };
    Ok(PropertyDef {
        name: name.to_string(),
        data_type,
        cardinality,
    })
}

/// The `typeName1..N` values of an enum property.
fn enum_names(attrs: &Attrs<'_>) -> Result<Vec<String>, String> {
    let count = attrs
        .get("typeNameCount")
        .ok_or("dataType [enum] needs typeNameCount")?;
    let n = count
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=65535).contains(n))
        .ok_or_else(|| format!("invalid typeNameCount [{count}] (1 to 65535)"))?;
    let mut names: Vec<String> = Vec::with_capacity(n);
    for i in 1..=n {
        let v = attrs
            .get(&format!("typeName{i}"))
            .ok_or_else(|| format!("typeNameCount is {n} but typeName{i} is missing"))?;
        if names.iter().any(|x| x == v) {
            return Err(format!("enum value [{v}] is listed twice"));
        }
        names.push(v.to_string());
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn property_attrs_cover_every_data_type() {
        for name in DATA_TYPE_NAMES {
            let mut a = attrs(&[("name", "p"), ("dataType", name)]);
            if *name == "char array" {
                a.push(("maxDataSize".into(), "12".into()));
            }
            if *name == "enum" {
                a.extend(attrs(&[("typeNameCount", "1"), ("typeName1", "X")]));
            }
            let p = property_from_attrs("l", &a).unwrap();
            assert_eq!(p.data_type.as_str(), *name);
            assert_eq!(p.cardinality, Cardinality::Single);
        }
    }

    #[test]
    fn bad_properties_are_named_in_the_error() {
        let e = property_from_attrs("user", &attrs(&[("name", "Age"), ("dataType", "integer")]))
            .unwrap_err();
        assert!(
            e.0.starts_with("label [user] property [Age]: unknown dataType [integer]"),
            "{e}"
        );
        let e = property_from_attrs(
            "user",
            &attrs(&[
                ("name", "Zip"),
                ("dataType", "char array"),
                ("cardinality", "list"),
            ]),
        )
        .unwrap_err();
        assert!(e.0.contains("needs maxDataSize"), "{e}");
        let e = property_from_attrs(
            "user",
            &attrs(&[
                ("name", "G"),
                ("dataType", "enum"),
                ("typeNameCount", "2"),
                ("typeName1", "F"),
            ]),
        )
        .unwrap_err();
        assert!(e.0.contains("typeName2 is missing"), "{e}");
        let e = property_from_attrs(
            "user",
            &attrs(&[("name", "G"), ("dataType", "int"), ("cardinality", "bag")]),
        )
        .unwrap_err();
        assert!(e.0.contains("unknown cardinality [bag]"), "{e}");
    }
}
