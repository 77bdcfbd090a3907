//! The jobs table's URL state: `/jobs?state=running&type=Algorithm&graph=movie&q=pr&page=2`.
//! Filters and page live in the query string only, so a reload, a bookmark or a shared link
//! shows the same rows (`crate::list::ListUrl`).

use crate::list::{self, ListUrl};

/// The internal job states the state filter offers, in lifecycle order.
pub(crate) const STATES: [&str; 6] = [
    "queued",
    "running",
    "cancelling",
    "succeeded",
    "failed",
    "cancelled",
];

/// The job types the type filter offers (the engine's `taskType` words).
pub(crate) const TYPES: [&str; 13] = [
    "Algorithm",
    "ImportGraph",
    "CreateGraph",
    "ClearGraph",
    "DeleteGraph",
    "ExportResult",
    "ExportGraph",
    "VertexQuery",
    "EdgeQuery",
    "FilteredQuery",
    "PathQuery",
    "DeleteVertices",
    "CancelJobs",
];

/// Filters and page of the jobs table. An empty string means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct JobsQuery {
    /// 1-based page number.
    pub(crate) page: u64,
    /// Internal state word (`?state=`).
    pub(crate) state: String,
    /// Job type word (`?type=`).
    pub(crate) job_type: String,
    /// Graph name (`?graph=`).
    pub(crate) graph: String,
    /// Text searched in id, graph and algorithm (`?q=`).
    pub(crate) text: String,
}

impl JobsQuery {
    /// Reads the query string through `get` (a missing key and an empty value are the same).
    pub(crate) fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            page: list::page_number(&get),
            state: list::text(&get, "state"),
            job_type: list::text(&get, "type"),
            graph: list::text(&get, "graph"),
            text: list::text(&get, "q"),
        }
    }
}

/// `/jobs?state=…&type=…&graph=…&q=…&page=N`.
impl ListUrl for JobsQuery {
    const BASE: &'static str = "/jobs";

    fn filters(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("state", &self.state),
            ("type", &self.job_type),
            ("graph", &self.graph),
            ("q", &self.text),
        ]
    }

    fn page_number(&self) -> u64 {
        self.page
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> JobsQuery {
        JobsQuery::from_query(|k| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn reads_filters_and_page() {
        let q = query(&[
            ("state", "running"),
            ("type", "Algorithm"),
            ("graph", "movie"),
            ("q", " pr "),
            ("page", "3"),
        ]);
        assert_eq!(q.page, 3);
        assert_eq!(
            (
                q.state.as_str(),
                q.job_type.as_str(),
                q.graph.as_str(),
                q.text.as_str()
            ),
            ("running", "Algorithm", "movie", "pr")
        );
        assert!(q.is_filtered());
        assert_eq!(q.page().offset(), 40);
    }

    #[test]
    fn missing_or_bad_values_mean_any_and_page_one() {
        let q = query(&[("page", "zero"), ("state", "")]);
        assert_eq!(
            q,
            JobsQuery {
                page: 1,
                ..Default::default()
            }
        );
        assert!(!q.is_filtered());
        assert_eq!(query(&[("page", "0")]).page, 1);
    }

    #[test]
    fn links_keep_the_filters_percent_encoded() {
        let q = query(&[("state", "failed"), ("q", "a b&c"), ("page", "2")]);
        let href = q.href(3);
        assert_eq!(href, "/jobs?state=failed&q=a%20b%26c&page=3");
        assert_eq!(q.href(1), "/jobs?state=failed&q=a%20b%26c");
        assert_eq!(JobsQuery::default().href(1), "/jobs");
        assert_eq!(JobsQuery::default().href(2), "/jobs?page=2");
    }
}
