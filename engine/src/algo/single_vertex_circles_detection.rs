//! Circles through one vertex (GES `single_vertex_circles_detection`, 2.2.4).
//!
//! REFERENCE §3.1 says a parameter page exists (and §13 lists it for HyG); the 2.2.4 page gives:
//! `source` (required), `min_circle_length` 3–15 default 3, `max_circle_length` 3–15 default 10
//! (not below `min_circle_length`), `limit_circle_number` 1–100000 default 100; outputs
//! `circles` (`[[vertexId, …], …]`), `source`, `circle_number` (circles found), `runtime`, and
//! the three limits echoed.
//!
//! Our choices where the page stops:
//! - **Direction.** There is no `directed` parameter; circles follow edge directions (a circle
//!   is a way out of the source and back, as in the cyclic-transfer use the page names).
//! - **A circle** is a closed path without repeated vertices whose length (edges, = vertices)
//!   lies in the bounds. It is written from the source, which is not repeated at the end:
//!   `[source, v1, …, vk]` for `source -> v1 -> … -> vk -> source`. Parallel edges do not make
//!   more circles (circles are vertex sequences).
//! - **Which circles, when there are more than the limit**: the shortest first, and within a
//!   length in ascending order of their vertices (the order of the vertex indices), so the
//!   answer is the same on every run.

use serde_json::{Map, Value};

use super::k_hop::Direction;
use super::traversal::{KEEP_ALL, UNREACHED, bfs_distances_kept, reverse, unique_neighbors};
use super::{AlgoError, AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, Rows};
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// The GES algorithm name.
pub const NAME: &str = "single_vertex_circles_detection";

/// Search steps between cancellation checks.
const CHECK_EVERY: usize = 4096;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "source",
        ParamKind::String,
        "Id of the vertex every circle passes through.",
    )
    .required(),
    ParamSpec::new(
        "min_circle_length",
        ParamKind::Int,
        "Fewest edges of a circle.",
    )
    .default("3")
    .range(3.0, 15.0),
    ParamSpec::new(
        "max_circle_length",
        ParamKind::Int,
        "Most edges of a circle (not below min_circle_length).",
    )
    .default("10")
    .range(3.0, 15.0),
    ParamSpec::new(
        "limit_circle_number",
        ParamKind::Int,
        "Most circles listed.",
    )
    .default("100")
    .range(1.0, 100_000.0),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Single vertex circles detection: directed circles (closed paths without \
                  repeated vertices) through the source with min to max edges, shortest first, \
                  at most limit_circle_number of them.",
    params: PARAMS,
    sync: false,
    result_key: "circles",
    filters: &[],
};

/// single_vertex_circles_detection settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CirclesConfig {
    /// The vertex every circle passes through (external id).
    pub source: String,
    /// Fewest edges.
    pub min_length: u32,
    /// Most edges.
    pub max_length: u32,
    /// Most circles listed.
    pub limit: usize,
}

impl CirclesConfig {
    /// GES default fewest edges.
    pub const DEFAULT_MIN_LENGTH: u32 = 3;
    /// GES default most edges.
    pub const DEFAULT_MAX_LENGTH: u32 = 10;
    /// GES default number of circles.
    pub const DEFAULT_LIMIT: usize = 100;

    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// A parameter missing, of the wrong type or out of range; `max_circle_length` below
    /// `min_circle_length`.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        let cfg = Self {
            source: p.required_string("source")?,
            min_length: p.int("min_circle_length")? as u32,
            max_length: p.int("max_circle_length")? as u32,
            limit: p.int("limit_circle_number")? as usize,
        };
        if cfg.max_length < cfg.min_length {
            return Err(AlgoError::Param(
                "parameter [max_circle_length] is invalid! It must not be below \
                 min_circle_length."
                    .into(),
            ));
        }
        Ok(cfg)
    }
}

