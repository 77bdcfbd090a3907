//! node2vec (GES `node2vec`): vertex embeddings learned from biased random walks.
//!
//! Walks (Grover & Leskovec 2016) run on the undirected simple view. Each step from `v`, having
//! arrived from `t`, picks neighbour `x` with weight `1/P` if `x = t` (return), 1 if `x` is
//! adjacent to `t` (stay close) and `1/Q` otherwise (move outward), by rejection sampling: draw
//! a neighbour uniformly and accept it with its weight over the largest weight, so no
//! per-edge tables are stored (after a few dozen rejections the step samples exactly instead).
//! Each walk's random stream is derived from a fixed seed and (epoch, round, start vertex), so
//! the walks themselves never depend on threads.
//!
//! The embeddings are trained as word2vec skip-gram with negative sampling over the walks:
//! every vertex within a (randomly shrunk) window of [`WINDOW`] steps is a context, with
//! [`NEGATIVE`] negatives drawn in proportion to degree^0.75, and a learning rate falling
//! linearly from [`LEARNING_RATE`]. `walkNumber` walks start from every vertex per epoch and
//! `iterations` epochs run, each on fresh walks. Training runs in parallel over walks with
//! lock-free ("Hogwild") updates to shared vectors, stored as atomics; as in word2vec, with more
//! than one thread the low bits of the result vary from run to run. An isolated vertex keeps
//! its small random initial vector.

mod skipgram;
mod walk;

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use serde_json::Map;

use super::rng::SplitMix64;
use super::simple_graph::SimpleGraph;
use super::{AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};
use skipgram::{NegativeTable, Scratch, Vectors, load, train};
use walk::{Bias, walk};

/// The GES algorithm name.
pub const NAME: &str = "node2vec";

/// Skip-gram window: contexts up to this many steps away.
pub const WINDOW: usize = 5;
/// Negative samples per context.
pub const NEGATIVE: usize = 5;
/// Initial learning rate (word2vec's skip-gram default).
pub const LEARNING_RATE: f32 = 0.025;
/// Seed of every random stream.
const SEED: u64 = 0x2f0d_e2ec;
/// Walk starts per block between cancellation checks.
const BLOCK: usize = 1 << 14;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "P",
        ParamKind::Float,
        "Return parameter: higher values make walks less likely to step straight back.",
    )
    .default("1")
    .above(0.0),
    ParamSpec::new(
        "Q",
        ParamKind::Float,
        "In-out parameter: higher values keep walks local, lower values push them outward.",
    )
    .default("1")
    .above(0.0),
    ParamSpec::new("dim", ParamKind::Int, "Embedding dimensions.")
        .default("50")
        .range(1.0, 200.0),
    ParamSpec::new("walkLength", ParamKind::Int, "Vertices per walk.")
        .default("40")
        .range(1.0, 100.0),
    ParamSpec::new(
        "walkNumber",
        ParamKind::Int,
        "Walks starting from each vertex per epoch.",
    )
    .default("10")
    .range(1.0, 100.0),
    ParamSpec::new("iterations", ParamKind::Int, "Training epochs.")
        .default("10")
        .range(1.0, 100.0),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "node2vec: a vector per vertex such that vertices met close together on biased \
                  random walks get similar vectors (edge directions ignored).",
    params: PARAMS,
    sync: false,
    result_key: "results",
    filters: &[],
};

/// node2vec settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Node2VecConfig {
    /// Return parameter, > 0.
    pub p: f64,
    /// In-out parameter, > 0.
    pub q: f64,
    /// Embedding dimensions, 1–200.
    pub dim: usize,
    /// Vertices per walk, 1–100.
    pub walk_length: usize,
    /// Walks per vertex per epoch, 1–100.
    pub walk_number: usize,
    /// Epochs, 1–100.
    pub iterations: usize,
}

impl Node2VecConfig {
    /// GES default return parameter.
    pub const DEFAULT_P: f64 = 1.0;
    /// GES default in-out parameter.
    pub const DEFAULT_Q: f64 = 1.0;
    /// GES default dimensions.
    pub const DEFAULT_DIM: usize = 50;
    /// GES default walk length.
    pub const DEFAULT_WALK_LENGTH: usize = 40;
    /// GES default walks per vertex.
    pub const DEFAULT_WALK_NUMBER: usize = 10;
    /// GES default epochs.
    pub const DEFAULT_ITERATIONS: usize = 10;

    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// A parameter of the wrong type or out of range.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            p: p.float("P")?,
            q: p.float("Q")?,
            dim: p.int("dim")? as usize,
            walk_length: p.int("walkLength")? as usize,
            walk_number: p.int("walkNumber")? as usize,
            iterations: p.int("iterations")? as usize,
        })
    }
}

impl Default for Node2VecConfig {
    fn default() -> Self {
        Self {
            p: Self::DEFAULT_P,
            q: Self::DEFAULT_Q,
            dim: Self::DEFAULT_DIM,
            walk_length: Self::DEFAULT_WALK_LENGTH,
            walk_number: Self::DEFAULT_WALK_NUMBER,
            iterations: Self::DEFAULT_ITERATIONS,
        }
    }
}

/// Learned embeddings: `dim` floats per vertex, vertex after vertex.
#[derive(Debug, Clone, PartialEq)]
pub struct Embeddings {
    /// Floats per vertex.
    pub dim: usize,
    /// `dim * vertex_count` floats.
    pub values: Vec<f32>,
}

