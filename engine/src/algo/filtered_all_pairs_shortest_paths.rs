//! All shortest paths between every source and every target, through filtered vertices and
//! edges (GES `filtered_all_pairs_shortest_paths`, 2.2.17).
//!
//! REFERENCE §3.2: `sources`, `targets` (CSV, at most 10000 each), `directed`, `cutoff` 1–100
//! default 6, `path_limit` 1–100000 (sync) / 1–1000000 (async), default the maximum; §3.1:
//! `vertex_filter`/`edge_filter` for the `filtered_*` algorithms. The 2.2.17 page adds the
//! output: `batch_paths`, one `{"paths": [[…]], "source", "target"}` element per pair, and
//! `paths_number`; and `directed` defaults to false.
//!
//! Our choices where they stop:
//! - **Pairs.** Every source (in the order given, repeats dropped) with every target (same),
//!   except a vertex with itself. A pair gets every fewest-hops path of at most `cutoff` hops
//!   inside the filters' [`Mask`](super::path_filter::Mask) (paths only visit vertices passing
//!   `vertex_filter`, only take edges passing `edge_filter`; ends that fail `vertex_filter`
//!   have no path), in vertex order; a pair without such a path has no element.
//! - **`path_limit`** caps the paths listed over all pairs: the listing stops at the limit
//!   (mid-pair if need be), and `paths_number` counts the paths listed. As §3.1 lists the
//!   algorithm as async only, its range is the async one, 1–1000000, default 1000000.
//! - **Filters** read as in [`super::path_filter`]; without them it is the unfiltered search.

use serde_json::{Map, Value};

use super::all_shortest_paths::{Walk, enumerate};
use super::k_hop::Direction;
use super::path_filter::{self, PathFilters};
use super::traversal::{Mask, UNREACHED, direction, for_each_kept_neighbor, reverse};
use super::{
    AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, PathGroup, Result, Rows, vertex_set,
};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "filtered_all_pairs_shortest_paths";

/// Most ids `sources` and `targets` may each list.
pub const MAX_IDS: usize = 10_000;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "sources",
        ParamKind::String,
        "Ids of the start vertices, CSV (at most 10000).",
    )
    .required(),
    ParamSpec::new(
        "targets",
        ParamKind::String,
        "Ids of the end vertices, CSV (at most 10000).",
    )
    .required(),
    ParamSpec::new(
        "directed",
        ParamKind::Bool,
        "Follow edge directions; false follows edges both ways.",
    )
    .default("false"),
    ParamSpec::new("cutoff", ParamKind::Int, "Most hops of a path.")
        .default("6")
        .range(1.0, 100.0),
    ParamSpec::new(
        "path_limit",
        ParamKind::Int,
        "Most paths listed over all pairs.",
    )
    .default("1000000")
    .range(1.0, 1_000_000.0),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Filtered all pairs shortest paths: for every source and target, every path \
                  with the fewest hops (at most cutoff) that only visits vertices passing \
                  vertex_filter and only takes edges passing edge_filter; at most path_limit \
                  paths in all.",
    params: PARAMS,
    sync: false,
    result_key: "batch_paths",
    filters: path_filter::KEYS,
};

/// filtered_all_pairs_shortest_paths settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllPairsConfig {
    /// Start vertex ids (external names).
    pub sources: Vec<String>,
    /// End vertex ids (external names).
    pub targets: Vec<String>,
    /// Whether to follow edge directions.
    pub directed: bool,
    /// Most hops.
    pub cutoff: u32,
    /// Most paths listed in all.
    pub path_limit: usize,
    /// `vertex_filter` and `edge_filter`.
    pub filters: PathFilters,
}

impl AllPairsConfig {
    /// GES default most hops.
    pub const DEFAULT_CUTOFF: u32 = 6;
    /// GES default (async) path limit.
    pub const DEFAULT_PATH_LIMIT: usize = 1_000_000;

    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// A parameter missing, of the wrong type or out of range; a filter that is not one
    /// condition of the filtered-query format.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Ok(Self {
            sources: p.id_list("sources", MAX_IDS)?.unwrap_or_default(),
            targets: p.id_list("targets", MAX_IDS)?.unwrap_or_default(),
            directed: p.bool("directed")?,
            cutoff: p.int("cutoff")? as u32,
            path_limit: p.int("path_limit")? as usize,
            filters: PathFilters::from_params(p)?,
        })
    }
}

