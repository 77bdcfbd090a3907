//! All shortest paths between two vertices (GES `all_shortest_paths`).
//!
//! A BFS from the source counts shortest paths as it goes (`σ(w) = Σ σ(v)` over the
//! predecessors `v` of `w`) and stops after the level where the target appears; the paths are
//! then enumerated backwards from the target through predecessors one level closer. Paths are
//! vertex sequences: parallel edges, and an edge stored in both directions, count once.
//! `paths_number` is the exact count (saturating at 2^64 − 1); at most [`MAX_PATHS`] paths are
//! listed, in lexicographic order of vertex index when all fit. `directed: false` (the GES
//! default) follows edges both ways.
//!
//! [`all_shortest_paths_between`] takes vertex sets; `all_shortest_paths_of_vertex_sets` uses it.
//! `all_shortest_paths_kept` is the same search inside a [`Mask`]; `filtered_all_shortest_paths`
//! uses it, and `filtered_all_pairs_shortest_paths` the backward enumeration.

use super::k_hop::Direction;
use super::traversal::{KEEP_ALL, Mask, UNREACHED, direction, kept_neighbors, reverse};
use super::{AlgoError, AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, vertex};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "all_shortest_paths";

/// Most paths listed (the job API's page limit); `paths_number` still counts them all.
pub const MAX_PATHS: usize = 100_000;

/// Enumeration steps between cancellation checks.
const CHECK_EVERY: usize = 4096;

/// Also the parameters of `filtered_shortest_path` and `filtered_all_shortest_paths`.
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
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "All shortest paths: every path with the fewest hops from source to target \
                  (at most 100000 listed; paths_number counts all of them).",
    params: PARAMS,
    sync: true,
    result_key: "paths",
    filters: &[],
};

/// all_shortest_paths settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllShortestPathsConfig {
    /// Start vertex id (external name).
    pub source: String,
    /// End vertex id (external name).
    pub target: String,
    /// Whether to follow edge directions.
    pub directed: bool,
}

impl AllShortestPathsConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing source or target, equal source and target, or a parameter of the wrong type.
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
        })
    }
}

/// Shortest paths found by [`all_shortest_paths_between`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortestPaths {
    /// The listed paths (at most `cap`), each from a source to a target.
    pub paths: Vec<Vec<u32>>,
    /// How many shortest paths there are in all (saturating).
    pub count: u64,
}

/// Every fewest-hops path from a vertex of `sources` to a vertex of `targets` along `dir`; the
/// length is that of the closest pair, and only pairs at that distance contribute. A vertex in
/// both sets gives the one-vertex path. At most `cap` paths are listed.
///
/// # Errors
/// [`Cancelled`], checked before every BFS level and every few thousand enumeration steps.
///
/// # Complexity
/// O(n + m) for the search, plus O(length) per listed path.
///
/// # Example
/// ```
/// use engine::algo::all_shortest_paths::all_shortest_paths_between;
/// use engine::algo::k_hop::Direction;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // A square 0-1-3, 0-2-3: two shortest paths from 0 to 3.
/// let g = Graph::from_edges(4, &[(0, 1), (0, 2), (1, 3), (2, 3)]);
/// let r = all_shortest_paths_between(&g, &[0], &[3], Direction::Out, 10, &JobControl::new())
///     .unwrap();
/// assert_eq!(r.paths, [vec![0, 1, 3], vec![0, 2, 3]]);
/// assert_eq!(r.count, 2);
/// ```
pub fn all_shortest_paths_between(
    g: &Graph,
    sources: &[u32],
    targets: &[u32],
    dir: Direction,
    cap: usize,
    ctl: &JobControl,
) -> Result<ShortestPaths, Cancelled> {
    all_shortest_paths_kept(g, sources, targets, dir, &KEEP_ALL, cap, ctl)
}

