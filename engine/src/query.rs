//! Async vertex and edge filter queries (REFERENCE §4.1–4.2): labels, property filters combined
//! with and/or, sorts, offset/limit. A query runs as a job; its rows (GES's vertex or edge shape,
//! property values always arrays) are the job's result and page through job status.
//!
//! Semantics where the docs are silent (our choices):
//! - `labels` keeps elements whose label is any of them; it is ANDed with the filters.
//! - Filters fold left to right: each filter's `type` (`and`, default, or `or`) joins it to the
//!   result of the filters before it; the first filter's `type` is ignored.
//! - `=`, `<`, `>`, `<=`, `>=` compare with `values[0]`; `range` keeps `values[0] ≤ v ≤
//!   values[1]`. They apply to single-valued properties; on a list/set property they are refused
//!   (the docs allow only `has`/`hasNot` there).
//! - `has` keeps elements whose property holds any of `values` (for a single-valued property:
//!   equals one of them); `hasNot` is its negation (an element without the property matches).
//! - Values compare by the property's type: numerically for int/long/float/double (JSON numbers
//!   or numeric strings), as text otherwise (dates as `YYYY-MM-DD HH:MM:SS` compare in time
//!   order). An element whose label lacks the property never matches a comparison.
//! - `sorts` apply in order (`key` `id`/`label`/a property name, or `propertyName`; `orderValue`
//!   `incr` default or `decr`); ties keep id order, so results are deterministic.

mod delete_body;
mod filter;
pub mod filtered;
pub(crate) mod job;
mod parse;
pub mod path;
mod run;

pub(crate) use filter::compare;
pub use filter::{Combine, Filter, Predicate};
pub(crate) use run::matching_vertices;
pub use run::run;

use serde::{Deserialize, Serialize};

/// Vertices or edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueryTarget {
    /// `…/vertices/action?action_id=query`.
    Vertices,
    /// `…/edges/action?action_id=query`.
    Edges,
}

impl QueryTarget {
    /// The result key (`vertices` / `edges`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Vertices => "vertices",
            Self::Edges => "edges",
        }
    }
}

/// A validated query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuerySpec {
    /// What is queried.
    pub target: QueryTarget,
    /// Keep only these labels (empty: all).
    pub labels: Vec<String>,
    /// Property filters, folded left to right.
    pub filters: Vec<Filter>,
    /// Sort keys, most significant first.
    pub sorts: Vec<Sort>,
    /// First row of the answer.
    pub offset: u64,
    /// Rows in the answer (default 10).
    pub limit: u64,
}

/// One sort key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    /// `id`, `label`, or a property name.
    pub key: String,
    /// Descending (`decr`).
    pub descending: bool,
}

/// Default `limit`.
pub const DEFAULT_LIMIT: u64 = 10;
/// Largest `limit`.
pub const MAX_LIMIT: u64 = 100_000;

#[cfg(test)]
mod tests;
