//! The k-hop filtered query (REFERENCE §4.3, `…/graphs/{g}/action?action_id=filtered-query`):
//! from the `vertices` given, each entry of `filters` is one hop (`operator` `out`, `in` or
//! `both`) that may only take edges passing its `edge_filter` to vertices passing its
//! `vertex_filter`; `query_type` says what comes back.
//!
//! The reference gives the body's fields and no more; our choices:
//! - The filters are one `property_filter` condition each, read exactly as the `filtered_*`
//!   algorithms read theirs (`algo/path_filter.rs`: predicates, operands, how values compare).
//! - A hop's `vertex_filter` applies to the vertices it reaches, not to where it starts; the
//!   start vertices are not filtered. An unknown start vertex fails the query, naming it.
//! - `query_type`: `Default` returns the vertices the last hop reaches; `AllVertices` every
//!   vertex met on the way, the start vertices included; `SimpleEdges` every edge a hop took,
//!   once each; `Path` every walk of one edge per hop from a start vertex, as the list of its
//!   vertex ids, at most [`PATH_LIMIT`] of them (the `truncated` scalar says when more exist).
//!   Vertices and edges come in the vertex and edge query's row shape, in id order.
//! - Operators other than `out`, `in` and `both` (GES also names `outV`, `inV`, …) and `by`
//!   are refused naming them, never ignored.
//! - `executionMode` is the REST layer's: `sync` (the default) answers with the rows,
//!   `async` with a job id, as for the algorithms.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::run::{edge_row, vertex_row};
use crate::algo::path_filter::PathFilters;
use crate::algo::traversal::Mask;
use crate::graph::Graph;
use crate::job::control::JobControl;
use crate::{Error, Result};

/// At most this many walks come back for `query_type` `Path`.
pub const PATH_LIMIT: usize = 100_000;

/// One hop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hop {
    /// Which way edges are followed.
    pub operator: Operator,
    /// The condition on the vertices reached (raw `vertex_filter`).
    pub vertex_filter: Option<Value>,
    /// The condition on the edges taken (raw `edge_filter`).
    pub edge_filter: Option<Value>,
}

/// Which way a hop follows edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operator {
    /// Out-edges.
    Out,
    /// In-edges.
    In,
    /// Both.
    Both,
}

/// What the query returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilteredQueryType {
    /// The vertices the last hop reaches.
    Default,
    /// Every vertex met, the start vertices included.
    AllVertices,
    /// Every edge taken.
    SimpleEdges,
    /// Every walk.
    Path,
}

impl FilteredQueryType {
    /// The result key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Default | Self::AllVertices => "vertices",
            Self::SimpleEdges => "edges",
            Self::Path => "paths",
        }
    }
}

/// A parsed filtered-query body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilteredQuerySpec {
    /// Start vertex ids.
    pub vertices: Vec<String>,
    /// The hops, in order.
    pub hops: Vec<Hop>,
    /// What comes back.
    pub query_type: FilteredQueryType,
}

/// A bad parameter naming `field` (the filtered queries' wording).
/// The body's `vertices`: a non-empty array of vertex ids (the filtered and path queries').
pub(super) fn start_ids(body: &Map<String, Value>) -> Result<Vec<String>> {
    match body.get("vertices") {
        Some(Value::Array(ids)) if !ids.is_empty() => ids
            .iter()
            .map(|id| match id {
                Value::String(s) => Ok(s.clone()),
                other => Err(invalid(
                    "vertices",
                    format!("[{other}] is not a vertex id."),
                )),
            })
            .collect(),
        _ => Err(invalid(
            "vertices",
            "It must be a non-empty array of vertex ids.",
        )),
    }
}

/// The start vertices' indexes, sorted, each once; `InvalidArgument` for an unknown one.
pub(super) fn start_frontier(g: &Graph, ids: &[String]) -> Result<Vec<u32>> {
    let mut frontier = ids
        .iter()
        .map(|id| {
            g.vertex_index(id)
                .ok_or_else(|| invalid("vertices", format!("vertex [{id}] does not exist.")))
        })
        .collect::<Result<Vec<u32>>>()?;
    frontier.sort_unstable();
    frontier.dedup();
    Ok(frontier)
}

