//! Real-time recommendation (GES `realtime_recommendation`, 2.2.21): the vertices a random walk
//! with restarts from the sources visits most.
//!
//! REFERENCE §3.2 gives the parameters and the result keys `score` `[{vid: double}]` and
//! `sources`; §3.1 lists it among the algorithms that may run `sync`. The walk, its early stop
//! and our choices are in [`super::recommend_walk`]. A vertex's score is its share of all `N`
//! steps: the visits from every source added up, divided by `N` (so scores sum to at most 1;
//! less when walks stop early or step onto sources). Rows: `results` of `{"id", "score"}`, best
//! first.

use super::{AlgoOutput, AlgorithmSpec, Params, Result, recommend_walk};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "realtime_recommendation";

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Real-time recommendation: random walks with restarts from the sources; a \
                  vertex's score is its share of the N steps. Best first; label keeps one \
                  vertex label.",
    params: recommend_walk::PARAMS,
    sync: true,
    result_key: "results",
    filters: &[],
};

/// Score of a vertex visited `counts` times (one count per source) in walks of `steps` steps.
pub fn score(counts: &[u32], steps: u64) -> f64 {
    counts.iter().map(|&c| f64::from(c)).sum::<f64>() / steps as f64
}

/// Checks `realtime_recommendation`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    recommend_walk::WalkConfig::from_params(p).map(drop)
}

/// Runs `realtime_recommendation` for the catalogue: scalar `sources`, rows `results` of
/// `{"id", "score"}`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    recommend_walk::run(g, p, ctl, "score", score)
}
