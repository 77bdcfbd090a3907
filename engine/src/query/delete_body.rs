//! The body of a delete by filter (`…/vertices/action?action_id=delete`, REFERENCE §4.3) → a
//! [`QuerySpec`] whose `limit` is the most vertices to delete.
//!
//! What a vertex query reads, minus what has no meaning for a delete, refused by name (GES.8000)
//! rather than ignored, since ignoring a field of a delete changes what is lost:
//! - `labels` and `vertexFilters` (property filters) select, as in a vertex query.
//! - `limit` (1–100000) deletes at most that many matches: the first by vertex id (ascending
//!   string order). Without it every match is deleted.
//! - `sorts`, `offset`, `begin` and `end` are refused, and so is a filter without
//!   `propertyName` (a degree filter, §4.3's "property or degree"): graphjobs deletes by label
//!   and property only, and chooses the vertices a `limit` keeps by id.

use serde_json::Value;

use super::{QuerySpec, QueryTarget};
use crate::{Error, Result};

/// `limit` of a delete that has none: every match.
const ALL: u64 = u64::MAX;

impl QuerySpec {
    /// Validates a delete-by-filter body (see the [module docs](self)).
    ///
    /// # Errors
    /// `InvalidArgument` naming the field: as [`QuerySpec::parse`], plus the refused fields.
    pub fn parse_delete(body: &Value) -> Result<Self> {
        if let Value::Object(map) = body {
            for key in ["sorts", "offset", "begin", "end"] {
                if map.get(key).is_some_and(|v| !v.is_null()) {
                    return Err(Error::invalid(format!(
                        "parameter [{key}] is invalid! A delete by filter takes labels, \
                         vertexFilters and limit (the first matches by vertex id); [{key}] is \
                         not supported."
                    )));
                }
            }
            if let Some(Value::Array(filters)) = map.get("vertexFilters") {
                let degree = filters.iter().position(|f| {
                    f.is_object() && f.get("propertyName").is_none_or(Value::is_null)
                });
                if let Some(i) = degree {
                    return Err(Error::invalid(format!(
                        "parameter [vertexFilters[{i}]] is invalid! graphjobs deletes by \
                         property filters only (propertyName, predicate, values); degree \
                         filters are not supported."
                    )));
                }
            }
        }
        let mut spec = Self::parse(QueryTarget::Vertices, body)?;
        if body.get("limit").is_none_or(Value::is_null) {
            spec.limit = ALL;
        }
        Ok(spec)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn limit_is_kept_absent_means_all_and_unsupported_fields_are_named() {
        let spec = QuerySpec::parse_delete(&json!({"labels": ["u"], "limit": "5"})).unwrap();
        assert_eq!(spec.limit, 5);
        let spec = QuerySpec::parse_delete(&json!({"labels": ["u"]})).unwrap();
        assert_eq!(spec.limit, ALL);
        let err = |body: Value| QuerySpec::parse_delete(&body).unwrap_err().to_string();
        for key in ["sorts", "offset", "begin", "end"] {
            let mut body = json!({"labels": ["u"]});
            body[key] = json!(1);
            assert!(err(body).contains(&format!("[{key}]")), "{key}");
        }
        let degree = json!({"vertexFilters": [{"degree": "out", "predicate": ">", "values": [2]}]});
        assert!(err(degree).contains("[vertexFilters[0]]"));
        assert!(err(json!({"labels": ["u"], "limit": 0})).contains("[limit]"));
    }
}
