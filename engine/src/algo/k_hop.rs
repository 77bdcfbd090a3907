//! k-hop neighbourhood (GES `k_hop`): the vertices within `k` hops of a source.
//!
//! Level-synchronous, direction-optimising BFS: small frontiers push to their neighbours
//! (in parallel when large, claiming vertices in an atomic bitmap, counting the next frontier's
//! edges as they are claimed), and when the frontier's edges outweigh the unexplored ones the
//! levels run bottom-up over a frontier bitmap (`k_hop/bottom_up.rs`). An undirected (`ALL`)
//! traversal runs its levels from the first bottom-up one on the graph's degree-ordered view
//! (`k_hop/on_view.rs`). Each level is put in ascending order, so the result (levels in order,
//! ascending vertex index within a level) does not depend on thread timing or on which
//! direction a level ran. The source itself is not part of the result (`k_hop_neighbors`
//! counts the others).

use std::sync::atomic::AtomicU64;

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::degree_view::{self, DegreeView};
use super::traversal::claim;
use super::{
    AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, Rows, in_pool, vertex,
};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

mod bottom_up;
mod on_view;

/// The GES algorithm name.
pub const NAME: &str = "k_hop";

/// Frontiers at least this large are expanded in parallel.
const PARALLEL_FRONTIER: usize = 4096;

/// Which edges a traversal follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Out-edges (GES `OUT`).
    Out,
    /// In-edges (GES `IN`).
    In,
    /// Both (GES `ALL`).
    All,
}

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new("source", ParamKind::String, "Id of the start vertex.").required(),
    ParamSpec::new("k", ParamKind::Int, "Number of hops.")
        .required()
        .range(1.0, 100.0),
    ParamSpec::new(
        "mode",
        ParamKind::Enum(&["OUT", "IN", "ALL"]),
        "Follow out-edges, in-edges or both.",
    )
    .default("OUT"),
    ParamSpec::new(
        "num_thread",
        ParamKind::Int,
        "Worker threads (clamped to 1–40 and to the machine's cores).",
    )
    .default("4")
    .range(1.0, 40.0)
    .clamped(),
    ParamSpec::new(
        "statistics",
        ParamKind::Bool,
        "Only count the neighbours; do not list them.",
    )
    .default("false"),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "k-hop neighbours: every vertex reachable from the source in at most k hops \
                  (the source excluded), listed level by level.",
    params: PARAMS,
    sync: true,
    result_key: "vertices",
    filters: &[],
};

/// k_hop settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KHopConfig {
    /// Source vertex id (external name).
    pub source: String,
    /// Hops, 1–100.
    pub k: u32,
    /// Edges to follow.
    pub mode: Direction,
    /// Threads to use.
    pub num_thread: usize,
    /// Only count.
    pub statistics: bool,
}

impl KHopConfig {
    /// GES default thread count.
    pub const DEFAULT_NUM_THREAD: usize = 4;

    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing source or k, or a parameter of the wrong type or out of range.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        let mode = match p.string("mode")?.as_deref() {
            Some("IN") => Direction::In,
            Some("ALL") => Direction::All,
            _ => Direction::Out,
        };
        Ok(Self {
            source: p.required_string("source")?,
            k: p.int("k")? as u32,
            mode,
            num_thread: p.int("num_thread")? as usize,
            statistics: p.bool("statistics")?,
        })
    }
}

