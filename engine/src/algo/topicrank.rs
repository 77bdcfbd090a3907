//! TopicRank (GES `topicrank`, 2.2.20): PageRank whose random jumps favour the source vertices.
//!
//! Parameters as the 2.2.20 parameter page gives them (REFERENCE §3.1 only says the page exists
//! and §2.3 that the job can be cancelled): `sources` (required, CSV, at most 100000 ids),
//! `actived_p` and `default_p` (0–100000, default 1), `filtered` and `only_neighbors` (default
//! false), `alpha` (0, 1) 0.85, `convergence` (0, 1) 0.00001, `max_iterations` 1–2147483647
//! 1000, `directed` true, `num_thread` 1–40 4 (clamped). The result key is `topicrank`,
//! written in the paged form of DECISIONS: `results: [{"id", "topicrank"}]`.
//!
//! The page says no more than "initial weight of the sources / of the other vertices"; our
//! reading, for the record:
//! - **The weights are the jump distribution.** A PageRank converges to the same ranks from any
//!   start, so weights that only seeded the first iteration would change nothing. Here a jump
//!   (probability `1 - alpha`, and all rank of vertices without out-edges) lands on vertex `v`
//!   with probability `w(v) / Σ w`, where `w` is `actived_p` for sources and `default_p` for
//!   the others; the ranks start from that distribution and sum to 1. With
//!   `actived_p = default_p` this is PageRank, with `default_p = 0` PersonalRank over the
//!   sources. All weights 0 is refused (`parameter [actived_p] is invalid!`). networkx's
//!   `pagerank(personalization = w)` computes the same ranks.
//! - **`only_neighbors: true`** lists only the vertices a source has an edge to (out-edges when
//!   `directed`, any edge otherwise); sources themselves only when another source links to them.
//! - **`filtered: true`** lists only the vertices that pass `vertex_filter` (the one-condition
//!   format of the `filtered_*` algorithms, [`super::path_filter`]; the HyG 2025 page lists
//!   it, the sample filters on the label). It filters the listing, not the walk. `filtered:
//!   true` without a `vertex_filter`, or a `vertex_filter` with `filtered: false`, is refused
//!   rather than read one way silently.

use serde_json::{Map, Value};

use super::pagerank::{PageRankConfig, Teleport, kernel};
use super::path_filter::PathFilters;
use super::traversal::{direction, for_each_neighbor};
use super::{
    AlgoError, AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows,
    in_pool, number, vertex_set,
};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "topicrank";

/// Most ids `sources` may list.
pub const MAX_SOURCES: usize = 100_000;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "sources",
        ParamKind::String,
        "Ids of the topic vertices, CSV (at most 100000).",
    )
    .required(),
    ParamSpec::new(
        "actived_p",
        ParamKind::Float,
        "Jump weight of each source vertex.",
    )
    .default("1")
    .range(0.0, 100_000.0),
    ParamSpec::new(
        "default_p",
        ParamKind::Float,
        "Jump weight of every other vertex.",
    )
    .default("1")
    .range(0.0, 100_000.0),
    ParamSpec::new(
        "filtered",
        ParamKind::Bool,
        "List only the vertices passing vertex_filter.",
    )
    .default("false"),
    ParamSpec::new(
        "only_neighbors",
        ParamKind::Bool,
        "List only the neighbours of the sources.",
    )
    .default("false"),
    super::pagerank::ALPHA,
    super::pagerank::CONVERGENCE,
    super::pagerank::MAX_ITERATIONS,
    super::pagerank::DIRECTED,
    ParamSpec::new(
        "num_thread",
        ParamKind::Int,
        "Worker threads (clamped to 1–40 and to the machine's cores).",
    )
    .default("4")
    .range(1.0, 40.0)
    .clamped(),
];

/// The filter object it takes beside `parameters`.
const FILTERS: &[&str] = &["vertex_filter"];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "TopicRank: PageRank whose random jumps land on the source (topic) vertices \
                  with weight actived_p and on the others with weight default_p; optionally \
                  lists only the sources' neighbours or the vertices passing vertex_filter.",
    params: PARAMS,
    sync: false,
    result_key: "results",
    filters: FILTERS,
};

/// TopicRank settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicRankConfig {
    /// Source vertex ids (external names).
    pub sources: Vec<String>,
    /// Jump weight of a source.
    pub actived_p: f64,
    /// Jump weight of any other vertex.
    pub default_p: f64,
    /// `vertex_filter` when `filtered` is true.
    pub filter: Option<PathFilters>,
    /// List only the sources' neighbours.
    pub only_neighbors: bool,
    /// Damping, convergence, iterations, threads and direction, as PageRank reads them.
    pub rank: PageRankConfig,
}

