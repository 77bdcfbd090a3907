//! The JSON metadata form: `{"ges_metadata":{"labels":[{"name":"user","properties":[{"name":
//! "Age","dataType":"int","cardinality":"single"}]}]}}`. Every attribute value is a string in the
//! cloud API (`"typeNameCount":"3"`); numbers and booleans are accepted too. A bare
//! `{"labels":[..]}` without the `ges_metadata` wrapper is accepted as well.

use serde_json::Value;

use super::{Label, Schema, SchemaError, property_from_attrs};

/// Parses the JSON metadata form.
pub(super) fn parse(text: &str) -> Result<Schema, SchemaError> {
    let root: Value = serde_json::from_str(text)
        .map_err(|e| SchemaError(format!("malformed schema JSON: {e}")))?;
    let meta = root.get("ges_metadata").unwrap_or(&root);
    let labels = meta
        .get("labels")
        .and_then(Value::as_array)
        .ok_or_else(|| SchemaError("schema JSON has no ges_metadata.labels array".into()))?;
    let mut schema = Schema::new();
    for (i, label) in labels.iter().enumerate() {
        let name = label.get("name").and_then(scalar).unwrap_or_default();
        if name.trim().is_empty() {
            return Err(SchemaError(format!("label #{} has no name", i + 1)));
        }
        let name = name.trim().to_string();
        let mut properties = Vec::new();
        match label.get("properties") {
            None | Some(Value::Null) => {}
            Some(Value::Array(props)) => {
                for p in props {
                    let Some(obj) = p.as_object() else {
                        return Err(SchemaError(format!(
                            "label [{name}]: a property is not a JSON object"
                        )));
                    };
                    let attrs: Vec<(String, String)> = obj
                        .iter()
                        .filter_map(|(k, v)| scalar(v).map(|v| (k.clone(), v)))
                        .collect();
                    properties.push(property_from_attrs(&name, &attrs)?);
                }
            }
            Some(_) => {
                return Err(SchemaError(format!(
                    "label [{name}]: properties is not an array"
                )));
            }
        }
        schema.add_label(Label { name, properties })?;
    }
    Ok(schema)
}

/// A string, number or boolean as text.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Cardinality, DataType};
    use super::*;

    #[test]
    fn parses_the_cloud_form_with_string_values() {
        let text = r#"{"ges_metadata":{"labels":[
            {"name":"user","properties":[
                {"name":"Age","dataType":"int","cardinality":"single"},
                {"name":"Country","dataType":"enum","cardinality":"single",
                 "typeNameCount":"3","typeName1":"US","typeName2":"CN","typeName3":"DE"},
                {"name":"Tags","dataType":"string","cardinality":"set"}]},
            {"name":"friends"}]}}"#;
        let s = Schema::from_json(text).unwrap();
        assert_eq!(s.labels().len(), 2);
        let user = s.label(0);
        assert_eq!(user.properties[0].data_type, DataType::Int);
        assert_eq!(
            user.properties[1].data_type,
            DataType::Enum(vec!["US".into(), "CN".into(), "DE".into()])
        );
        assert_eq!(user.properties[2].cardinality, Cardinality::Set);
        assert!(s.label(1).properties.is_empty());
        assert_eq!(Schema::parse(text).unwrap(), s, "parse() detects JSON");
    }

    #[test]
    fn numbers_are_accepted_and_errors_name_the_property() {
        let ok = r#"{"labels":[{"name":"u","properties":[
            {"name":"Zip","dataType":"char array","maxDataSize":12}]}]}"#;
        assert_eq!(
            Schema::from_json(ok).unwrap().label(0).properties[0].data_type,
            DataType::CharArray { max_data_size: 12 }
        );
        let bad = r#"{"ges_metadata":{"labels":[{"name":"u","properties":[
            {"name":"Score","dataType":"number","cardinality":"single"}]}]}}"#;
        let e = Schema::from_json(bad).unwrap_err();
        assert!(
            e.0.starts_with("label [u] property [Score]: unknown dataType [number]"),
            "{e}"
        );
        assert!(
            Schema::from_json("{}")
                .unwrap_err()
                .0
                .contains("no ges_metadata.labels")
        );
    }
}
