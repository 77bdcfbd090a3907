//! Louvain community detection (GES `louvain`).
//!
//! Greedy modularity optimisation in levels (Blondel et al. 2008). Each level first moves
//! single nodes to the neighbouring community with the best modularity gain
//! `ΔQ ∝ k_i,in(C) − tot(C) · k_i / 2m`, sweeping the nodes in order until a sweep moves
//! nobody, raises modularity by less than `convergence`, or `max_iterations` sweeps have run;
//! then it collapses every community into one node (internal weight becoming a self-loop) and
//! starts again on that smaller graph, until a level moves nothing. Sweeps are sequential
//! (which keeps results deterministic); building and collapsing the levels runs in parallel.
//!
//! The graph is taken as undirected: an edge stored `u → v` links `u` and `v` with its weight
//! (`weight` property, missing values 1, values ≥ 0; else 1), parallel edges and the two
//! directions add up. Each community is named after its first vertex (in import order);
//! `modularity` is that of the final partition, computed on the input graph.

mod level;

use serde_json::{Map, Value};

use super::{
    AlgoOutput, AlgorithmSpec, MetricValues, ParamKind, ParamSpec, Params, Result, Rows, number,
    weights,
};
use crate::graph::Graph;
use crate::job::control::JobControl;
use level::{Level, modularity};

/// The GES algorithm name.
pub const NAME: &str = "louvain";

/// Node moves between cancellation checks.
const CHECK_EVERY: usize = 1 << 16;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "convergence",
        ParamKind::Float,
        "Stop a level's sweeps when one raises modularity by less than this (alias: coveragence).",
    )
    .default("0.00001")
    .open_range(0.0, 1.0),
    ParamSpec::new(
        "max_iterations",
        ParamKind::Int,
        "Maximum number of sweeps per level.",
    )
    .default("100")
    .range(1.0, 2_147_483_647.0),
    ParamSpec::new(
        "weight",
        ParamKind::String,
        "Numeric edge property used as edge weight (missing values count as 1; must be >= 0). Empty: every edge weighs 1.",
    ),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Louvain: communities that maximise modularity (dense inside, sparse between), \
                  found by greedily moving vertices and merging communities level by level. \
                  Edge directions are ignored.",
    params: PARAMS,
    sync: false,
    result_key: "results",
    filters: &[],
};

/// Louvain settings.
#[derive(Debug, Clone, PartialEq)]
pub struct LouvainConfig {
    /// Minimum modularity gain of a sweep, in (0, 1).
    pub convergence: f64,
    /// Sweeps per level, ≥ 1.
    pub max_iterations: u32,
    /// Edge property holding weights.
    pub weight: Option<String>,
}

impl LouvainConfig {
    /// GES default convergence threshold.
    pub const DEFAULT_CONVERGENCE: f64 = 0.00001;
    /// GES default sweep cap.
    pub const DEFAULT_MAX_ITERATIONS: u32 = 100;

    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// A parameter of the wrong type or out of range.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            convergence: p.float("convergence")?,
            max_iterations: p.int("max_iterations")? as u32,
            weight: p.string("weight")?.filter(|s| !s.is_empty()),
        })
    }
}

impl Default for LouvainConfig {
    fn default() -> Self {
        Self {
            convergence: Self::DEFAULT_CONVERGENCE,
            max_iterations: Self::DEFAULT_MAX_ITERATIONS,
            weight: None,
        }
    }
}

/// Louvain output.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// Each vertex's community, named by the community's smallest vertex index.
    pub community: Vec<u32>,
    /// Number of communities.
    pub communities: usize,
    /// Modularity of the partition (0 for a graph without edges).
    pub modularity: f64,
    /// Levels that moved nodes.
    pub levels: u32,
}