pub(super) fn invalid(field: &str, why: impl std::fmt::Display) -> Error {
    Error::invalid(format!("parameter [{field}] is invalid! {why}"))
}

impl FilteredQuerySpec {
    /// Reads a filtered-query body (`executionMode` is the caller's).
    ///
    /// # Errors
    /// `InvalidArgument` naming the field that is missing or wrong, including a
    /// filter that is not one condition (checked here, so a bad filter never becomes a job).
    pub fn parse(raw: &Value) -> Result<Self> {
        let body = raw
            .as_object()
            .ok_or_else(|| invalid("body", "It must be a JSON object."))?;
        if let Some(by) = body.get("by").filter(|v| !v.is_null()) {
            return Err(invalid(
                "by",
                format!("[{by}] is not supported by graphjobs."),
            ));
        }
        let vertices = start_ids(body)?;
        let hops = match body.get("filters") {
            Some(Value::Array(steps)) if !steps.is_empty() => steps
                .iter()
                .enumerate()
                .map(|(i, step)| hop(i, step))
                .collect::<Result<Vec<_>>>()?,
            _ => return Err(invalid("filters", "It must be a non-empty array of hops.")),
        };
        let query_type = match body.get("query_type") {
            None | Some(Value::Null) => FilteredQueryType::Default,
            Some(Value::String(s)) => match s.as_str() {
                "Default" => FilteredQueryType::Default,
                "AllVertices" => FilteredQueryType::AllVertices,
                "SimpleEdges" => FilteredQueryType::SimpleEdges,
                "Path" => FilteredQueryType::Path,
                other => {
                    return Err(invalid(
                        "query_type",
                        format!("[{other}] is not one of Default, AllVertices, SimpleEdges, Path."),
                    ));
                }
            },
            Some(other) => {
                return Err(invalid("query_type", format!("[{other}] is not a string.")));
            }
        };
        Ok(Self {
            vertices,
            hops,
            query_type,
        })
    }
}

fn hop(i: usize, step: &Value) -> Result<Hop> {
    let at = |f: &str| format!("filters[{i}].{f}");
    let step = step
        .as_object()
        .ok_or_else(|| invalid(&format!("filters[{i}]"), "It must be an object."))?;
    if let Some(other) = step
        .keys()
        .find(|k| !["operator", "vertex_filter", "edge_filter"].contains(&k.as_str()))
    {
        return Err(invalid(
            &at(other),
            "A hop takes operator, vertex_filter and edge_filter.",
        ));
    }
    let operator = match step.get("operator").and_then(Value::as_str) {
        Some("out") => Operator::Out,
        Some("in") => Operator::In,
        Some("both") => Operator::Both,
        Some(other) => {
            return Err(invalid(
                &at("operator"),
                format!("[{other}] is not supported; use out, in or both."),
            ));
        }
        None => return Err(invalid(&at("operator"), "It is required: out, in or both.")),
    };
    let raw = |key: &str| step.get(key).filter(|v| !v.is_null()).cloned();
    let hop = Hop {
        operator,
        vertex_filter: raw("vertex_filter"),
        edge_filter: raw("edge_filter"),
    };
    hop.filters()
        .map_err(|e| Error::invalid(format!("{} (in filters[{i}])", e)))?;
    Ok(hop)
}

impl Hop {
    /// The hop's filters, read from their raw values.
    pub(super) fn filters(&self) -> std::result::Result<PathFilters, crate::algo::AlgoError> {
        PathFilters::from_values(self.vertex_filter.as_ref(), self.edge_filter.as_ref())
    }
}

/// Follows `op` from `frontier` inside `mask`: the vertices reached, sorted, once each.
/// `took(from, (source, k), to)` is called for every edge taken, `k` being its out-edge index
/// at `source` (whichever way the hop walked it).
pub(super) fn step(
    g: &Graph,
    frontier: &[u32],
    op: Operator,
    mask: &Mask,
    mut took: impl FnMut(u32, (u32, usize), u32),
) -> Vec<u32> {
    let mut reached = Vec::new();
    for &v in frontier {
        if op != Operator::In {
            for (k, &w) in g.out_edge_range(v).zip(g.out_neighbors(v)) {
                if mask.edge(k) && mask.vertex(w) {
                    reached.push(w);
                    took(v, (v, k), w);
                }
            }
        }
        if op != Operator::Out {
            for (&k, &w) in g.in_edge_ids(v).iter().zip(g.in_neighbors(v)) {
                if mask.edge(k as usize) && mask.vertex(w) {
                    reached.push(w);
                    took(v, (w, k as usize), w);
                }
            }
        }
    }
    reached.sort_unstable();
    reached.dedup();
    reached
}

