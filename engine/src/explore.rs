//! The console's graph explorer, read through the engine (its façade verbs are in
//! `engine/explore.rs`): a vertex's k-hop neighbourhood
//! ([`hood`]), one job's result column for the drawn vertices ([`column`]), and a path
//! result as a subgraph ([`path`]). All three only read: no job is queued, the graph is loaded
//! through the catalogue as an algorithm job loads it (and stays loaded for the next read).

use crate::{Error, Result};

pub mod column;
pub mod hood;
pub mod path;

pub use column::ColumnValues;
pub use hood::{HoodEdge, HoodQuery, HoodVertex, Subgraph};
pub use path::PathSubgraph;

/// Most neighbours one expanded vertex may contribute to one read.
pub const MAX_CAP: usize = hood::MAX_VERTICES;
/// Most hops one read walks.
pub const MAX_HOPS: u32 = 6;

/// Refuses a read that walks too far or asks for too much: hops over [`MAX_HOPS`], a cap of
/// 0 or over [`MAX_CAP`].
pub(crate) fn check_hood(q: &HoodQuery) -> Result<()> {
    if q.hops > MAX_HOPS || q.cap == 0 || q.cap > MAX_CAP {
        return Err(Error::invalid(format!(
            "hops must be at most {MAX_HOPS} and cap between 1 and {MAX_CAP}"
        )));
    }
    Ok(())
}