/// One level's node moves; returns whether any node changed community.
fn move_nodes(
    level: &Level,
    comm: &mut [u32],
    degree: &[f64],
    m2: f64,
    cfg: &LouvainConfig,
    ctl: &JobControl,
) -> Result<bool> {
    let n = level.len();
    let mut tot = degree.to_vec();
    let mut link = vec![0.0f64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut q = modularity(level, comm, degree, m2);
    let mut moved_any = false;
    for _ in 0..cfg.max_iterations {
        ctl.check()?;
        let mut moves = 0usize;
        for i in 0..n {
            if i % CHECK_EVERY == CHECK_EVERY - 1 {
                ctl.check()?;
            }
            let (ci, ki) = (comm[i], degree[i]);
            for (j, w) in level.row(i) {
                if j as usize != i {
                    let c = comm[j as usize];
                    if link[c as usize] == 0.0 {
                        touched.push(c);
                    }
                    link[c as usize] += w;
                }
            }
            tot[ci as usize] -= ki;
            // Gains are relative to an isolated node: k_i,in(C) − tot(C) · k_i / 2m.
            let gain = |c: u32| link[c as usize] - tot[c as usize] * ki / m2;
            let mut best = (gain(ci), ci);
            for &c in &touched {
                let g = gain(c);
                if g > best.0 {
                    best = (g, c);
                }
            }
            tot[best.1 as usize] += ki;
            if best.1 != ci {
                comm[i] = best.1;
                moves += 1;
            }
            for &c in &touched {
                link[c as usize] = 0.0;
            }
            touched.clear();
        }
        if moves == 0 {
            break;
        }
        moved_any = true;
        let next = modularity(level, comm, degree, m2);
        let gained = next - q;
        q = next;
        if gained < cfg.convergence {
            break;
        }
    }
    Ok(moved_any)
}

/// Finds communities by the Louvain method.
///
/// # Errors
/// `parameter [weight] is invalid!` for an unknown property or a negative weight;
/// [`AlgoError::Cancelled`](super::AlgoError::Cancelled), checked every sweep.
///
/// # Complexity
/// O(m) per sweep; in practice a handful of sweeps per level and a handful of levels.
///
/// # Example
/// ```
/// use engine::algo::louvain::{louvain, LouvainConfig};
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // Two triangles joined by one edge 2-3.
/// let g = Graph::from_edges(6, &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)]);
/// let p = louvain(&g, &LouvainConfig::default(), &JobControl::new()).unwrap();
/// assert_eq!(p.community, [0, 0, 0, 3, 3, 3]);
/// assert!((p.modularity - 5.0 / 14.0).abs() < 1e-12);
/// ```
pub fn louvain(graph: &Graph, cfg: &LouvainConfig, ctl: &JobControl) -> Result<Partition> {
    ctl.check()?;
    let n = graph.vertex_count();
    let w = weights::resolve(graph, cfg.weight.as_deref())?;
    let base = Level::from_graph(graph, w.as_ref())?;
    let base_degree = base.degrees();
    let m2: f64 = base_degree.iter().sum();
    // Node of the current level holding each input vertex.
    let mut node: Vec<u32> = (0..n as u32).collect();
    let mut current: Option<Level> = None;
    let mut levels = 0;
    if m2 > 0.0 {
        loop {
            let level = current.as_ref().unwrap_or(&base);
            let degree = if current.is_some() {
                level.degrees()
            } else {
                base_degree.clone()
            };
            let mut comm: Vec<u32> = (0..level.len() as u32).collect();
            if !move_nodes(level, &mut comm, &degree, m2, cfg, ctl)? {
                break;
            }
            levels += 1;
            ctl.set_progress(levels as u64, levels as u64 + 1);
            // Number the communities 0.. in order of first node.
            let mut id = vec![u32::MAX; level.len()];
            let mut count = 0u32;
            for c in comm.iter_mut() {
                if id[*c as usize] == u32::MAX {
                    id[*c as usize] = count;
                    count += 1;
                }
                *c = id[*c as usize];
            }
            for x in node.iter_mut() {
                *x = comm[*x as usize];
            }
            if count as usize == level.len() {
                break;
            }
            let next = level.collapse(&comm, count as usize);
            current = Some(next);
        }
    }
    ctl.check()?;
    // Name communities by their smallest vertex.
    let mut first = vec![u32::MAX; n];
    for v in 0..n as u32 {
        let c = node[v as usize] as usize;
        if first[c] == u32::MAX {
            first[c] = v;
        }
    }
    let community: Vec<u32> = node.iter().map(|&c| first[c as usize]).collect();
    let communities = first.iter().filter(|&&f| f != u32::MAX).count();
    let modularity = modularity(&base, &community, &base_degree, m2);
    ctl.set_progress(1, 1);
    Ok(Partition {
        community,
        communities,
        modularity,
        levels,
    })
}

/// Checks `louvain`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    LouvainConfig::from_params(p).map(drop)
}

