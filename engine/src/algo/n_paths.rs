//! n paths between two vertices (GES `n_paths`): up to `n` simple paths from source to target
//! of at most `k` hops.
//!
//! A BFS backwards from the target (at most `k` levels) gives every vertex's hop distance to
//! it; a depth-first search from the source then only steps to vertices from which the target
//! is still reachable within the hops left, so it rarely wanders into dead ends. Paths are
//! listed shortest first (all paths of the shortest length, then one hop longer…), each length
//! in lexicographic order of vertex index, and never repeat a vertex. Parallel edges count
//! once. `directed: false` (the GES default) follows edges both ways. `n_paths_kept` is the
//! same search inside a [`Mask`]; `filtered_n_paths` uses it.

use super::k_hop::Direction;
use super::traversal::{
    KEEP_ALL, Mask, UNREACHED, bfs_distances_kept, direction, kept_neighbors, reverse,
};
use super::{AlgoError, AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, vertex};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "n_paths";

/// Search steps between cancellation checks.
const CHECK_EVERY: usize = 4096;

/// Also the parameters of `filtered_n_paths`.
pub(super) const PARAMS: &[ParamSpec] = &[
    ParamSpec::new("source", ParamKind::String, "Id of the start vertex.").required(),
    ParamSpec::new(
        "target",
        ParamKind::String,
        "Id of the end vertex (different from source).",
    )
    .required(),
    ParamSpec::new(
        "directed",
        ParamKind::Bool,
        "Follow edge directions; false follows edges both ways.",
    )
    .default("false"),
    ParamSpec::new("n", ParamKind::Int, "Most paths to return.")
        .default("10")
        .range(1.0, 100.0),
    ParamSpec::new("k", ParamKind::Int, "Most hops per path.")
        .default("5")
        .range(1.0, 10.0),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "n paths: up to n paths from source to target of at most k hops, without \
                  repeated vertices, shortest first.",
    params: PARAMS,
    sync: true,
    result_key: "paths",
    filters: &[],
};

/// n_paths settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NPathsConfig {
    /// Start vertex id (external name).
    pub source: String,
    /// End vertex id (external name).
    pub target: String,
    /// Whether to follow edge directions.
    pub directed: bool,
    /// Most paths, 1–100.
    pub n: usize,
    /// Most hops per path, 1–10.
    pub k: u32,
}

impl NPathsConfig {
    /// GES default number of paths.
    pub const DEFAULT_N: usize = 10;
    /// GES default hop limit.
    pub const DEFAULT_K: u32 = 5;

    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing source or target, equal source and target, or a parameter of the wrong type or
    /// out of range.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        let source = p.required_string("source")?;
        let target = p.required_string("target")?;
        if source == target {
            return Err(AlgoError::Param(
                "parameter [target] is invalid! It must differ from source.".into(),
            ));
        }
        Ok(Self {
            source,
            target,
            directed: p.bool("directed")?,
            n: p.int("n")? as usize,
            k: p.int("k")? as u32,
        })
    }
}

/// Up to `n` simple paths from `s` to `t` (`s != t`) of at most `k` hops along `dir`, shortest
/// first.
///
/// # Errors
/// [`Cancelled`], checked before every BFS level and every few thousand search steps.
///
/// # Complexity
/// O(n + m) for the distances, then output-sensitive search: every step that is taken can
/// still reach `t` in time, ignoring the no-repeat rule.
///
/// # Example
/// ```
/// use engine::algo::k_hop::Direction;
/// use engine::algo::n_paths::n_paths;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // 0 -> 3 directly, and 0 -> 1 -> 2 -> 3.
/// let g = Graph::from_edges(4, &[(0, 3), (0, 1), (1, 2), (2, 3)]);
/// let p = n_paths(&g, 0, 3, Direction::Out, 10, 5, &JobControl::new()).unwrap();
/// assert_eq!(p, [vec![0, 3], vec![0, 1, 2, 3]]);
/// ```
pub fn n_paths(
    g: &Graph,
    s: u32,
    t: u32,
    dir: Direction,
    n: usize,
    k: u32,
    ctl: &JobControl,
) -> Result<Vec<Vec<u32>>, Cancelled> {
    n_paths_kept(g, s, t, dir, n, k, &KEEP_ALL, ctl)
}