/// The vertices within `k` hops of `source` following `mode`, level by level (each level in
/// ascending index order), `source` excluded.
///
/// # Errors
/// [`Cancelled`] if the job was cancelled (checked before every level).
///
/// # Complexity
/// O(n + m) over the visited part of the graph.
///
/// # Example
/// ```
/// use engine::algo::k_hop::{k_hop, Direction};
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// let path = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 3)]);
/// assert_eq!(k_hop(&path, 0, 2, Direction::Out, &JobControl::new()).unwrap(), [1, 2]);
/// ```
pub fn k_hop(
    graph: &Graph,
    source: u32,
    k: u32,
    mode: Direction,
    ctl: &JobControl,
) -> Result<Vec<u32>, Cancelled> {
    let n = graph.vertex_count();
    let visited: Vec<AtomicU64> = (0..n.div_ceil(64)).map(|_| AtomicU64::new(0)).collect();
    claim(&visited, source);
    let mut frontier = vec![source];
    let mut out = Vec::new();
    // Every edge is an out-edge of one vertex and an in-edge of another: the degrees along
    // `mode` sum to m, or 2m both ways.
    let m = graph.edge_count() as u64;
    let mut unexplored = if mode == Direction::All { 2 * m } else { m };
    // The frontier's degree sum (known after a top-down level) and its bitmap (after a
    // bottom-up one), with a spare bitmap for the next bottom-up level.
    let mut frontier_edges = Some(bottom_up::degree(graph, source, mode));
    let (mut front_bits, mut spare): (Option<Vec<u64>>, Vec<u64>) = (None, Vec::new());
    let (mut bottom, mut previous_len) = (false, 0);
    for level in 0..k {
        ctl.check()?;
        ctl.set_progress(level as u64, k as u64);
        if frontier.is_empty() {
            break;
        }
        bottom = if bottom {
            bottom_up::stay_bottom_up(frontier.len(), previous_len, n)
        } else {
            let edges = frontier_edges.unwrap_or_else(|| {
                frontier
                    .par_iter()
                    .map(|&v| bottom_up::degree(graph, v, mode))
                    .sum()
            });
            unexplored = unexplored.saturating_sub(edges);
            bottom_up::go_bottom_up(edges, unexplored)
        };
        if bottom && mode == Direction::All {
            let view = graph.derived(degree_view::KEY, || DegreeView::new(graph));
            let start = on_view::Start {
                frontier: &frontier,
                visited: &visited,
                level,
                unexplored,
            };
            on_view::finish(&view, start, k, ctl, &mut out)?;
            break;
        }
        previous_len = frontier.len();
        if bottom {
            let front = front_bits
                .take()
                .unwrap_or_else(|| bottom_up::bitmap(&frontier, n));
            spare.resize(front.len(), 0);
            frontier = bottom_up::step(graph, &front, &mut spare, &visited, mode);
            front_bits = Some(std::mem::replace(&mut spare, front));
            frontier_edges = None;
        } else {
            front_bits = None;
            let (next, edges) = top_down(graph, &frontier, &visited, mode);
            frontier = next;
            frontier_edges = Some(edges);
        }
        out.extend_from_slice(&frontier);
    }
    ctl.set_progress(k as u64, k as u64);
    Ok(out)
}

/// One top-down level: the unvisited neighbours of `frontier` along `mode`, claimed in
/// `visited`, ascending, and their degree sum.
fn top_down(
    graph: &Graph,
    frontier: &[u32],
    visited: &[AtomicU64],
    mode: Direction,
) -> (Vec<u32>, u64) {
    let expand = |v: u32, (next, edges): &mut (Vec<u32>, u64)| {
        let mut visit = |ws: &[u32]| {
            for &w in ws {
                if claim(visited, w) {
                    next.push(w);
                    *edges += bottom_up::degree(graph, w, mode);
                }
            }
        };
        if mode != Direction::In {
            visit(graph.out_neighbors(v));
        }
        if mode != Direction::Out {
            visit(graph.in_neighbors(v));
        }
    };
    let (mut next, edges) = expand_frontier(frontier, expand);
    next.par_sort_unstable();
    (next, edges)
}

/// The next frontier and its degree sum: `expand` adds one vertex's newly claimed neighbours
/// and their degrees; frontiers of [`PARALLEL_FRONTIER`] vertices or more run in parallel, each
/// task filling its own list, the lists then joined.
fn expand_frontier(
    frontier: &[u32],
    expand: impl Fn(u32, &mut (Vec<u32>, u64)) + Sync,
) -> (Vec<u32>, u64) {
    if frontier.len() < PARALLEL_FRONTIER {
        let mut acc = (Vec::new(), 0);
        for &v in frontier {
            expand(v, &mut acc);
        }
        return acc;
    }
    frontier
        .par_iter()
        .fold(
            || (Vec::new(), 0),
            |mut acc, &v| {
                expand(v, &mut acc);
                acc
            },
        )
        .reduce(
            || (Vec::new(), 0),
            |(mut a, x), (mut b, y)| {
                a.append(&mut b);
                (a, x + y)
            },
        )
}

/// Checks `k_hop`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    KHopConfig::from_params(p).map(drop)
}

