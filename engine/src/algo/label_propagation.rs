//! Label propagation (GES `label_propagation`): communities by repeatedly adopting the label
//! most common among one's neighbours.
//!
//! Asynchronous (each update sees the labels already updated in the same sweep, which avoids
//! the oscillations of the synchronous variant), in a fixed pseudo-random vertex order so the
//! result is deterministic. Neighbours are counted over both edge directions, weighted by
//! `weight` when given (missing values count 1, values must be ≥ 0); self-loops are ignored.
//! Ties keep the current label when it is among the best, else take the smallest. A sweep that
//! changes fewer than `convergence` × (vertices updated) labels ends the run, as does
//! `max_iterations`.
//!
//! Without `initial` every vertex starts with its own label, and each community is named after
//! its first vertex (in import order). With `initial`, the vertices having a value of that
//! vertex property keep it as a fixed seed label, the others start unlabelled and take the
//! labels spreading from the seeds (semi-supervised); communities are named by the seed values
//! and vertices no seed reaches get `null`.

mod inputs;
mod synchronous;

use serde_json::{Map, Value};

use super::rng::SplitMix64;
use super::{AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows};
use crate::graph::Graph;
use crate::job::control::JobControl;
use inputs::edge_weights;
pub(crate) use inputs::seed_labels;
pub(crate) use synchronous::distinct_seeds;
pub use synchronous::{OWN_VOTE, synchronous, winner};

/// The GES algorithm name.
pub const NAME: &str = "label_propagation";

/// A vertex without a label.
const NONE: u32 = u32::MAX;
/// Seed of the sweep order.
const ORDER_SEED: u64 = 0x1abe1;
/// Vertex updates between cancellation checks.
const CHECK_EVERY: usize = 1 << 16;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "convergence",
        ParamKind::Float,
        "Stop when a sweep changes fewer than this share of the labels (alias: coveragence).",
    )
    .default("0.00001")
    .open_range(0.0, 1.0),
    ParamSpec::new(
        "max_iterations",
        ParamKind::Int,
        "Maximum number of sweeps.",
    )
    .default("1000")
    .range(1.0, 2_147_483_647.0),
    ParamSpec::new(
        "initial",
        ParamKind::String,
        "Vertex property holding seed labels (some vertices, not all, must have one). Empty: every vertex starts with its own label.",
    ),
    ParamSpec::new(
        "weight",
        ParamKind::String,
        "Numeric edge property weighting the votes (missing values count as 1; must be >= 0). Empty: every edge counts 1.",
    ),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Label propagation: communities found by letting every vertex adopt the label \
                  most common among its neighbours until labels settle. Optionally spreads seed \
                  labels read from a vertex property.",
    params: PARAMS,
    sync: false,
    result_key: "results",
    filters: &[],
};

/// label_propagation settings.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelPropagationConfig {
    /// Stop below this share of changed labels per sweep, in (0, 1).
    pub convergence: f64,
    /// Sweep cap, ≥ 1.
    pub max_iterations: u32,
    /// Vertex property with seed labels.
    pub initial: Option<String>,
    /// Edge property with vote weights.
    pub weight: Option<String>,
}

impl LabelPropagationConfig {
    /// GES default convergence threshold.
    pub const DEFAULT_CONVERGENCE: f64 = 0.00001;
    /// GES default sweep cap.
    pub const DEFAULT_MAX_ITERATIONS: u32 = 1000;

    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// A parameter of the wrong type or out of range.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            convergence: p.float("convergence")?,
            max_iterations: p.int("max_iterations")? as u32,
            initial: p.string("initial")?.filter(|s| !s.is_empty()),
            weight: p.string("weight")?.filter(|s| !s.is_empty()),
        })
    }
}

impl Default for LabelPropagationConfig {
    fn default() -> Self {
        Self {
            convergence: Self::DEFAULT_CONVERGENCE,
            max_iterations: Self::DEFAULT_MAX_ITERATIONS,
            initial: None,
            weight: None,
        }
    }
}

/// Label propagation output.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    /// Each vertex's label: the smallest vertex index of its community without seeds, an index
    /// into `names` with seeds ([`u32::MAX`] for unreached vertices).
    pub labels: Vec<u32>,
    /// The seed label values (empty without seeds).
    pub names: Vec<String>,
    /// Number of distinct communities (unreached vertices not counted).
    pub communities: usize,
    /// Sweeps run.
    pub iterations: u32,
}

