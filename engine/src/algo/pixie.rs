//! Pixie (GES `pixie`): Pinterest's Pixie recommendation, random walks with restarts from the
//! sources whose visit counts are pooled so that vertices many sources reach rank first.
//!
//! REFERENCE names `pixie` twice and gives nothing else: §3.1 says a parameter page exists and
//! §2.4 lists it among the algorithms whose result can be exported. Our choices, for the
//! record: it is the walk of Eksombatchai et al., "Pixie: A System for Recommending 3+ Billion
//! Items to 200+ Million Users in Real-Time" (WWW 2018), which GES's `realtime_recommendation`
//! (same random walk, same early stop on `nv`/`np`) also follows, so it takes that algorithm's
//! parameters and walk ([`super::recommend_walk`]). What differs is the paper's multi-hit
//! boosting: a vertex visited `c_q` times from source `q` scores `(Σ_q √c_q)²`, which favours a
//! vertex that several sources reach over one that a single source reaches as often. Scores are
//! visit counts, not shares. Rows: `results` of `{"id", "pixie"}`, best first, plus `sources`.
//! It runs async only (§3.1's sync list does not name it).

use super::{AlgoOutput, AlgorithmSpec, Params, Result, recommend_walk};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "pixie";

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Pixie: random walks with restarts from the sources; visit counts are pooled \
                  as (Σ √count)² so vertices several sources reach rank first. Best first; \
                  label keeps one vertex label.",
    params: recommend_walk::PARAMS,
    sync: false,
    result_key: "results",
    filters: &[],
};

/// Multi-hit boosted score of a vertex visited `counts` times (one count per source).
pub fn score(counts: &[u32], _steps: u64) -> f64 {
    let root_sum: f64 = counts.iter().map(|&c| f64::from(c).sqrt()).sum();
    root_sum * root_sum
}

/// Checks `pixie`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    recommend_walk::WalkConfig::from_params(p).map(drop)
}

/// Runs `pixie` for the catalogue: scalar `sources`, rows `results` of `{"id", "pixie"}`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    recommend_walk::run(g, p, ctl, "pixie", score)
}
