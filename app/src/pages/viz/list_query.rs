//! The visualization table's URL state: `/visualizations?status=RUNNING&q=pr&page=2`. Status
//! filter, name search and page live in the query string only, so a reload or a shared link
//! shows the same rows (`crate::list::ListUrl`).

use crate::list::{self, ListUrl};

/// Filters and page of the table. An empty string means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct VizQuery {
    /// 1-based page number.
    pub(crate) page: u64,
    /// A status word of `api::console::viz::VIZ_STATES` (`?status=`), upper-case.
    pub(crate) status: String,
    /// Text searched in job names (`?q=`).
    pub(crate) text: String,
}

impl VizQuery {
    /// Reads the query string through `get` (a missing key and an empty value are the same).
    pub(crate) fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            page: list::page_number(&get),
            status: list::text(&get, "status").to_ascii_uppercase(),
            text: list::text(&get, "q"),
        }
    }
}

/// `/visualizations?status=…&q=…&page=N`.
impl ListUrl for VizQuery {
    const BASE: &'static str = "/visualizations";

    fn filters(&self) -> Vec<(&'static str, &str)> {
        vec![("status", &self.status), ("q", &self.text)]
    }

    fn page_number(&self) -> u64 {
        self.page
    }
}

/// The ModelArts status integer of a status word, if it is one (the list server function's
/// filter).
#[cfg(feature = "ssr")]
pub(crate) fn status_code(word: &str) -> Option<i64> {
    api::console::viz::VIZ_STATES
        .iter()
        .find(|(_, w)| w.eq_ignore_ascii_case(word))
        .map(|(code, _)| *code)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use api::console::viz::VIZ_STATES;

    fn query(pairs: &[(&str, &str)]) -> VizQuery {
        VizQuery::from_query(|k| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn reads_filters_and_page() {
        let q = query(&[("status", "failed"), ("q", " pr view "), ("page", "3")]);
        assert_eq!(
            (q.status.as_str(), q.text.as_str(), q.page),
            ("FAILED", "pr view", 3)
        );
        assert!(q.is_filtered());
        assert_eq!(q.page().offset(), 2 * list::PAGE_SIZE);
        let none = query(&[("page", "zero"), ("status", "")]);
        assert_eq!(
            none,
            VizQuery {
                page: 1,
                ..Default::default()
            }
        );
        assert!(!none.is_filtered());
    }

    #[test]
    fn links_keep_the_filters_percent_encoded() {
        let q = query(&[("status", "RUNNING"), ("q", "a b&c")]);
        assert_eq!(
            q.href(2),
            "/visualizations?status=RUNNING&q=a%20b%26c&page=2"
        );
        assert_eq!(q.href(1), "/visualizations?status=RUNNING&q=a%20b%26c");
        assert_eq!(VizQuery::default().href(1), "/visualizations");
        assert_eq!(VizQuery::default().href(4), "/visualizations?page=4");
    }

    #[test]
    fn status_words_are_the_engines_names_of_its_codes() {
        use engine::viz::VizState;
        assert_eq!(VIZ_STATES.len(), VizState::ALL.len());
        for s in VizState::ALL {
            let word = api::convert::viz::state_word(s);
            assert_eq!(status_code(word), Some(s.code()), "{word}");
            assert_eq!(format!("{s:?}").to_ascii_uppercase(), word);
        }
        assert_eq!(status_code("running"), Some(8));
        assert_eq!(status_code("DONE"), None);
    }
}