/// [`all_shortest_paths_between`] over the vertices and edges `mask` keeps: sources and targets
/// it drops take no part, and paths only step along kept edges onto kept vertices.
///
/// # Errors
/// [`Cancelled`], checked before every BFS level and every few thousand enumeration steps.
///
/// # Complexity
/// O(n + m) for the search, plus O(length) per listed path.
pub(crate) fn all_shortest_paths_kept(
    g: &Graph,
    sources: &[u32],
    targets: &[u32],
    dir: Direction,
    mask: &Mask,
    cap: usize,
    ctl: &JobControl,
) -> Result<ShortestPaths, Cancelled> {
    ctl.check()?;
    let n = g.vertex_count();
    let mut dist = vec![UNREACHED; n];
    let mut sigma = vec![0u64; n];
    let mut is_target = vec![false; n];
    for &t in targets.iter().filter(|&&t| mask.vertex(t)) {
        is_target[t as usize] = true;
    }
    let mut frontier = Vec::with_capacity(sources.len());
    for &s in sources.iter().filter(|&&s| mask.vertex(s)) {
        if dist[s as usize] == UNREACHED {
            dist[s as usize] = 0;
            sigma[s as usize] = 1;
            frontier.push(s);
        }
    }
    let mut found: Vec<u32> = frontier
        .iter()
        .copied()
        .filter(|&v| is_target[v as usize])
        .collect();
    let mut level = 0;
    let mut reached = frontier.len() as u64;
    while found.is_empty() && !frontier.is_empty() {
        ctl.check()?;
        ctl.set_progress(reached, n as u64);
        let mut next = Vec::new();
        for &v in &frontier {
            for w in kept_neighbors(g, v, dir, mask) {
                let dw = &mut dist[w as usize];
                if *dw == UNREACHED {
                    *dw = level + 1;
                    next.push(w);
                }
                if *dw == level + 1 {
                    sigma[w as usize] = sigma[w as usize].saturating_add(sigma[v as usize]);
                }
            }
        }
        level += 1;
        reached += next.len() as u64;
        found = next
            .iter()
            .copied()
            .filter(|&v| is_target[v as usize])
            .collect();
        frontier = next;
    }
    found.sort_unstable();
    let count = found
        .iter()
        .fold(0u64, |c, &t| c.saturating_add(sigma[t as usize]));
    let mut paths = Vec::new();
    let mut steps = 0usize;
    for &t in &found {
        let back = Walk {
            g,
            dist: &dist,
            dir: reverse(dir),
            mask,
        };
        enumerate(&back, t, cap, &mut paths, &mut steps, ctl)?;
    }
    paths.sort_unstable();
    ctl.set_progress(n as u64, n as u64);
    Ok(ShortestPaths { paths, count })
}

/// How [`enumerate`] walks back from a target: along `dir` (the search's edges reversed),
/// through the kept edges of `mask`, to vertices one level closer by `dist`.
pub(super) struct Walk<'a> {
    pub(super) g: &'a Graph,
    pub(super) dist: &'a [u32],
    pub(super) dir: Direction,
    pub(super) mask: &'a Mask,
}

/// Appends the shortest paths ending at `t` (walking `back` to distance-0 vertices) until `out`
/// holds `cap` paths. Iterative, so long paths cannot overflow the stack. Also
/// `filtered_all_pairs_shortest_paths`' enumeration, one BFS per source.
pub(super) fn enumerate(
    back: &Walk<'_>,
    t: u32,
    cap: usize,
    out: &mut Vec<Vec<u32>>,
    steps: &mut usize,
    ctl: &JobControl,
) -> Result<(), Cancelled> {
    let dist = back.dist;
    let preds = |v: u32| -> Vec<u32> {
        let d = dist[v as usize];
        kept_neighbors(back.g, v, back.dir, back.mask)
            .filter(|&p| dist[p as usize] != UNREACHED && dist[p as usize] + 1 == d)
            .collect()
    };
    let emit = |reversed: &[u32], out: &mut Vec<Vec<u32>>| {
        out.push(reversed.iter().rev().copied().collect());
    };
    if out.len() >= cap {
        return Ok(());
    }
    if dist[t as usize] == 0 {
        emit(&[t], out);
        return Ok(());
    }
    // `path` holds t and the predecessors chosen so far; `stack[i]` the choices at path[i].
    let mut path = vec![t];
    let mut stack = vec![(preds(t), 0usize)];
    while let Some((choices, next)) = stack.last_mut() {
        *steps += 1;
        if (*steps).is_multiple_of(CHECK_EVERY) {
            ctl.check()?;
        }
        if out.len() >= cap {
            break;
        }
        match choices.get(*next) {
            Some(&p) => {
                *next += 1;
                path.push(p);
                if dist[p as usize] == 0 {
                    emit(&path, out);
                    path.pop();
                } else {
                    stack.push((preds(p), 0));
                }
            }
            None => {
                stack.pop();
                path.pop();
            }
        }
    }
    Ok(())
}

/// Checks `all_shortest_paths`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    AllShortestPathsConfig::from_params(p).map(drop)
}

/// Runs `all_shortest_paths` for the catalogue: scalars `source`, `target`, `paths_number`,
/// rows `paths`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = AllShortestPathsConfig::from_params(p)?;
    let s = vertex(g, "source", &cfg.source)?;
    let t = vertex(g, "target", &cfg.target)?;
    let r = all_shortest_paths_between(g, &[s], &[t], direction(cfg.directed), MAX_PATHS, ctl)?;
    Ok(AlgoOutput::many_paths(
        cfg.source, cfg.target, r.paths, r.count,
    ))
}

#[cfg(test)]
mod tests;