impl TopicRankConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// A parameter missing, of the wrong type or out of range; both weights 0; `filtered`
    /// without `vertex_filter` or the other way round.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        let sources = p.id_list("sources", MAX_SOURCES)?.unwrap_or_default();
        let (actived_p, default_p) = (p.float("actived_p")?, p.float("default_p")?);
        if actived_p == 0.0 && default_p == 0.0 {
            return Err(AlgoError::Param(
                "parameter [actived_p] is invalid! actived_p and default_p cannot both be 0."
                    .into(),
            ));
        }
        let filter = match (p.bool("filtered")?, p.raw("vertex_filter")) {
            (true, Some(f)) => Some(PathFilters::from_values(Some(f), None)?),
            (false, None) => None,
            (true, None) => {
                return Err(AlgoError::Param(
                    "parameter [vertex_filter] is invalid! filtered: true needs it.".into(),
                ));
            }
            (false, Some(_)) => {
                return Err(AlgoError::Param(
                    "parameter [vertex_filter] is invalid! It is only read with filtered: true."
                        .into(),
                ));
            }
        };
        Ok(Self {
            sources,
            actived_p,
            default_p,
            filter,
            only_neighbors: p.bool("only_neighbors")?,
            rank: PageRankConfig::from_params(p)?,
        })
    }
}

/// TopicRank of every vertex given the source indices: ranks summing to 1, plus iterations
/// and the last L1 change.
///
/// # Errors
/// [`AlgoError::Cancelled`].
///
/// # Complexity
/// O((n + m) · iterations), parallel over vertices.
pub fn topic_rank(
    g: &Graph,
    sources: &[u32],
    cfg: &TopicRankConfig,
    ctl: &JobControl,
) -> Result<super::pagerank::PageRankResult> {
    let n = g.vertex_count();
    let mut weights = vec![cfg.default_p; n];
    for &s in sources {
        weights[s as usize] = cfg.actived_p;
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        // default_p = 0 and no source: nowhere to jump.
        return Err(AlgoError::Param(
            "parameter [actived_p] is invalid! No vertex has a jump weight above 0.".into(),
        ));
    }
    weights.iter_mut().for_each(|w| *w /= total);
    let teleport = Teleport::Weights(&weights);
    Ok(in_pool(cfg.rank.num_thread, || {
        kernel(g, &cfg.rank, teleport, ctl)
    })?)
}

/// Checks `topicrank`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    TopicRankConfig::from_params(p).map(drop)
}

/// Runs `topicrank` for the catalogue: rows `results` of `{"id", "topicrank"}` (every vertex,
/// or those `only_neighbors`/`filtered` keep), scalars `iterations` and `convergence`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = TopicRankConfig::from_params(p)?;
    let sources = vertex_set(g, "sources", &cfg.sources)?;
    let r = topic_rank(g, &sources, &cfg, ctl)?;
    let mut keep: Option<Vec<bool>> = None;
    if cfg.only_neighbors {
        let mut near = vec![false; g.vertex_count()];
        for &s in &sources {
            for_each_neighbor(g, s, direction(cfg.rank.directed), |w| {
                near[w as usize] = true
            });
        }
        keep = Some(near);
    }
    if let Some(filter) = &cfg.filter
        && let Some(pass) = filter.mask(g, ctl)?.vertices
    {
        keep = Some(match keep {
            Some(k) => k.iter().zip(&pass).map(|(a, b)| *a && *b).collect(),
            None => pass,
        });
    }
    let mut scalars = Map::new();
    scalars.insert("iterations".into(), Value::from(r.iterations));
    scalars.insert("convergence".into(), number(r.delta));
    let rows = match keep {
        None => Rows::VertexMetric {
            key: "results",
            metric: "topicrank",
            values: MetricValues::F64(r.ranks),
        },
        Some(keep) => {
            let ids: Vec<u32> = (0..g.vertex_count() as u32)
                .filter(|&v| keep[v as usize])
                .collect();
            let values = ids.iter().map(|&v| r.ranks[v as usize]).collect();
            Rows::SomeVertices {
                key: "results",
                metric: "topicrank",
                ids,
                values: MetricValues::F64(values),
            }
        }
    };
    Ok(AlgoOutput { scalars, rows })
}

#[cfg(test)]
mod tests;
