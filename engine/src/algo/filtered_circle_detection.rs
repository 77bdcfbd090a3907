//! Circles matching a filter per layer (GES `filtered_circle_detection`, 2.2.15).
//!
//! REFERENCE §3.1 lists it, with `filters` (an array) beside `parameters`. The 2.2.15 page
//! gives: `sources` (optional CSV), `n` 1–100000 default 100 (most circles listed),
//! `statistics` default false (also count every circle), `batch_number` 1–1000 default 10
//! (start vertices processed per batch), `output_format` `vertexId`/`edgeId`/`edgeObject`
//! default `edgeObject`, and `filters` (required): one element per layer, `operator`
//! `out`/`in`/`both` default `out`, `edge_filter`, `vertex_filter`, `times` 1–10 default 1 (the
//! element stands for that many layers). The first layer filters the start vertex (only its
//! `vertex_filter` counts); the last layer's vertex filter applies to the start too, as the
//! circle ends there; circles have 3 to 10 edges, so there are 4 to 11 layers. Outputs:
//! `circles` (`[{"source","target","index"}, …]`, `["source-target-index", …]` or
//! `[vertexId, …]` by format, ids and index as strings), `runtime`, `n`, and `circle_number`
//! with `statistics: true`.
//!
//! Our reading, where the page stops:
//! - **Length.** A circle has exactly as many edges as there are layers after the first (the
//!   page ties the layer count to the circle length); hop `i` uses layer `i`: it walks an edge
//!   along the layer's operator (`in` walks a stored edge backwards) that passes its
//!   `edge_filter`, onto a vertex that passes its `vertex_filter`. The vertices are distinct
//!   but for the start, where the last hop ends. Anything in the first element but a
//!   `vertex_filter` is refused.
//! - **Starts.** `sources` in the order given (repeats dropped), or every vertex in index
//!   order. A circle is anchored at its start: found again from another of its vertices (a
//!   rotation that also meets the layers) it is listed again. Give `sources` to anchor circles
//!   at chosen vertices.
//! - **Edges.** Parallel edges make distinct circles in the edge formats; in `vertexId` format
//!   circles that differ only by parallel edges are listed once.
//! - **Order and limit.** Circles are listed by start, then in ascending order of the vertices
//!   taken; listing stops at `n`. With `statistics: true` the search goes on to count them all
//!   (`circle_number`), which can take long on large graphs; it can be cancelled.
//! - **`batch_number`** starts are searched in parallel, then merged in start order, so the
//!   answer does not depend on it.

mod layers;

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::k_hop::Direction;
use super::traversal::Mask;
use super::{
    AlgoOutput, AlgorithmSpec, Circle, CircleFormat, ParamKind, ParamSpec, Params, Result, Rows,
    vertex_set,
};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The GES algorithm name.
pub const NAME: &str = "filtered_circle_detection";

/// Most ids `sources` may list.
pub const MAX_SOURCES: usize = 100_000;

/// Search steps between cancellation checks.
const CHECK_EVERY: u64 = 4096;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new(
        "sources",
        ParamKind::String,
        "Start vertex ids, CSV; every vertex when absent.",
    ),
    ParamSpec::new("n", ParamKind::Int, "Most circles listed.")
        .default("100")
        .range(1.0, 100_000.0),
    ParamSpec::new(
        "statistics",
        ParamKind::Bool,
        "Also count every circle (circle_number).",
    )
    .default("false"),
    ParamSpec::new(
        "batch_number",
        ParamKind::Int,
        "Start vertices searched per batch.",
    )
    .default("10")
    .range(1.0, 1000.0),
    ParamSpec::new(
        "output_format",
        ParamKind::Enum(&["vertexId", "edgeId", "edgeObject"]),
        "How each circle is written.",
    )
    .default("edgeObject"),
];

/// The filter object it takes beside `parameters`.
const FILTERS: &[&str] = &["filters"];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Filtered circle detection: circles of 3 to 10 edges whose every hop meets its \
                  layer of filters (operator, edge_filter, vertex_filter, times), from the \
                  sources or every vertex; at most n listed, all counted with statistics.",
    params: PARAMS,
    sync: false,
    result_key: "circles",
    filters: FILTERS,
};

/// filtered_circle_detection settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CircleDetectionConfig {
    /// Start vertex ids; `None` for every vertex.
    pub sources: Option<Vec<String>>,
    /// Most circles listed.
    pub n: usize,
    /// Whether to count every circle.
    pub statistics: bool,
    /// Starts searched per batch.
    pub batch_number: usize,
    /// How circles are written.
    pub format: CircleFormat,
    layers: Vec<layers::Layer>,
}

impl CircleDetectionConfig {
    /// Reads and validates the request's parameters and `filters`.
    ///
    /// # Errors
    /// A parameter of the wrong type or out of range; `filters` missing or malformed.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        let format = match p.string("output_format")?.as_deref() {
            Some("vertexId") => CircleFormat::VertexId,
            Some("edgeId") => CircleFormat::EdgeId,
            _ => CircleFormat::EdgeObject,
        };
        Ok(Self {
            sources: p.id_list("sources", MAX_SOURCES)?,
            n: p.int("n")? as usize,
            statistics: p.bool("statistics")?,
            batch_number: p.int("batch_number")? as usize,
            format,
            layers: layers::parse(p.raw("filters"))?,
        })
    }
}