/// [`n_paths`] over the vertices and edges `mask` keeps: no path when it drops `s` or `t`, and
/// paths only step along kept edges onto kept vertices.
///
/// # Errors
/// [`Cancelled`], checked before every BFS level and every few thousand search steps.
///
/// # Complexity
/// As [`n_paths`].
#[allow(clippy::too_many_arguments)]
pub(crate) fn n_paths_kept(
    g: &Graph,
    s: u32,
    t: u32,
    dir: Direction,
    n: usize,
    k: u32,
    mask: &Mask,
    ctl: &JobControl,
) -> Result<Vec<Vec<u32>>, Cancelled> {
    // The backward search starts from `t` only if the mask keeps it.
    let to_t = bfs_distances_kept(g, &[t], reverse(dir), k, mask, ctl)?;
    let mut paths = Vec::new();
    if to_t[s as usize] == UNREACHED || !mask.vertex(s) {
        return Ok(paths);
    }
    let mut on_path = vec![false; g.vertex_count()];
    let mut steps = 0usize;
    for len in to_t[s as usize]..=k {
        // Paths of exactly `len` hops: from depth d, step to w only if d + 1 + to_t[w] <= len.
        let choices = |v: u32, depth: u32, on_path: &[bool]| -> Vec<u32> {
            kept_neighbors(g, v, dir, mask)
                .filter(|&w| {
                    let d = to_t[w as usize];
                    !on_path[w as usize]
                        && d != UNREACHED
                        && depth + 1 + d <= len
                        && (w != t || depth + 1 == len)
                })
                .collect()
        };
        let mut path = vec![s];
        on_path[s as usize] = true;
        let mut stack = vec![(choices(s, 0, &on_path), 0usize)];
        while let Some((options, next)) = stack.last_mut() {
            steps += 1;
            if steps.is_multiple_of(CHECK_EVERY) {
                ctl.check()?;
            }
            match options.get(*next) {
                Some(&w) => {
                    *next += 1;
                    if w == t {
                        let mut found = path.clone();
                        found.push(t);
                        paths.push(found);
                        if paths.len() == n {
                            return Ok(paths);
                        }
                    } else {
                        let depth = path.len() as u32;
                        path.push(w);
                        on_path[w as usize] = true;
                        let options = choices(w, depth, &on_path);
                        stack.push((options, 0));
                    }
                }
                None => {
                    stack.pop();
                    if let Some(v) = path.pop() {
                        on_path[v as usize] = false;
                    }
                }
            }
        }
        ctl.set_progress(len as u64, k as u64);
    }
    Ok(paths)
}

/// Checks `n_paths`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    NPathsConfig::from_params(p).map(drop)
}

/// Runs `n_paths` for the catalogue: scalars `source`, `target`, `paths_number` (paths
/// returned), rows `paths`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = NPathsConfig::from_params(p)?;
    let s = vertex(g, "source", &cfg.source)?;
    let t = vertex(g, "target", &cfg.target)?;
    let paths = n_paths(g, s, t, direction(cfg.directed), cfg.n, cfg.k, ctl)?;
    let count = paths.len();
    Ok(AlgoOutput::many_paths(cfg.source, cfg.target, paths, count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::Rows;
    use crate::algo::run as run_algo;
    use serde_json::json;

    /// 0 -> 1 -> 3, 0 -> 2 -> 3, 1 -> 2, 3 -> 4, 0 -> 4 (plus 2 -> 0 to tempt cycles).
    fn graph() -> Graph {
        Graph::from_edges(
            5,
            &[
                (0, 1),
                (1, 3),
                (0, 2),
                (2, 3),
                (1, 2),
                (3, 4),
                (0, 4),
                (2, 0),
            ],
        )
    }

    fn paths(s: u32, t: u32, dir: Direction, n: usize, k: u32) -> Vec<Vec<u32>> {
        n_paths(&graph(), s, t, dir, n, k, &JobControl::new()).unwrap()
    }

    #[test]
    fn shortest_first_simple_and_bounded() {
        assert_eq!(
            paths(0, 3, Direction::Out, 10, 5),
            [vec![0, 1, 3], vec![0, 2, 3], vec![0, 1, 2, 3]]
        );
        assert_eq!(paths(0, 3, Direction::Out, 2, 5).len(), 2);
        assert!(paths(0, 3, Direction::Out, 10, 1).is_empty());
        assert_eq!(
            paths(0, 4, Direction::Out, 10, 3),
            [vec![0, 4], vec![0, 1, 3, 4], vec![0, 2, 3, 4]]
        );
        // Undirected, 4 reaches 2 through 0 or 3, and longer ways around.
        let undirected = paths(4, 2, Direction::All, 100, 4);
        assert_eq!(undirected[..2], [vec![4, 0, 2], vec![4, 3, 2]]);
        for p in &undirected {
            let mut seen = p.clone();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), p.len(), "{p:?} repeats a vertex");
            assert!(p.len() <= 5);
        }
        assert_eq!(undirected.len(), 6);
    }

    #[test]
    fn catalogue_output() {
        let out = run_algo(
            &graph(),
            NAME,
            json!({"source": "0", "target": "3", "directed": true, "n": 1})
                .as_object()
                .unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!(out.scalars["paths_number"], 1);
        assert_eq!(
            out.rows,
            Rows::Paths {
                key: "paths",
                paths: vec![vec![0, 1, 3]]
            }
        );
    }
}
