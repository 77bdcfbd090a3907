//! The audit log's list: filters, page size and the `next` marker, as CTS's trace list takes
//! them (`from`/`to` in UTC milliseconds, `limit` 1–200, the marker of the page before).

use super::{Rating, Trace};
use crate::{Error, Result};

/// Entries a page holds when the caller names no `limit` (CTS's default).
pub const DEFAULT_LIMIT: u32 = 10;
/// The most entries a page holds (CTS's bound).
pub const MAX_LIMIT: u32 = 200;

/// What to list. Every filter is optional and exact; they combine with AND.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceQuery {
    /// Only actions at or after this time (ms since the epoch, UTC).
    pub from: Option<i64>,
    /// Only actions at or before this time (ms).
    pub to: Option<i64>,
    /// Entries in the page, 1–[`MAX_LIMIT`].
    pub limit: u32,
    /// The `marker` of the page before: the id of its last (oldest) entry.
    pub next: Option<String>,
    /// `GES` or `ModelArts`.
    pub service_type: Option<String>,
    /// The actor's name or id.
    pub user: Option<String>,
    /// The access key that signed the request.
    pub access_key: Option<String>,
    /// The target's type.
    pub resource_type: Option<String>,
    /// The target's name.
    pub resource_name: Option<String>,
    /// The target's id.
    pub resource_id: Option<String>,
    /// The operation's name.
    pub trace_name: Option<String>,
    /// One entry by id.
    pub trace_id: Option<String>,
    /// `normal`, `warning` or `incident`.
    pub rating: Option<Rating>,
}

impl Default for TraceQuery {
    fn default() -> Self {
        Self {
            from: None,
            to: None,
            limit: DEFAULT_LIMIT,
            next: None,
            service_type: None,
            user: None,
            access_key: None,
            resource_type: None,
            resource_name: None,
            resource_id: None,
            trace_name: None,
            trace_id: None,
            rating: None,
        }
    }
}

impl TraceQuery {
    /// Refuses a page size outside 1–[`MAX_LIMIT`], a negative time, and `from` after `to`.
    pub fn check(&self) -> Result<()> {
        if !(1..=MAX_LIMIT).contains(&self.limit) {
            return Err(Error::invalid(format!(
                "limit [{}] must be between 1 and {MAX_LIMIT}",
                self.limit
            )));
        }
        for (name, t) in [("from", self.from), ("to", self.to)] {
            if t.is_some_and(|t| t < 0) {
                return Err(Error::invalid(format!(
                    "{name} must be a time in UTC milliseconds"
                )));
            }
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(Error::invalid(format!("from [{from}] is after to [{to}]")));
        }
        Ok(())
    }
}

/// A page of the audit log, newest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TracePage {
    /// The entries.
    pub traces: Vec<Trace>,
    /// The marker of the next page (the last entry's id), `None` on the last page.
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_limits_and_inverted_ranges() {
        let q = |f: fn(&mut TraceQuery)| {
            let mut q = TraceQuery::default();
            f(&mut q);
            q.check()
        };
        assert!(q(|_| {}).is_ok());
        assert!(q(|q| q.limit = 0).is_err());
        assert!(q(|q| q.limit = 201).is_err());
        assert!(q(|q| q.limit = 200).is_ok());
        assert!(q(|q| (q.from, q.to) = (Some(5), Some(4))).is_err());
        assert!(q(|q| (q.from, q.to) = (Some(4), Some(4))).is_ok());
        assert!(q(|q| q.from = Some(-1)).is_err());
    }
}