/// A query's answer: its rows and its scalars (`matched`, and `truncated` for walks).
pub type Answer = (Vec<Value>, Map<String, Value>);

/// Runs the query: its rows and scalars (the result key is the query type's); `None` when
/// cancelled.
///
/// # Errors
/// `InvalidArgument` for an unknown start vertex or a filter naming a property no
/// label defines.
pub fn run(g: &Graph, spec: &FilteredQuerySpec, ctl: &JobControl) -> Result<Option<Answer>> {
    let mut frontier = start_frontier(g, &spec.vertices)?;
    // What each query type collects on the way (nothing for `Default`).
    let kind = spec.query_type;
    let mut met: Vec<u32> = if kind == FilteredQueryType::AllVertices {
        frontier.clone()
    } else {
        Vec::new()
    };
    let mut taken: Vec<(u32, usize)> = Vec::new();
    let paths_wanted = kind == FilteredQueryType::Path;
    let mut walks: Vec<Vec<u32>> = if paths_wanted {
        frontier.iter().map(|&v| vec![v]).collect()
    } else {
        Vec::new()
    };
    let mut truncated = false;
    for (i, hop) in spec.hops.iter().enumerate() {
        if ctl.is_cancelled() {
            return Ok(None);
        }
        ctl.set_progress(i as u64, spec.hops.len() as u64);
        let mask = match hop.filters().and_then(|f| f.mask(g, ctl)) {
            Ok(mask) => mask,
            Err(crate::algo::AlgoError::Cancelled) => return Ok(None),
            Err(e) => {
                return Err(Error::invalid(format!("{e} (in filters[{i}])")));
            }
        };
        let mut next_of: Vec<(u32, u32)> = Vec::new();
        let reached = step(g, &frontier, hop.operator, &mask, |v, edge, w| match kind {
            FilteredQueryType::SimpleEdges => taken.push(edge),
            FilteredQueryType::Path => next_of.push((v, w)),
            FilteredQueryType::Default | FilteredQueryType::AllVertices => {}
        });
        if paths_wanted {
            next_of.sort_unstable();
            let mut longer = Vec::new();
            'walks: for walk in &walks {
                let last = *walk.last().expect("a walk is never empty");
                let from = next_of.partition_point(|&(v, _)| v < last);
                for &(_, w) in next_of[from..].iter().take_while(|&&(v, _)| v == last) {
                    if longer.len() == PATH_LIMIT {
                        truncated = true;
                        break 'walks;
                    }
                    let mut w_walk = walk.clone();
                    w_walk.push(w);
                    longer.push(w_walk);
                }
            }
            walks = longer;
        }
        if kind == FilteredQueryType::AllVertices {
            met.extend_from_slice(&reached);
        }
        frontier = reached;
    }
    ctl.set_progress(spec.hops.len() as u64, spec.hops.len() as u64);
    let rows: Vec<Value> = match spec.query_type {
        FilteredQueryType::Default => frontier.iter().map(|&v| vertex_row(g, v)).collect(),
        FilteredQueryType::AllVertices => {
            met.sort_unstable();
            met.dedup();
            met.iter().map(|&v| vertex_row(g, v)).collect()
        }
        FilteredQueryType::SimpleEdges => {
            // An out-edge index names one edge: equal pairs are the same edge taken again.
            taken.sort_unstable();
            taken.dedup();
            taken.iter().map(|&(v, k)| edge_row(g, v, k)).collect()
        }
        FilteredQueryType::Path => walks
            .iter()
            .map(|w| json!(w.iter().map(|&v| g.vertex_name(v)).collect::<Vec<_>>()))
            .collect(),
    };
    let mut scalars = Map::new();
    scalars.insert("matched".into(), rows.len().into());
    if paths_wanted {
        scalars.insert("truncated".into(), truncated.into());
    }
    Ok(Some((rows, scalars)))
}

#[cfg(test)]
mod tests;
