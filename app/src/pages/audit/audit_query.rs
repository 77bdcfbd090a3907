//! The audit page's URL: `?user=&trace_name=&resource_type=&resource_id=&rating=&next=`, the
//! filters the page offers (each exact, as the trace list's), and the marker of the page.

use serde::{Deserialize, Serialize};

/// The filters and page marker in the URL; empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct AuditQuery {
    /// The actor's name or id.
    pub(crate) user: String,
    /// The operation (`cancelJob`, …).
    pub(crate) trace_name: String,
    /// The target's type.
    pub(crate) resource_type: String,
    /// The target's id.
    pub(crate) resource_id: String,
    /// `normal`, `warning` or `incident`.
    pub(crate) rating: String,
    /// The marker of the page before (the last entry shown there).
    pub(crate) next: String,
}

/// The URL's keys, in the form's order.
const KEYS: [&str; 6] = [
    "user",
    "trace_name",
    "resource_type",
    "resource_id",
    "rating",
    "next",
];

impl AuditQuery {
    /// Read from the URL's query map (`get` returns a parameter's value).
    pub(crate) fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let v = |k: &str| crate::list::text(&get, k);
        Self {
            user: v(KEYS[0]),
            trace_name: v(KEYS[1]),
            resource_type: v(KEYS[2]),
            resource_id: v(KEYS[3]),
            rating: v(KEYS[4]),
            next: v(KEYS[5]),
        }
    }

    fn values(&self) -> [&str; 6] {
        [
            &self.user,
            &self.trace_name,
            &self.resource_type,
            &self.resource_id,
            &self.rating,
            &self.next,
        ]
    }

    /// Whether any filter is set (the marker aside).
    pub(crate) fn is_filtered(&self) -> bool {
        self.values()[..5].iter().any(|v| !v.is_empty())
    }

    /// The link to the page after this one, whose first entry follows `marker`.
    #[cfg(any(feature = "ssr", test))]
    pub(crate) fn next_href(&self, marker: &str) -> String {
        let mut next = self.clone();
        next.next = marker.to_owned();
        next.href()
    }

    /// `/audit` with these parameters (empty ones left out).
    #[cfg(any(feature = "ssr", test))]
    pub(crate) fn href(&self) -> String {
        let pairs: Vec<(&str, &str)> = KEYS.into_iter().zip(self.values()).collect();
        crate::list::href("/audit", &pairs, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_url_and_links_the_next_page_with_the_same_filters() {
        let q = AuditQuery::from_query(|k| match k {
            "user" => Some(" token abc ".into()),
            "rating" => Some("warning".into()),
            _ => None,
        });
        assert_eq!(q.user, "token abc");
        assert!(q.is_filtered());
        assert_eq!(
            q.next_href("m-1"),
            "/audit?user=token%20abc&rating=warning&next=m-1"
        );
        assert_eq!(AuditQuery::default().href(), "/audit");
        assert!(!AuditQuery::default().is_filtered());
    }
}
