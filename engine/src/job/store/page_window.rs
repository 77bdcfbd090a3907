//! A job-list page read from whichever end of the newest-first order is nearer.
//!
//! `OFFSET k` costs both stores `k` skipped entries, so the last page of a million jobs cost a
//! million while the first cost twenty. With the exact total known before the page is read
//! (the count comes first), a page in the older half is read oldest first instead: it skips
//! `total − offset − limit` entries, and the rows are put back newest first.

/// Which rows of the oldest-first or newest-first order make up a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PageWindow {
    /// Read oldest first (and reverse the rows).
    pub(super) oldest_first: bool,
    /// Rows skipped in the reading order.
    pub(super) offset: u64,
    /// Rows read.
    pub(super) limit: u64,
}

impl PageWindow {
    /// The window of the newest-first page `offset`, `limit` among `total` matches.
    pub(super) fn new(offset: u64, limit: u64, total: u64) -> Self {
        let newest_first = Self {
            oldest_first: false,
            offset,
            limit,
        };
        if offset >= total {
            return newest_first;
        }
        let end = offset.saturating_add(limit).min(total);
        let from_oldest = total - end;
        if from_oldest < offset {
            Self {
                oldest_first: true,
                offset: from_oldest,
                limit: end - offset,
            }
        } else {
            newest_first
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PageWindow;

    /// The rows (0 = newest) a window reads, newest first.
    fn rows(w: PageWindow, total: u64) -> Vec<u64> {
        let read: Vec<u64> = (w.offset..w.offset + w.limit).collect();
        if w.oldest_first {
            // Position i oldest first is row total - 1 - i newest first.
            read.iter().rev().map(|i| total - 1 - i).collect()
        } else {
            read.into_iter().filter(|&r| r < total).collect()
        }
    }

    #[test]
    fn every_page_reads_the_same_rows_from_the_nearer_end() {
        for total in [0u64, 1, 2, 5, 20, 21, 99, 100, 101] {
            for limit in [1u64, 3, 20, 100] {
                for offset in 0..total + 3 {
                    let w = PageWindow::new(offset, limit, total);
                    let want: Vec<u64> = (offset..(offset + limit).min(total)).collect();
                    assert_eq!(
                        rows(w, total),
                        want,
                        "total {total} offset {offset} limit {limit}"
                    );
                    assert!(w.offset <= offset, "never skips more than newest first");
                }
            }
        }
    }

    #[test]
    fn the_last_page_of_a_million_skips_nothing() {
        let w = PageWindow::new(999_980, 20, 1_000_000);
        assert_eq!(
            w,
            PageWindow {
                oldest_first: true,
                offset: 0,
                limit: 20
            }
        );
        assert!(!PageWindow::new(0, 20, 1_000_000).oldest_first);
        // The middle: either end skips about half.
        assert!(PageWindow::new(500_000, 20, 1_000_000).offset <= 500_000);
    }
}