/// The circles through `s` along `dir` with `min..=max` edges, shortest first, at most
/// `limit` (see the [module docs](self)); each lists its vertices from `s`.
///
/// # Errors
/// [`Cancelled`], checked every few thousand search steps.
///
/// # Complexity
/// A bounded depth-first search per length, pruned by the BFS distance back to `s`; the number
/// of simple paths explored can grow exponentially with `max`.
///
/// # Example
/// ```
/// use engine::algo::single_vertex_circles_detection::circles_through;
/// use engine::algo::k_hop::Direction;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // 0 -> 1 -> 2 -> 0 and 0 -> 1 -> 3 -> 2 -> 0.
/// let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (1, 3), (3, 2)]);
/// let c = circles_through(&g, 0, Direction::Out, 3, 10, 100, &JobControl::new()).unwrap();
/// assert_eq!(c, [vec![0, 1, 2], vec![0, 1, 3, 2]]);
/// ```
pub fn circles_through(
    g: &Graph,
    s: u32,
    dir: Direction,
    min: u32,
    max: u32,
    limit: usize,
    ctl: &JobControl,
) -> Result<Vec<Vec<u32>>, Cancelled> {
    let back = reverse(dir);
    // Hops from each vertex back to s, up to max - 1 (the first step is out of s).
    let to_s = bfs_distances_kept(g, &[s], back, max, &KEEP_ALL, ctl)?;
    let mut circles = Vec::new();
    let mut on_path = vec![false; g.vertex_count()];
    on_path[s as usize] = true;
    let mut steps = 0usize;
    for len in min..=max {
        // From a path of `depth` edges ending at v: step to w if it can still close in time.
        let choices = |v: u32, depth: u32, on_path: &[bool]| -> Vec<u32> {
            unique_neighbors(g, v, dir)
                .filter(|&w| {
                    if w == s {
                        return depth + 1 == len;
                    }
                    let d = to_s[w as usize];
                    !on_path[w as usize] && d != UNREACHED && depth + 1 + d <= len
                })
                .collect()
        };
        let mut path = vec![s];
        let mut stack = vec![(choices(s, 0, &on_path), 0usize)];
        while let Some((options, next)) = stack.last_mut() {
            steps += 1;
            if steps.is_multiple_of(CHECK_EVERY) {
                ctl.check()?;
            }
            match options.get(*next) {
                Some(&w) => {
                    *next += 1;
                    if w == s {
                        circles.push(path.clone());
                        if circles.len() == limit {
                            ctl.set_progress(1, 1);
                            return Ok(circles);
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
                    if path.len() > 1
                        && let Some(v) = path.pop()
                    {
                        on_path[v as usize] = false;
                    }
                }
            }
        }
        ctl.set_progress(u64::from(len - min + 1), u64::from(max - min + 1));
    }
    Ok(circles)
}

/// Checks `single_vertex_circles_detection`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    CirclesConfig::from_params(p).map(drop)
}

/// Runs `single_vertex_circles_detection` for the catalogue: rows `circles`, scalars `source`,
/// `circle_number` and the three limits.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = CirclesConfig::from_params(p)?;
    let s = super::vertex(g, "source", &cfg.source)?;
    let circles = circles_through(
        g,
        s,
        Direction::Out,
        cfg.min_length,
        cfg.max_length,
        cfg.limit,
        ctl,
    )?;
    let mut scalars = Map::new();
    scalars.insert("source".into(), Value::String(cfg.source));
    scalars.insert("circle_number".into(), Value::from(circles.len()));
    scalars.insert("min_circle_length".into(), Value::from(cfg.min_length));
    scalars.insert("max_circle_length".into(), Value::from(cfg.max_length));
    scalars.insert("limit_circle_number".into(), Value::from(cfg.limit));
    Ok(AlgoOutput {
        scalars,
        rows: Rows::Paths {
            key: "circles",
            paths: circles,
        },
    })
}

#[cfg(test)]
mod tests;