/// Finds communities by label propagation.
///
/// # Arguments
/// `graph`, settings `cfg` (`initial` and `weight` name properties) and `ctl`.
///
/// # Errors
/// `parameter [initial] is invalid!` / `parameter [weight] is invalid!` for unknown properties,
/// seeds on no vertex or on every vertex, or negative weights;
/// [`AlgoError::Cancelled`].
///
/// # Complexity
/// O((n + m) · iterations).
///
/// # Example
/// ```
/// use engine::algo::label_propagation::{label_propagation, LabelPropagationConfig};
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // Two triangles joined by one edge 2-3.
/// let g = Graph::from_edges(6, &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)]);
/// let r = label_propagation(&g, &LabelPropagationConfig::default(), &JobControl::new())
///     .unwrap();
/// assert_eq!(r.labels, [0, 0, 0, 3, 3, 3]);
/// ```
pub fn label_propagation(
    graph: &Graph,
    cfg: &LabelPropagationConfig,
    ctl: &JobControl,
) -> Result<Labels> {
    let n = graph.vertex_count();
    ctl.check()?;
    let weight = edge_weights(graph, cfg.weight.as_deref())?;
    let (mut labels, names) = match &cfg.initial {
        None => ((0..n as u32).collect::<Vec<_>>(), Vec::new()),
        Some(property) => seed_labels(graph, property)?,
    };
    let seeded = !names.is_empty();
    // Seeds are clamped: only initially unlabelled vertices update.
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&v| !seeded || labels[v as usize] == NONE)
        .collect();
    let mut rng = SplitMix64::new(ORDER_SEED);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let label_space = if seeded { names.len() } else { n };
    let mut votes = vec![0.0f64; label_space];
    let mut touched: Vec<u32> = Vec::new();
    let mut iterations = 0;
    while iterations < cfg.max_iterations {
        ctl.check()?;
        let mut changed = 0usize;
        for (i, &v) in order.iter().enumerate() {
            if i % CHECK_EVERY == CHECK_EVERY - 1 {
                ctl.check()?;
            }
            let mut vote = |u: u32, k: usize| {
                let l = labels[u as usize];
                if u != v && l != NONE {
                    if votes[l as usize] == 0.0 {
                        touched.push(l);
                    }
                    votes[l as usize] += weight.as_ref().map_or(1.0, |w| w[k]);
                }
            };
            for (k, &u) in graph.out_edge_range(v).zip(graph.out_neighbors(v)) {
                vote(u, k);
            }
            for (&k, &u) in graph.in_edge_ids(v).iter().zip(graph.in_neighbors(v)) {
                vote(u, k as usize);
            }
            let current = labels[v as usize];
            let mut best = (0.0, NONE);
            for &l in &touched {
                let score = votes[l as usize];
                if score > best.0 || (score == best.0 && score > 0.0 && l < best.1) {
                    best = (score, l);
                }
            }
            let keep = current != NONE && votes.get(current as usize) == Some(&best.0);
            for &l in &touched {
                votes[l as usize] = 0.0;
            }
            touched.clear();
            if best.1 != NONE && !keep && best.1 != current {
                labels[v as usize] = best.1;
                changed += 1;
            }
        }
        iterations += 1;
        ctl.set_progress(iterations as u64, cfg.max_iterations as u64);
        if changed == 0 || (changed as f64) < cfg.convergence * order.len() as f64 {
            break;
        }
    }
    ctl.set_progress(1, 1);
    let communities = if seeded {
        distinct_seeds(&labels, names.len())
    } else {
        name_by_first_member(&mut labels)
    };
    Ok(Labels {
        labels,
        names,
        communities,
        iterations,
    })
}

/// Renames every label (a vertex index) after its community's smallest vertex, so that two
/// runs that found the same communities give the same labels whatever their labels were;
/// returns the number of communities.
pub fn name_by_first_member(labels: &mut [u32]) -> usize {
    let n = labels.len();
    let mut first = vec![NONE; n];
    for v in 0..n as u32 {
        let l = labels[v as usize] as usize;
        if first[l] == NONE {
            first[l] = v;
        }
    }
    for l in labels.iter_mut() {
        *l = first[*l as usize];
    }
    first.iter().filter(|&&f| f != NONE).count()
}

/// Checks `label_propagation`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    LabelPropagationConfig::from_params(p).map(drop)
}

/// Runs `label_propagation` for the catalogue: rows `results` of `{"id", "community"}`, plus
/// the scalars `community_num` and `iterations` as extras.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = LabelPropagationConfig::from_params(p)?;
    let r = label_propagation(g, &cfg, ctl)?;
    let mut scalars = Map::new();
    scalars.insert("community_num".into(), Value::from(r.communities));
    scalars.insert("iterations".into(), Value::from(r.iterations));
    let values = if r.names.is_empty() {
        MetricValues::Vertex(r.labels)
    } else {
        MetricValues::Text {
            table: r.names,
            index: r.labels,
        }
    };
    Ok(AlgoOutput {
        scalars,
        rows: Rows::VertexMetric {
            key: "results",
            metric: "community",
            values,
        },
    })
}

#[cfg(test)]
mod tests;
