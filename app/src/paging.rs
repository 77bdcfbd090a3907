//! The window over a job's result rows in the URL (`?offset=&limit=&sort=`): which rows the job
//! page shows and where its Previous/Next links go (a list page's page number is
//! `crate::list::Page`). Pure functions, so the links are the same in SSR and hydration.

/// Page sizes offered for result rows; the first is the default.
pub(crate) const RESULT_PAGE_SIZES: [u64; 3] = [10, 25, 100];

/// An offset/limit window over a job's result rows (`?offset=&limit=&sort=`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Window {
    /// First row (0-based).
    pub(crate) offset: u64,
    /// Rows per page, one of [`RESULT_PAGE_SIZES`].
    pub(crate) limit: u64,
    /// Column sorted by, highest first; `None` = row order.
    pub(crate) sort: Option<String>,
}

impl Window {
    /// A window from the query string; an unknown limit falls back to the default size.
    pub(crate) fn new(offset: Option<u64>, limit: Option<u64>) -> Self {
        let limit = limit
            .filter(|l| RESULT_PAGE_SIZES.contains(l))
            .unwrap_or(RESULT_PAGE_SIZES[0]);
        Self {
            offset: offset.unwrap_or(0),
            limit,
            sort: None,
        }
    }

    /// The same window sorted by `sort` (an empty name is row order).
    pub(crate) fn sorted_by(mut self, sort: Option<String>) -> Self {
        self.sort = sort.filter(|s| !s.is_empty());
        self
    }
}

/// Links and labels, for the result section the server renders (`pages::jobs::sections`).
#[cfg(feature = "ssr")]
impl Window {
    /// The link to this job's result at `offset`, keeping page size and sort.
    pub(crate) fn href(&self, id: &str, offset: u64) -> String {
        let sort = self
            .sort
            .as_deref()
            .map(|s| format!("&sort={}", crate::list::encode(s)))
            .unwrap_or_default();
        format!("/jobs/{id}?offset={offset}&limit={}{sort}", self.limit)
    }

    /// The previous window's offset, if this one does not start at row 0. A window that does
    /// not start on a page boundary goes back to the nearest one.
    pub(crate) fn prev(&self) -> Option<u64> {
        self.rows().prev()
    }

    /// The next window's offset, if `total` rows reach beyond this window.
    pub(crate) fn next(&self, total: u64) -> Option<u64> {
        self.rows().next(total)
    }

    fn rows(&self) -> crate::list::Rows {
        crate::list::Rows {
            offset: self.offset,
            size: self.limit,
        }
    }

    /// `rows 11–20 of 57` for a page of `shown` rows; `no rows` when empty.
    pub(crate) fn label(&self, shown: u64, total: u64) -> String {
        match self.rows().span(shown, total) {
            Some(span) => span,
            None if total == 0 => "no rows".into(),
            None => format!("no rows here (the result has {total})"),
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn window_links_keep_size_and_sort() {
        let w = Window::new(Some(20), Some(25));
        assert_eq!(w.href("j1", 45), "/jobs/j1?offset=45&limit=25");
        let sorted = w.clone().sorted_by(Some("page rank".into()));
        assert_eq!(
            sorted.href("j1", 0),
            "/jobs/j1?offset=0&limit=25&sort=page%20rank"
        );
        assert_eq!(w.sorted_by(Some(String::new())).sort, None);
    }

    #[test]
    fn windows_accept_only_offered_sizes() {
        assert_eq!(
            Window::new(None, None),
            Window {
                sort: None,
                offset: 0,
                limit: 10
            }
        );
        assert_eq!(
            Window::new(Some(30), Some(25)),
            Window {
                sort: None,
                offset: 30,
                limit: 25
            }
        );
        assert_eq!(Window::new(Some(5), Some(7)).limit, 10);
        assert_eq!(Window::new(None, Some(100)).limit, 100);
    }

    #[test]
    fn window_links() {
        let w = Window::new(Some(0), Some(10));
        assert_eq!(w.prev(), None);
        assert_eq!(w.next(10), None);
        assert_eq!(w.next(11), Some(10));
        let w = Window::new(Some(10), Some(10));
        assert_eq!(w.prev(), Some(0));
        assert_eq!(w.next(25), Some(20));
        // Off-boundary offsets step back to row 0 rather than below it.
        assert_eq!(Window::new(Some(5), Some(10)).prev(), Some(0));
    }

    #[test]
    fn window_labels() {
        assert_eq!(
            Window::new(Some(10), Some(10)).label(10, 57),
            "rows 11–20 of 57"
        );
        assert_eq!(
            Window::new(Some(50), Some(10)).label(7, 57),
            "rows 51–57 of 57"
        );
        assert_eq!(Window::new(None, None).label(0, 0), "no rows");
        assert_eq!(
            Window::new(Some(90), None).label(0, 57),
            "no rows here (the result has 57)"
        );
    }
}