/// Runs `louvain` for the catalogue: scalars `modularity`, `community_num`, rows `results` of
/// `{"id", "community"}`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = LouvainConfig::from_params(p)?;
    let r = louvain(g, &cfg, ctl)?;
    let mut scalars = Map::new();
    scalars.insert("modularity".into(), number(r.modularity));
    scalars.insert("community_num".into(), Value::from(r.communities));
    Ok(AlgoOutput {
        scalars,
        rows: Rows::VertexMetric {
            key: "results",
            metric: "community",
            values: MetricValues::Vertex(r.community),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::run as run_algo;
    use serde_json::json;

    /// `k` cliques of size `s`, clique `i` joined to clique `i + 1` by one edge (a ring).
    fn ring_of_cliques(k: u32, s: u32) -> Graph {
        let mut edges = Vec::new();
        for c in 0..k {
            let base = c * s;
            for a in 0..s {
                for b in a + 1..s {
                    edges.push((base + a, base + b));
                }
            }
            edges.push((base, ((c + 1) % k) * s + 1));
        }
        Graph::from_edges((k * s) as usize, &edges)
    }

    #[test]
    fn a_ring_of_cliques_splits_into_its_cliques() {
        // The textbook case where merging neighbouring cliques would lower modularity.
        let g = ring_of_cliques(10, 5);
        let p = louvain(&g, &LouvainConfig::default(), &JobControl::new()).unwrap();
        let want: Vec<u32> = (0..50).map(|v| v / 5 * 5).collect();
        assert_eq!(p.community, want);
        assert_eq!(p.communities, 10);
        // Q = Σ_c (10/110 − (22/110)²) with 10 intra edges per clique, degree sum 22, m = 110.
        let q = 10.0 * (10.0 / 110.0 - (22.0f64 / 220.0).powi(2));
        assert!((p.modularity - q).abs() < 1e-12, "{} vs {q}", p.modularity);
    }

    #[test]
    fn weights_self_loops_and_empty_graphs() {
        // A heavy edge 0-1 and light edges 1-2, 2-3 with a heavy 2-3: {0,1} and {2,3}.
        let g =
            Graph::from_weighted_edges(4, &[(0, 1, 10.0), (1, 2, 1.0), (2, 3, 10.0), (3, 3, 1.0)]);
        let cfg = LouvainConfig {
            weight: Some("weight".into()),
            ..Default::default()
        };
        let p = louvain(&g, &cfg, &JobControl::new()).unwrap();
        assert_eq!(p.community, [0, 0, 2, 2]);
        // m = 22; inside {0,1}: 10, {2,3}: 11 (the loop once); degrees 10 + 11 and 11 + 12
        // (the loop counts twice in its vertex's degree).
        let q = (10.0 + 11.0) / 22.0 - (21.0f64 / 44.0).powi(2) - (23.0f64 / 44.0).powi(2);
        assert!((p.modularity - q).abs() < 1e-12);
        let empty = louvain(&Graph::from_edges(3, &[]), &cfg, &JobControl::new());
        assert!(empty.is_err(), "no weight property on an unweighted graph");
        let empty = louvain(
            &Graph::from_edges(3, &[]),
            &LouvainConfig::default(),
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!((empty.communities, empty.modularity), (3, 0.0));
    }

    #[test]
    fn catalogue_output() {
        let g = ring_of_cliques(4, 4);
        let out = run_algo(
            &g,
            NAME,
            json!({"max_iterations": "10", "coveragence": 0.0001})
                .as_object()
                .unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!(out.scalars["community_num"], 4);
        assert!(out.scalars["modularity"].as_f64().unwrap() > 0.5);
        assert_eq!(out.rows.len(), 16);
    }
}
