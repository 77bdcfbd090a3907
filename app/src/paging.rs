//! Paging maths for the URL-driven list pages: which rows a page shows and where the
//! Previous/Next links go. Pure functions, so the links are the same in SSR and hydration.

/// Rows per page of the jobs table.
pub(crate) const JOBS_PAGE_SIZE: u64 = 20;

/// Page sizes offered for result rows; the first is the default.
pub(crate) const RESULT_PAGE_SIZES: [u64; 3] = [10, 25, 100];

/// A 1-based page number of the jobs table (`?page=N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Page {
    /// 1-based page number.
    pub(crate) number: u64,
    /// Rows per page.
    pub(crate) size: u64,
}

impl Page {
    /// Page `number` (missing or 0 means the first page).
    pub(crate) fn new(number: Option<u64>, size: u64) -> Self {
        Self {
            number: number.unwrap_or(1).max(1),
            size: size.max(1),
        }
    }

    /// Offset of the page's first row.
    pub(crate) fn offset(self) -> u64 {
        (self.number - 1).saturating_mul(self.size)
    }

    /// Number of pages for `total` rows (at least one, so "page 1 of 1" for an empty list).
    pub(crate) fn count(self, total: u64) -> u64 {
        total.div_ceil(self.size).max(1)
    }

    /// The previous page number, if any.
    pub(crate) fn prev(self) -> Option<u64> {
        (self.number > 1).then(|| self.number - 1)
    }

    /// The next page number, if `total` rows reach beyond this page.
    pub(crate) fn next(self, total: u64) -> Option<u64> {
        (self.offset().saturating_add(self.size) < total).then(|| self.number + 1)
    }
}

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
            .map(|s| format!("&sort={}", crate::jobs_query::encode(s)))
            .unwrap_or_default();
        format!("/jobs/{id}?offset={offset}&limit={}{sort}", self.limit)
    }

    /// The previous window's offset, if this one does not start at row 0. A window that does
    /// not start on a page boundary goes back to the nearest one.
    pub(crate) fn prev(&self) -> Option<u64> {
        (self.offset > 0).then(|| self.offset.saturating_sub(self.limit))
    }

    /// The next window's offset, if `total` rows reach beyond this window.
    pub(crate) fn next(&self, total: u64) -> Option<u64> {
        let next = self.offset.saturating_add(self.limit);
        (next < total).then_some(next)
    }

    /// `rows 11–20 of 57` for a page of `shown` rows; `no rows` when empty.
    pub(crate) fn label(&self, shown: u64, total: u64) -> String {
        if shown == 0 {
            return if total == 0 {
                "no rows".into()
            } else {
                format!("no rows here (the result has {total})")
            };
        }
        format!(
            "rows {}–{} of {}",
            self.offset + 1,
            self.offset + shown,
            total
        )
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_start_at_one() {
        assert_eq!(
            Page::new(None, 20),
            Page {
                number: 1,
                size: 20
            }
        );
        assert_eq!(Page::new(Some(0), 20).number, 1);
        assert_eq!(Page::new(Some(3), 20).offset(), 40);
        assert_eq!(Page::new(Some(1), 0).size, 1);
    }

    #[test]
    fn page_links() {
        let first = Page::new(Some(1), 20);
        assert_eq!(first.prev(), None);
        assert_eq!(first.next(20), None);
        assert_eq!(first.next(21), Some(2));
        let third = Page::new(Some(3), 20);
        assert_eq!(third.prev(), Some(2));
        assert_eq!(third.next(60), None);
        assert_eq!(third.next(61), Some(4));
        assert_eq!(Page::new(Some(u64::MAX), 20).next(u64::MAX), None);
    }

    #[test]
    fn page_count_is_at_least_one() {
        let p = Page::new(None, 20);
        assert_eq!(p.count(0), 1);
        assert_eq!(p.count(20), 1);
        assert_eq!(p.count(21), 2);
    }

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