/// Runs `k_hop` for the catalogue: scalars `source`, `k`, `k_hop_neighbors`, rows `vertices`
/// (none with `statistics: true`).
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = KHopConfig::from_params(p)?;
    let source = vertex(g, "source", &cfg.source)?;
    let found = in_pool(cfg.num_thread, || k_hop(g, source, cfg.k, cfg.mode, ctl))?;
    let mut scalars = Map::new();
    scalars.insert("source".into(), Value::String(cfg.source));
    scalars.insert("k".into(), Value::from(cfg.k));
    scalars.insert("k_hop_neighbors".into(), Value::from(found.len()));
    let rows = if cfg.statistics {
        Rows::None
    } else {
        Rows::Vertices {
            key: "vertices",
            ids: found,
        }
    };
    Ok(AlgoOutput { scalars, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::{AlgoError, run as run_algo};
    use serde_json::json;

    /// 0 -> 1 -> 2 -> 3 -> 4
    fn path() -> Graph {
        Graph::from_edges(5, &[(0, 1), (1, 2), (2, 3), (3, 4)])
    }

    fn hop(g: &Graph, s: u32, k: u32, mode: Direction) -> Vec<u32> {
        k_hop(g, s, k, mode, &JobControl::new()).unwrap()
    }

    #[test]
    fn modes_on_a_path() {
        let g = path();
        assert_eq!(hop(&g, 2, 1, Direction::Out), [3]);
        assert_eq!(hop(&g, 2, 2, Direction::Out), [3, 4]);
        assert_eq!(hop(&g, 2, 2, Direction::In), [1, 0]);
        assert_eq!(hop(&g, 2, 1, Direction::All), [1, 3]);
        assert_eq!(hop(&g, 2, 2, Direction::All), [1, 3, 0, 4]);
        assert_eq!(hop(&g, 2, 100, Direction::All), [1, 3, 0, 4]);
        assert!(hop(&g, 4, 3, Direction::Out).is_empty());
    }

    #[test]
    fn cycles_and_parallel_edges_count_each_vertex_once() {
        let g = Graph::from_edges(3, &[(0, 1), (0, 1), (1, 0), (1, 2), (2, 0)]);
        assert_eq!(hop(&g, 0, 5, Direction::All), [1, 2]);
    }

    #[test]
    fn large_frontiers_expand_in_parallel() {
        // 0 -> 1..=10000, each i -> 10000 + i.
        let n = 20_001u32;
        let mut edges: Vec<_> = (1..=10_000).map(|i| (0, i)).collect();
        edges.extend((1..=10_000).map(|i| (i, 10_000 + i)));
        let g = Graph::from_edges(n as usize, &edges);
        let got = hop(&g, 0, 2, Direction::Out);
        assert_eq!(got, (1..n).collect::<Vec<_>>());
    }

    #[test]
    fn catalogue_output() {
        let g = path();
        let params = json!({"source": "1", "k": "2", "mode": "all"});
        let out = run_algo(&g, "k_hop", params.as_object().unwrap(), &JobControl::new()).unwrap();
        assert_eq!(
            out.scalars,
            json!({"source": "1", "k": 2, "k_hop_neighbors": 3})
                .as_object()
                .unwrap()
                .clone()
        );
        assert_eq!(
            out.rows,
            Rows::Vertices {
                key: "vertices",
                ids: vec![0, 2, 3]
            }
        );

        let stats = json!({"source": 1, "k": 1, "statistics": true});
        let out = run_algo(&g, "k_hop", stats.as_object().unwrap(), &JobControl::new()).unwrap();
        assert_eq!(out.scalars["k_hop_neighbors"], 1);
        assert_eq!(out.rows, Rows::None);
    }

    #[test]
    fn unknown_source_and_cancellation() {
        let g = path();
        let params = json!({"source": "nobody", "k": 1});
        let params = params.as_object().unwrap();
        assert_eq!(
            run_algo(&g, "k_hop", params, &JobControl::new()),
            Err(AlgoError::Param("parameter [source] is invalid!".into()))
        );
        let ctl = JobControl::new();
        ctl.cancel();
        let ok = json!({"source": "0", "k": 1});
        assert_eq!(
            run_algo(&g, "k_hop", ok.as_object().unwrap(), &ctl),
            Err(AlgoError::Cancelled)
        );
    }
}