/// The shortest paths of at most `cutoff` hops from each of `sources` to each of `targets`
/// inside `mask`, grouped by pair, at most `limit` paths in all (see the [module docs](self)).
///
/// # Errors
/// [`super::AlgoError::Cancelled`], checked before every source and during enumeration.
///
/// # Complexity
/// One BFS of depth `cutoff` per source, O(n + m) each at worst (buffers are reset only where
/// a search went), plus O(length) per listed path.
#[allow(clippy::too_many_arguments)]
pub(crate) fn all_pairs_kept(
    g: &Graph,
    sources: &[u32],
    targets: &[u32],
    dir: Direction,
    cutoff: u32,
    limit: usize,
    mask: &Mask,
    ctl: &JobControl,
) -> Result<Vec<PathGroup>> {
    let mut groups = Vec::new();
    let (mut listed, mut steps) = (0usize, 0usize);
    let mut dist = vec![UNREACHED; g.vertex_count()];
    let mut reached = Vec::new();
    for (i, &s) in sources.iter().enumerate() {
        ctl.check()?;
        if listed >= limit {
            break;
        }
        for &v in &reached {
            dist[v as usize] = UNREACHED;
        }
        bfs(g, s, dir, cutoff, mask, &mut dist, &mut reached);
        let back = Walk {
            g,
            dist: &dist,
            dir: reverse(dir),
            mask,
        };
        for &t in targets {
            if t == s || dist[t as usize] == UNREACHED || dist[t as usize] > cutoff {
                continue;
            }
            let mut paths = Vec::new();
            enumerate(&back, t, limit - listed, &mut paths, &mut steps, ctl)?;
            paths.sort_unstable();
            listed += paths.len();
            groups.push(PathGroup {
                source: s,
                target: t,
                paths,
            });
            if listed >= limit {
                break;
            }
        }
        ctl.set_progress(i as u64 + 1, sources.len() as u64);
    }
    ctl.set_progress(1, 1);
    Ok(groups)
}

/// Hop distances from `s` inside `mask`, up to `cutoff`, into `dist` (all `UNREACHED` on entry);
/// `reached` gets the vertices it set, in BFS order.
fn bfs(
    g: &Graph,
    s: u32,
    dir: Direction,
    cutoff: u32,
    mask: &Mask,
    dist: &mut [u32],
    reached: &mut Vec<u32>,
) {
    reached.clear();
    if !mask.vertex(s) {
        return;
    }
    dist[s as usize] = 0;
    reached.push(s);
    let mut head = 0;
    while let Some(&v) = reached.get(head) {
        head += 1;
        let d = dist[v as usize];
        if d == cutoff {
            continue;
        }
        for_each_kept_neighbor(g, v, dir, mask, |w| {
            if dist[w as usize] == UNREACHED {
                dist[w as usize] = d + 1;
                reached.push(w);
            }
        });
    }
}

/// Checks `filtered_all_pairs_shortest_paths`' parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    AllPairsConfig::from_params(p).map(drop)
}

/// Runs `filtered_all_pairs_shortest_paths` for the catalogue: rows `batch_paths`, scalar
/// `paths_number` (paths listed).
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = AllPairsConfig::from_params(p)?;
    let sources = vertex_set(g, "sources", &cfg.sources)?;
    let targets = vertex_set(g, "targets", &cfg.targets)?;
    let mask = cfg.filters.mask(g, ctl)?;
    let dir = direction(cfg.directed);
    let groups = all_pairs_kept(
        g,
        &sources,
        &targets,
        dir,
        cfg.cutoff,
        cfg.path_limit,
        &mask,
        ctl,
    )?;
    let count: usize = groups.iter().map(|gr| gr.paths.len()).sum();
    let mut scalars = Map::new();
    scalars.insert("paths_number".into(), Value::from(count));
    Ok(AlgoOutput {
        scalars,
        rows: Rows::PathGroups {
            key: "batch_paths",
            groups,
        },
    })
}

#[cfg(test)]
mod tests;