/// The search's layers, expanded: hop `i` (1-based) walks `dirs[i]` inside `masks[of[i]]`.
struct Plan {
    dirs: Vec<Direction>,
    masks: Vec<Mask>,
    of: Vec<usize>,
    /// Whether circles differing only by parallel edges count once.
    by_vertex: bool,
}

impl Plan {
    fn hops(&self) -> usize {
        self.dirs.len() - 1
    }

    /// The steps out of `v` for hop `h`: (next vertex, stored source, out-edge index).
    fn steps(&self, g: &Graph, v: u32, h: usize) -> Vec<(u32, u32, usize)> {
        let (dir, mask) = (self.dirs[h], &self.masks[self.of[h]]);
        let mut out = Vec::new();
        if dir != Direction::In {
            for (k, &w) in g.out_edge_range(v).zip(g.out_neighbors(v)) {
                out.push((w, v, k));
            }
        }
        if dir != Direction::Out {
            for (&k, &w) in g.in_edge_ids(v).iter().zip(g.in_neighbors(v)) {
                out.push((w, w, k as usize));
            }
        }
        out.retain(|&(w, _, k)| mask.edge(k) && mask.vertex(w));
        out.sort_unstable_by_key(|&(w, _, k)| (w, k));
        if self.by_vertex {
            out.dedup_by_key(|s| s.0);
        }
        out
    }
}

/// The circles from start `s` (at most `cap` listed) and how many there are (all of them when
/// `count_all`, else the listed ones).
fn from_start(
    g: &Graph,
    plan: &Plan,
    s: u32,
    cap: usize,
    count_all: bool,
    ctl: &JobControl,
) -> Result<(Vec<Circle>, u64)> {
    let last = plan.hops();
    let (mut circles, mut count, mut steps) = (Vec::new(), 0u64, 0u64);
    let mut on_path = std::collections::HashSet::new();
    let mut vertices = vec![s];
    let mut edges: Vec<(u32, usize)> = Vec::new();
    let mut stack = vec![(plan.steps(g, s, 1), 0usize)];
    while let Some((options, next)) = stack.last_mut() {
        steps += 1;
        if steps.is_multiple_of(CHECK_EVERY) {
            ctl.check()?;
        }
        let Some(&(w, src, k)) = options.get(*next) else {
            stack.pop();
            if let Some(v) = vertices.pop().filter(|_| !vertices.is_empty()) {
                on_path.remove(&v);
            }
            edges.pop();
            continue;
        };
        *next += 1;
        let hop = edges.len() + 1;
        if hop == last {
            if w == s {
                count += 1;
                if circles.len() < cap {
                    let mut e = edges.clone();
                    e.push((src, k));
                    circles.push(Circle {
                        vertices: vertices.clone(),
                        edges: e,
                    });
                }
                if circles.len() >= cap && !count_all {
                    break;
                }
            }
        } else if w != s && !on_path.contains(&w) {
            on_path.insert(w);
            vertices.push(w);
            edges.push((src, k));
            stack.push((plan.steps(g, w, hop + 1), 0));
        }
    }
    Ok((circles, count))
}

/// Checks `filtered_circle_detection`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    CircleDetectionConfig::from_params(p).map(drop)
}

/// Runs `filtered_circle_detection` for the catalogue: rows `circles`, scalars `n` and, with
/// `statistics`, `circle_number`.
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = CircleDetectionConfig::from_params(p)?;
    let starts: Vec<u32> = match &cfg.sources {
        Some(ids) => vertex_set(g, "sources", ids)?,
        None => (0..g.vertex_count() as u32).collect(),
    };
    let mut plan = Plan {
        dirs: Vec::new(),
        masks: Vec::with_capacity(cfg.layers.len()),
        of: Vec::new(),
        by_vertex: cfg.format == CircleFormat::VertexId,
    };
    for (i, layer) in cfg.layers.iter().enumerate() {
        plan.masks.push(layer.filters.mask(g, ctl)?);
        for _ in 0..layer.times {
            plan.dirs.push(layer.dir);
            plan.of.push(i);
        }
    }
    // The first layer filters the start, the last one too (the circle ends there).
    let last = plan.masks[*plan.of.last().unwrap_or(&0)].clone();
    let start_ok = |s: u32| plan.masks[0].vertex(s) && last.vertex(s);
    let starts: Vec<u32> = starts.into_iter().filter(|&s| start_ok(s)).collect();
    let (mut circles, mut count) = (Vec::new(), 0u64);
    for (b, batch) in starts.chunks(cfg.batch_number).enumerate() {
        ctl.check()?;
        if circles.len() >= cfg.n && !cfg.statistics {
            break;
        }
        let cap = cfg.n - circles.len().min(cfg.n);
        let found = batch
            .par_iter()
            .map(|&s| from_start(g, &plan, s, cap, cfg.statistics, ctl))
            .collect::<Result<Vec<_>>>()?;
        for (list, c) in found {
            count += c;
            let room = cfg.n - circles.len().min(cfg.n);
            circles.extend(list.into_iter().take(room));
        }
        let done = ((b + 1) * cfg.batch_number).min(starts.len());
        ctl.set_progress(done as u64, starts.len() as u64);
    }
    ctl.set_progress(1, 1);
    let mut scalars = Map::new();
    scalars.insert("n".into(), Value::from(cfg.n));
    if cfg.statistics {
        scalars.insert("circle_number".into(), Value::from(count));
    }
    Ok(AlgoOutput {
        scalars,
        rows: Rows::Circles {
            key: "circles",
            format: cfg.format,
            circles,
        },
    })
}

#[cfg(test)]
mod tests;
