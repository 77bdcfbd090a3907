//! The query form's fields, as posted (`fields[name]`) and as the form is filled again from
//! the URL after a refusal (`?name=…&error=…`).

use serde::{Deserialize, Serialize};

/// Property filter rows the form offers.
#[cfg(feature = "ssr")]
pub(crate) const FILTER_ROWS: usize = 3;

/// One property filter row of the form, as typed.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct FilterRow<'a> {
    /// `or`, or anything else for `and` (GES's `type`); empty on the first row.
    pub(crate) join: &'a str,
    pub(crate) property: &'a str,
    pub(crate) predicate: &'a str,
    pub(crate) values: &'a str,
}

/// What the query form holds. Every field is text as typed; a missing one is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct QueryFields {
    /// Graph name.
    pub(crate) graph: String,
    /// `vertices`, `edges` or `path`.
    pub(crate) target: String,
    /// Labels, comma-separated (vertex and edge queries).
    pub(crate) labels: String,
    /// Property filters: name, predicate and comma-separated values, row by row, and how
    /// rows 2 and 3 join the rows before them (`and`, the default, or `or`: GES's `type`).
    pub(crate) prop1: String,
    pub(crate) pred1: String,
    pub(crate) value1: String,
    pub(crate) join2: String,
    pub(crate) prop2: String,
    pub(crate) pred2: String,
    pub(crate) value2: String,
    pub(crate) join3: String,
    pub(crate) prop3: String,
    pub(crate) pred3: String,
    pub(crate) value3: String,
    /// Sort: empty (none), `id`, `label` or `property` (then `sort_prop` names it).
    pub(crate) sort_key: String,
    pub(crate) sort_prop: String,
    /// `incr` or `decr`.
    pub(crate) sort_order: String,
    /// First row and row count (vertex and edge queries).
    pub(crate) offset: String,
    pub(crate) limit: String,
    /// Path query: start vertices (comma-separated), direction, edge label, hops, whether
    /// every vertex reached is returned, and the row cap.
    pub(crate) start: String,
    pub(crate) direction: String,
    pub(crate) edge_label: String,
    pub(crate) times: String,
    pub(crate) emit: String,
    pub(crate) path_limit: String,
}

impl QueryFields {
    /// The filter rows as (how it joins the rows before it, property, predicate, values); the
    /// first row's join is empty.
    #[cfg(feature = "ssr")]
    pub(crate) fn filters(&self) -> [FilterRow<'_>; FILTER_ROWS] {
        [
            ("", &self.prop1, &self.pred1, &self.value1),
            (&self.join2, &self.prop2, &self.pred2, &self.value2),
            (&self.join3, &self.prop3, &self.pred3, &self.value3),
        ]
        .map(|(join, property, predicate, values)| FilterRow {
            join,
            property,
            predicate,
            values,
        })
    }

    /// Every field as (name, value), by name.
    fn pairs(&self) -> Vec<(String, String)> {
        let Ok(serde_json::Value::Object(map)) = serde_json::to_value(self) else {
            return Vec::new();
        };
        map.into_iter()
            .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string()))
            .collect()
    }

    /// The fields named in a URL's query (`get`), the rest empty.
    pub(crate) fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let found: serde_json::Map<String, serde_json::Value> = Self::default()
            .pairs()
            .into_iter()
            .filter_map(|(name, _)| get(&name).map(|v| (name, v.into())))
            .collect();
        serde_json::from_value(found.into()).unwrap_or_default()
    }

    /// `/query?…` holding these fields and `error`: the form filled again after a refusal.
    #[cfg(feature = "ssr")]
    pub(crate) fn refused_url(&self, error: &str) -> String {
        let mut url = String::from("/query?");
        for (name, value) in self.pairs().into_iter().filter(|(_, v)| !v.is_empty()) {
            url.push_str(&format!("{name}={}&", crate::list::encode(&value)));
        }
        url.push_str(&format!("error={}", crate::list::encode(error)));
        url
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::list::url_params;

    #[test]
    fn a_refused_form_comes_back_from_its_url_as_typed() {
        let typed = QueryFields {
            graph: "movie".into(),
            target: "vertices".into(),
            prop1: "Age".into(),
            pred1: "range".into(),
            value1: "18, 25 & up".into(),
            ..Default::default()
        };
        let url = typed.refused_url("bad [x]");
        assert!(url.contains("&value1=18%2C%2025%20%26%20up&"), "{url}");
        assert!(url.starts_with("/query?"), "{url}");
        let get = url_params(&url);
        assert_eq!(QueryFields::from_query(&get), typed);
        assert_eq!(get("error").as_deref(), Some("bad [x]"));
    }
}
