//! The jobs table's URL state: `/jobs?state=running&type=Algorithm&graph=movie&q=pr&page=2`.
//! Filters and page live in the query string only, so a reload, a bookmark or a shared link
//! shows the same rows. Pure functions, so the links are the same in SSR and hydration.

use crate::paging::{JOBS_PAGE_SIZE, Page};

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
        let text = |k: &str| get(k).map(|v| v.trim().to_string()).unwrap_or_default();
        Self {
            page: Page::new(get("page").and_then(|p| p.parse().ok()), JOBS_PAGE_SIZE).number,
            state: text("state"),
            job_type: text("type"),
            graph: text("graph"),
            text: text("q"),
        }
    }

    /// The page of rows this query shows.
    pub(crate) fn page(&self) -> Page {
        Page::new(Some(self.page), JOBS_PAGE_SIZE)
    }

    /// Whether any filter is set.
    pub(crate) fn is_filtered(&self) -> bool {
        !(self.state.is_empty()
            && self.job_type.is_empty()
            && self.graph.is_empty()
            && self.text.is_empty())
    }

    /// The same filters on page `page`, as a link: `/jobs?state=…&page=N`. Empty filters and
    /// page 1 are left out, so the unfiltered first page is plain `/jobs`.
    pub(crate) fn href(&self, page: u64) -> String {
        let mut pairs: Vec<(&str, String)> = [
            ("state", &self.state),
            ("type", &self.job_type),
            ("graph", &self.graph),
            ("q", &self.text),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, encode(v)))
        .collect();
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        if pairs.is_empty() {
            return "/jobs".into();
        }
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("/jobs?{}", query.join("&"))
    }
}

/// Percent-encodes a query value (everything but unreserved characters; space as `%20`).
pub(crate) fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The parameters of `url`'s query, decoded, as a lookup by name (tests read back the URLs the
/// pages build).
#[cfg(all(test, feature = "ssr"))]
pub(crate) fn url_params(url: &str) -> impl Fn(&str) -> Option<String> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), decode(v)))
        .collect();
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

/// The inverse of [`encode`].
#[cfg(all(test, feature = "ssr"))]
fn decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
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
