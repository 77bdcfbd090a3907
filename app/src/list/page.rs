//! Which rows a list page shows: a page number (`?page=N`, the list tables) or an offset
//! (`?offset=`, `?rejected=`: the rows of one job). Pure functions, so the links are the same in
//! SSR and hydration.

/// Rows per page of every page-numbered list table.
pub(crate) const PAGE_SIZE: u64 = 20;

/// A 1-based page number of a list table (`?page=N`) and its size.
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

    /// `Page 2 of 5 · 93 jobs` (`what`: what the list holds, e.g. `jobs` or `matching jobs`).
    pub(crate) fn position(self, total: u64, what: &str) -> String {
        format!(
            "Page {} of {} · {total} {what}",
            self.number,
            self.count(total)
        )
    }
}

/// A window of `size` rows from row `offset` (0-based): the pages of a job's result rows and of
/// an import's rejected rows, whose offset is in the URL.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rows {
    /// First row (0-based).
    pub(crate) offset: u64,
    /// Rows per page.
    pub(crate) size: u64,
}

#[cfg(feature = "ssr")]
impl Rows {
    /// The previous window's offset, if this one does not start at row 0. A window that does not
    /// start on a page boundary goes back to the nearest one.
    pub(crate) fn prev(self) -> Option<u64> {
        (self.offset > 0).then(|| self.offset.saturating_sub(self.size))
    }

    /// The next window's offset, if `total` rows reach beyond this window.
    pub(crate) fn next(self, total: u64) -> Option<u64> {
        let next = self.offset.saturating_add(self.size);
        (next < total).then_some(next)
    }

    /// `rows 11–20 of 57` for a window showing `shown` rows; `None` when it shows none (each
    /// list words that itself).
    pub(crate) fn span(self, shown: u64, total: u64) -> Option<String> {
        (shown > 0).then(|| {
            format!(
                "rows {}–{} of {}",
                self.offset + 1,
                self.offset + shown,
                total
            )
        })
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
        assert_eq!(
            Page::new(Some(2), 20).position(41, "jobs"),
            "Page 2 of 3 · 41 jobs"
        );
    }

    #[test]
    fn row_windows() {
        let w = Rows {
            offset: 0,
            size: 10,
        };
        assert_eq!((w.prev(), w.next(10), w.next(11)), (None, None, Some(10)));
        let w = Rows {
            offset: 10,
            size: 10,
        };
        assert_eq!((w.prev(), w.next(25)), (Some(0), Some(20)));
        // Off-boundary offsets step back to row 0 rather than below it.
        assert_eq!(
            Rows {
                offset: 5,
                size: 10
            }
            .prev(),
            Some(0)
        );
        assert_eq!(w.span(7, 17).as_deref(), Some("rows 11–17 of 17"));
        assert_eq!(w.span(0, 17), None);
    }
}
