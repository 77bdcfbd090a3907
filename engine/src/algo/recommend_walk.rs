//! The random walk with restarts behind `realtime_recommendation` and `pixie`: their shared
//! parameters, the walk, and the answer's shape.
//!
//! Parameters are `realtime_recommendation`'s (2.2.21, REFERENCE §3.2): `sources` (required,
//! CSV, at most `source_limit` ids), `alpha` (0, 1) 0.85, `N` 1–200000 10000, `nv` 1–10 5,
//! `np` 1–2000 1000, `label`, `directed` true, `source_limit` 1–100000 30, `restricted` true.
//!
//! What the pages say, and our choices where they stop:
//! - **The walk.** One walk per source, `N / |sources|` steps each (the first `N mod |sources|`
//!   sources take one more). Each step follows a uniformly chosen edge (out-edges when
//!   `directed`, any edge otherwise; parallel edges count separately) with probability `alpha`
//!   ("the larger, the longer the steps"), and otherwise, or from a vertex without such an edge,
//!   restarts at its source. Every arrival at a vertex that is not a source counts one visit.
//! - **Early stop** (`nv`, `np`): once `np` vertices have `nv` visits from one source, that
//!   source's walk ends.
//! - **Randomness.** Each source's walk draws from its own stream, seeded from the source's
//!   vertex index, so an answer is the same on every run and thread count.
//! - **Answer.** The vertices with a score above 0 (and, with `label`, of that label), highest
//!   score first (ties by vertex order), as rows `results: [{"id", "<metric>"}]` (DECISIONS'
//!   paged form of GES's `[{vid: score}]`), plus `sources`, the source ids walked from.
//! - **`label`** must name a vertex label of the schema (a typo would otherwise answer nothing).
//! - **`restricted`**: true refuses an unknown source (`parameter [sources] is invalid!`); false
//!   skips unknown ones and refuses only when none is known.

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::rng::SplitMix64;
use super::{
    AlgoError, AlgoOutput, MetricValues, ParamKind, ParamSpec, Params, Result, Rows, vertex_set,
};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The parameters of both algorithms.
pub(super) const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "sources",
        ParamKind::String,
        "Ids of the vertices to recommend for, CSV (at most source_limit).",
    )
    .required(),
    ParamSpec::new(
        "alpha",
        ParamKind::Float,
        "Probability of walking on rather than restarting at the source.",
    )
    .default("0.85")
    .open_range(0.0, 1.0),
    ParamSpec::new("N", ParamKind::Int, "Total walk steps over all sources.")
        .default("10000")
        .range(1.0, 200_000.0),
    ParamSpec::new(
        "nv",
        ParamKind::Int,
        "Visits that make a vertex a candidate (early stop).",
    )
    .default("5")
    .range(1.0, 10.0),
    ParamSpec::new(
        "np",
        ParamKind::Int,
        "Candidates that end a source's walk early.",
    )
    .default("1000")
    .range(1.0, 2000.0),
    ParamSpec::new(
        "label",
        ParamKind::String,
        "List only vertices of this label.",
    ),
    ParamSpec::new(
        "directed",
        ParamKind::Bool,
        "Follow edge directions; false walks edges both ways.",
    )
    .default("true"),
    ParamSpec::new("source_limit", ParamKind::Int, "Most ids sources may list.")
        .default("30")
        .range(1.0, 100_000.0),
    ParamSpec::new(
        "restricted",
        ParamKind::Bool,
        "Refuse unknown sources; false skips them.",
    )
    .default("true"),
];

/// Steps between cancellation checks.
const CHECK_EVERY: u64 = 4096;

/// Seed of every walk's stream (mixed with the source's index).
const WALK_SEED: u64 = 0x5EED_0F00_7A1C;

/// Walk settings.
#[derive(Debug, Clone, PartialEq)]
pub struct WalkConfig {
    /// Source ids (external names).
    pub sources: Vec<String>,
    /// Probability of walking on.
    pub alpha: f64,
    /// Total steps.
    pub steps: u64,
    /// Visits that make a candidate.
    pub nv: u32,
    /// Candidates that end a walk.
    pub np: usize,
    /// Label the listed vertices must have.
    pub label: Option<String>,
    /// Whether to follow edge directions.
    pub directed: bool,
    /// Whether an unknown source is an error.
    pub restricted: bool,
}

impl WalkConfig {
    /// GES default continue probability.
    pub const DEFAULT_ALPHA: f64 = 0.85;
    /// GES default total steps.
    pub const DEFAULT_STEPS: u64 = 10_000;

    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// A parameter missing, of the wrong type or out of range; more sources than
    /// `source_limit`.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        let limit = p.int("source_limit")? as usize;
        Ok(Self {
            sources: p.id_list("sources", limit)?.unwrap_or_default(),
            alpha: p.float("alpha")?,
            steps: p.int("N")? as u64,
            nv: p.int("nv")? as u32,
            np: p.int("np")? as usize,
            label: p.string("label")?.filter(|l| !l.trim().is_empty()),
            directed: p.bool("directed")?,
            restricted: p.bool("restricted")?,
        })
    }

    /// The source indices: all of them, or (not `restricted`) the known ones.
    fn resolve(&self, g: &Graph) -> Result<Vec<u32>> {
        if self.restricted {
            return vertex_set(g, "sources", &self.sources);
        }
        let known: Vec<String> = self
            .sources
            .iter()
            .filter(|s| g.vertex_index(s).is_some())
            .cloned()
            .collect();
        if known.is_empty() {
            return Err(AlgoError::Param(
                "parameter [sources] is invalid! None of its vertices exists.".into(),
            ));
        }
        vertex_set(g, "sources", &known)
    }
}