impl Embeddings {
    /// The vector of vertex `v`.
    pub fn vector(&self, v: u32) -> &[f32] {
        &self.values[v as usize * self.dim..(v as usize + 1) * self.dim]
    }
}

/// Learns node2vec embeddings.
///
/// # Errors
/// [`Cancelled`], checked between blocks of walks.
///
/// # Complexity
/// O(iterations · walkNumber · n · walkLength · WINDOW · (NEGATIVE + 1) · dim) training work,
/// parallel over walks; O(n · dim + m) memory.
///
/// # Example
/// ```
/// use engine::algo::node2vec::{node2vec, Node2VecConfig};
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
/// let cfg = Node2VecConfig { dim: 4, walk_length: 5, walk_number: 2, iterations: 1, ..Default::default() };
/// let e = node2vec(&g, &cfg, &JobControl::new()).unwrap();
/// assert_eq!((e.dim, e.values.len()), (4, 12));
/// ```
pub fn node2vec(
    graph: &Graph,
    cfg: &Node2VecConfig,
    ctl: &JobControl,
) -> Result<Embeddings, Cancelled> {
    let s = SimpleGraph::build(graph, ctl)?;
    let n = s.vertex_count();
    let dim = cfg.dim.max(1);
    let negatives = NegativeTable::new(&s);
    // word2vec's initialisation: input vectors small and random, output vectors zero.
    let input = Vectors::new(n, dim, |i| {
        (SplitMix64::derive(SEED, &[i as u64]).unit() as f32 - 0.5) / dim as f32
    });
    let output = Vectors::new(n, dim, |_| 0.0);
    let total = (cfg.iterations * cfg.walk_number * n).max(1) as f64;
    let done = AtomicU64::new(0);
    let bias = Bias::new(cfg.p, cfg.q);
    for epoch in 0..cfg.iterations {
        for round in 0..cfg.walk_number {
            for start in (0..n).step_by(BLOCK) {
                ctl.check()?;
                let walked = done.load(Ordering::Relaxed);
                ctl.set_progress(walked, total as u64);
                (start..(start + BLOCK).min(n))
                    .into_par_iter()
                    .for_each_init(
                        || Scratch::new(dim, cfg.walk_length),
                        |sc, v| {
                            let mut rng =
                                SplitMix64::derive(SEED, &[epoch as u64, round as u64, v as u64]);
                            walk(&s, v as u32, cfg.walk_length, &bias, &mut rng, &mut sc.walk);
                            let progress = done.fetch_add(1, Ordering::Relaxed) as f64 / total;
                            let lr = LEARNING_RATE * (1.0 - progress as f32).max(0.0001);
                            let Scratch {
                                walk: steps,
                                context,
                                grad,
                            } = sc;
                            let vectors = (&input, &output);
                            train(steps, vectors, &negatives, lr, &mut rng, context, grad);
                        },
                    );
            }
        }
    }
    ctl.set_progress(1, 1);
    Ok(Embeddings {
        dim,
        values: input.cells.iter().map(load).collect(),
    })
}

/// Checks `node2vec`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    Node2VecConfig::from_params(p).map(drop)
}

/// Runs `node2vec` for the catalogue: rows `results` of `{"id", "embedding": [floats]}`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = Node2VecConfig::from_params(p)?;
    let e = node2vec(g, &cfg, ctl)?;
    Ok(AlgoOutput {
        scalars: Map::new(),
        rows: Rows::VertexMetric {
            key: "results",
            metric: "embedding",
            values: MetricValues::Vector {
                dim: e.dim,
                values: e.values,
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::json;

    fn cosine(a: &[f32], b: &[f32]) -> f32 {
        let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
        dot / (norm(a) * norm(b))
    }

    #[test]
    fn communities_get_similar_vectors() {
        // Two 6-cliques joined by one edge.
        let mut edges = Vec::new();
        for base in [0u32, 6] {
            for a in 0..6 {
                for b in a + 1..6 {
                    edges.push((base + a, base + b));
                }
            }
        }
        edges.push((5, 6));
        let g = Graph::from_edges(12, &edges);
        let cfg = Node2VecConfig {
            dim: 16,
            walk_length: 20,
            walk_number: 10,
            iterations: 5,
            ..Default::default()
        };
        let e = node2vec(&g, &cfg, &JobControl::new()).unwrap();
        assert!(e.values.iter().all(|x| x.is_finite()));
        let (mut same, mut across) = (0.0, 0.0);
        for a in 0..4u32 {
            for b in 0..4u32 {
                if a != b {
                    same += cosine(e.vector(a), e.vector(b));
                }
                across += cosine(e.vector(a), e.vector(b + 7));
            }
        }
        let (same, across) = (same / 12.0, across / 16.0);
        assert!(same > across + 0.2, "same {same} across {across}");
    }

    #[test]
    fn catalogue_output() {
        let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
        let out = run_algo(
            &g,
            NAME,
            json!({"dim": 3, "walkLength": 4, "walkNumber": 1, "iterations": 1, "P": "0.5"})
                .as_object()
                .unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        let mut rows = Vec::new();
        out.rows
            .render(&g, |r| -> std::result::Result<(), ()> {
                rows.push(r);
                Ok(())
            })
            .unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0]["embedding"].as_array().unwrap().len(), 3);
    }
}
