//! The query body as GES sends it → a [`QuerySpec`], refusing bad input with a
//! message naming the field.

use serde_json::{Map, Value};

use super::{Combine, DEFAULT_LIMIT, Filter, MAX_LIMIT, Predicate, QuerySpec, QueryTarget, Sort};
use crate::{Error, Result};

fn bad(message: String) -> Error {
    Error::invalid(message)
}

impl QuerySpec {
    /// Validates a §4.1/§4.2 body. `offset`/`limit` may be numbers or numeric strings (the edge
    /// sample sends strings).
    pub fn parse(target: QueryTarget, body: &Value) -> Result<Self> {
        let Value::Object(body) = body else {
            return Err(bad("the request body must be a JSON object".into()));
        };
        let filters_field = match target {
            QueryTarget::Vertices => "vertexFilters",
            QueryTarget::Edges => "edgeFilters",
        };
        let labels = match body.get("labels") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|l| match l {
                    Value::String(s) if !s.is_empty() => Ok(s.clone()),
                    _ => Err(bad(
                        "parameter [labels] must be an array of label names".into()
                    )),
                })
                .collect::<Result<_>>()?,
            Some(_) => return Err(bad("parameter [labels] must be an array".into())),
        };
        let filters = match body.get(filters_field) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, f)| filter(filters_field, i, f))
                .collect::<Result<_>>()?,
            Some(_) => return Err(bad(format!("parameter [{filters_field}] must be an array"))),
        };
        if labels.is_empty() && filters.is_empty() {
            return Err(bad(format!(
                "one of [labels] and [{filters_field}] is required"
            )));
        }
        let sorts = match body.get("sorts") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, s)| sort(i, s))
                .collect::<Result<_>>()?,
            Some(_) => return Err(bad("parameter [sorts] must be an array".into())),
        };
        let offset = number(body, "offset", 0, u64::MAX)?;
        let limit = number(body, "limit", DEFAULT_LIMIT, MAX_LIMIT)?;
        if limit == 0 {
            return Err(bad(format!("parameter [limit] must be 1..={MAX_LIMIT}")));
        }
        Ok(Self {
            target,
            labels,
            filters,
            sorts,
            offset,
            limit,
        })
    }
}

fn filter(field: &str, i: usize, f: &Value) -> Result<Filter> {
    let at = |name: &str| format!("{field}[{i}].{name}");
    let Value::Object(f) = f else {
        return Err(bad(format!("parameter [{field}[{i}]] must be an object")));
    };
    let property = match f.get("propertyName") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => {
            return Err(bad(format!(
                "parameter [{}] is required",
                at("propertyName")
            )));
        }
    };
    let predicate = match f.get("predicate") {
        Some(Value::String(s)) => Predicate::parse(s).ok_or_else(|| {
            bad(format!(
                "parameter [{}] is invalid: {s} ({})",
                at("predicate"),
                rules::predicate::QUERY.join(", ")
            ))
        })?,
        _ => return Err(bad(format!("parameter [{}] is required", at("predicate")))),
    };
    let values: Vec<String> = match f.get("values") {
        Some(Value::Array(vs)) => vs
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                Value::Number(n) => Ok(n.to_string()),
                Value::Bool(b) => Ok(b.to_string()),
                _ => Err(bad(format!(
                    "parameter [{}] holds strings, numbers or booleans",
                    at("values")
                ))),
            })
            .collect::<Result<_>>()?,
        _ => {
            return Err(bad(format!(
                "parameter [{}] must be an array",
                at("values")
            )));
        }
    };
    let needed = if predicate == Predicate::Range { 2 } else { 1 };
    if values.len() < needed {
        return Err(bad(format!(
            "parameter [{}] needs {needed} value(s) for predicate [{}]",
            at("values"),
            f["predicate"].as_str().unwrap_or_default()
        )));
    }
    let combine = match f.get("type").and_then(Value::as_str) {
        None | Some("and") => Combine::And,
        Some("or") => Combine::Or,
        Some(other) => {
            return Err(bad(format!(
                "parameter [{}] is invalid: {other} (and, or)",
                at("type")
            )));
        }
    };
    Ok(Filter {
        property,
        predicate,
        values,
        combine,
    })
}

fn sort(i: usize, s: &Value) -> Result<Sort> {
    let Value::Object(s) = s else {
        return Err(bad(format!("parameter [sorts[{i}]] must be an object")));
    };
    let key = ["key", "propertyName"]
        .iter()
        .find_map(|k| s.get(*k).and_then(Value::as_str).filter(|v| !v.is_empty()))
        .ok_or_else(|| bad(format!("parameter [sorts[{i}].key] is required")))?;
    let descending = match s.get("orderValue").and_then(Value::as_str) {
        None | Some("incr") => false,
        Some("decr") => true,
        Some(other) => {
            return Err(bad(format!(
                "parameter [sorts[{i}].orderValue] is invalid: {other} (incr, decr)"
            )));
        }
    };
    Ok(Sort {
        key: key.to_owned(),
        descending,
    })
}

fn number(body: &Map<String, Value>, name: &str, default: u64, max: u64) -> Result<u64> {
    let n = match body.get(name) {
        None | Some(Value::Null) => return Ok(default),
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
        Some(_) => None,
    };
    n.filter(|n| *n <= max)
        .ok_or_else(|| bad(format!("parameter [{name}] must be an integer 0..={max}")))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_edge_sample_parses_with_string_paging() {
        let q = QuerySpec::parse(
            QueryTarget::Edges,
            &json!({"labels": ["rate"], "edgeFilters": [
                {"propertyName": "Score", "predicate": "range", "values": [1, 3], "type": "or"}],
                "offset": "0", "limit": "20", "sorts": [{"key": "Score", "orderValue": "decr"}]}),
        )
        .unwrap();
        assert_eq!((q.offset, q.limit), (0, 20));
        assert_eq!(q.filters[0].values, ["1", "3"]);
        assert_eq!(q.filters[0].combine, Combine::Or);
        assert!(q.sorts[0].descending);
    }

    #[test]
    fn bad_bodies_name_the_parameter() {
        let err = |body: Value| {
            QuerySpec::parse(QueryTarget::Vertices, &body)
                .unwrap_err()
                .to_string()
        };
        assert!(err(json!({})).contains("[labels] and [vertexFilters]"));
        assert!(err(json!({"labels": "user"})).contains("[labels]"));
        assert!(
            err(json!({"vertexFilters": [{"propertyName": "a", "predicate": "~", "values": [1]}]}))
                .contains("vertexFilters[0].predicate")
        );
        assert!(
            err(json!({"vertexFilters": [{"propertyName": "a", "predicate": "range", "values": [1]}]}))
                .contains("vertexFilters[0].values")
        );
        assert!(err(json!({"labels": ["u"], "limit": 0})).contains("[limit]"));
        assert!(err(json!({"labels": ["u"], "limit": 100001})).contains("[limit]"));
        assert!(err(json!({"labels": ["u"], "offset": -1})).contains("[offset]"));
        assert!(
            err(json!({"labels": ["u"], "sorts": [{"key": "a", "orderValue": "up"}]}))
                .contains("orderValue")
        );
    }
}