/// Visit counts of one source's walk, by vertex.
pub type Visits = HashMap<u32, u32>;

/// Walks from every source as the [module docs](self) describe: one visit map per source.
///
/// # Errors
/// [`AlgoError::Cancelled`], checked every few thousand steps.
///
/// # Complexity
/// O(N) steps, parallel over sources.
pub fn walk(g: &Graph, sources: &[u32], cfg: &WalkConfig, ctl: &JobControl) -> Result<Vec<Visits>> {
    let is_source = {
        let mut s = vec![false; g.vertex_count()];
        sources.iter().for_each(|&v| s[v as usize] = true);
        s
    };
    let per = cfg.steps / sources.len() as u64;
    let extra = cfg.steps % sources.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    sources
        .par_iter()
        .enumerate()
        .map(|(i, &s)| {
            let budget = per + u64::from((i as u64) < extra);
            let mut rng = SplitMix64::derive(WALK_SEED, &[u64::from(s)]);
            let mut visits = Visits::new();
            let (mut candidates, mut cur) = (0usize, s);
            for step in 1..=budget {
                if step % CHECK_EVERY == 0 {
                    ctl.check()?;
                    let all = done.fetch_add(CHECK_EVERY, std::sync::atomic::Ordering::Relaxed);
                    ctl.set_progress(all + CHECK_EVERY, cfg.steps);
                }
                cur = next(g, s, cur, cfg, &mut rng);
                if is_source[cur as usize] {
                    continue;
                }
                let seen = visits.entry(cur).or_insert(0);
                *seen += 1;
                if *seen == cfg.nv {
                    candidates += 1;
                    if candidates >= cfg.np {
                        break;
                    }
                }
            }
            Ok(visits)
        })
        .collect::<Result<Vec<_>>>()
        .inspect(|_| ctl.set_progress(cfg.steps, cfg.steps))
}

/// One step from `cur` of the walk from `s`.
fn next(g: &Graph, s: u32, cur: u32, cfg: &WalkConfig, rng: &mut SplitMix64) -> u32 {
    if rng.unit() >= cfg.alpha {
        return s;
    }
    let out = g.out_neighbors(cur);
    let inc: &[u32] = if cfg.directed {
        &[]
    } else {
        g.in_neighbors(cur)
    };
    match out.len() + inc.len() {
        0 => s,
        d => {
            let i = rng.below(d);
            if i < out.len() {
                out[i]
            } else {
                inc[i - out.len()]
            }
        }
    }
}

/// Runs a walk algorithm for the catalogue: walks, scores each visited vertex with `score`
/// (given its visit counts, one per source, and the steps of all walks), and answers rows
/// `results` of `{"id", metric}`, best first, plus scalar `sources`.
pub(super) fn run(
    g: &Graph,
    p: &Params<'_>,
    ctl: &JobControl,
    metric: &'static str,
    score: fn(&[u32], u64) -> f64,
) -> Result<AlgoOutput> {
    let cfg = WalkConfig::from_params(p)?;
    let label = match &cfg.label {
        Some(l) => Some(g.schema().label_id(l).ok_or_else(|| {
            AlgoError::Param(format!(
                "parameter [label] is invalid! No vertex label [{l}]."
            ))
        })?),
        None => None,
    };
    let sources = cfg.resolve(g)?;
    let visits = walk(g, &sources, &cfg, ctl)?;
    let mut per_vertex: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, map) in visits.iter().enumerate() {
        for (&v, &c) in map {
            per_vertex.entry(v).or_insert_with(|| vec![0; visits.len()])[i] = c;
        }
    }
    let wanted = |v: u32| label.is_none_or(|l| g.schema().label_id(g.vertex_label(v)) == Some(l));
    let mut scored: Vec<(u32, f64)> = per_vertex
        .into_iter()
        .filter(|(v, _)| wanted(*v))
        .map(|(v, counts)| (v, score(&counts, cfg.steps)))
        .filter(|(_, x)| *x > 0.0)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut scalars = Map::new();
    let names = sources
        .iter()
        .map(|&s| Value::String(g.vertex_name(s).to_owned()))
        .collect();
    scalars.insert("sources".into(), Value::Array(names));
    let (ids, values) = scored.into_iter().unzip();
    Ok(AlgoOutput {
        scalars,
        rows: Rows::SomeVertices {
            key: "results",
            metric,
            ids,
            values: MetricValues::F64(values),
        },
    })
}

#[cfg(test)]
mod tests;
