//! Evaluates a [`QuerySpec`] over a graph: select, filter, sort, slice, render.

use std::cmp::Ordering;

use serde_json::{Map, Value, json};

use super::filter::{Seen, compare};
use super::{Combine, QuerySpec, QueryTarget};
use crate::graph::{Cardinality, Graph};
use crate::job::control::JobControl;
use crate::{Error, Result};

/// One element: a vertex, or an out-edge with its source.
#[derive(Clone, Copy)]
struct Element {
    /// Vertex id, or the edge's source.
    v: u32,
    /// Out-edge index (edges only).
    edge: Option<usize>,
}

/// How one filter (or sort key) reads a property on each label: `(index, numeric, multi)`.
type Resolved = Vec<Option<(usize, bool, bool)>>;

fn resolve(graph: &Graph, property: &str) -> Resolved {
    graph
        .schema()
        .labels()
        .iter()
        .map(|l| {
            l.property_index(property).map(|i| {
                let p = &l.properties[i];
                (
                    i,
                    p.data_type.is_numeric(),
                    p.cardinality != Cardinality::Single,
                )
            })
        })
        .collect()
}

/// The query's answer rows (already sliced by `offset`/`limit`) and how many matched in all;
/// `None` when `ctl` was cancelled (checked every 4096 vertices).
///
/// # Errors
/// `InvalidArgument` when a comparison predicate names a list/set property.
pub fn run(graph: &Graph, spec: &QuerySpec, ctl: &JobControl) -> Result<Option<(Vec<Value>, u64)>> {
    let Some(mut matched) = matching(graph, spec, ctl)? else {
        return Ok(None);
    };
    let label_of = |e: &Element| label_index(graph, e);
    let props_of = |e: &Element| properties(graph, e);

    if !spec.sorts.is_empty() {
        let keys: Vec<(Option<Resolved>, &str, bool)> = spec
            .sorts
            .iter()
            .map(|s| {
                let r = (s.key != "id" && s.key != "label").then(|| resolve(graph, &s.key));
                (r, s.key.as_str(), s.descending)
            })
            .collect();
        let first_value = |e: &Element, r: &Resolved| -> Option<(String, bool)> {
            let (idx, numeric, _) = r[label_of(e)]?;
            props_of(e)[idx].1.first().map(|v| (v.clone(), numeric))
        };
        matched.sort_by(|a, b| {
            for (r, key, desc) in &keys {
                let ord = match (r, *key) {
                    (None, "id") => id_of(graph, a).cmp(&id_of(graph, b)),
                    (None, _) => label_name(graph, a).cmp(label_name(graph, b)),
                    (Some(r), _) => match (first_value(a, r), first_value(b, r)) {
                        (Some((x, numeric)), Some((y, _))) => {
                            compare(&x, &y, numeric).unwrap_or(Ordering::Equal)
                        }
                        // Elements without the property sort last either way.
                        (Some(_), None) => return Ordering::Less,
                        (None, Some(_)) => return Ordering::Greater,
                        (None, None) => Ordering::Equal,
                    },
                };
                let ord = if *desc { ord.reverse() } else { ord };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            Ordering::Equal
        });
    }

    let total = matched.len() as u64;
    let rows = matched
        .iter()
        .skip(usize::try_from(spec.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(spec.limit).unwrap_or(usize::MAX))
        .map(|e| render(graph, e, props_of(e)))
        .collect();
    Ok(Some((rows, total)))
}

/// The vertices of a vertex query that match its labels and filters, in id order (`None`
/// when `ctl` was cancelled): what a delete by filter removes.
///
/// # Errors
/// As [`run`].
pub(crate) fn matching_vertices(
    graph: &Graph,
    spec: &QuerySpec,
    ctl: &JobControl,
) -> Result<Option<Vec<u32>>> {
    debug_assert_eq!(spec.target, QueryTarget::Vertices);
    Ok(matching(graph, spec, ctl)?.map(|m| m.into_iter().map(|e| e.v).collect()))
}

/// The elements matching the query's labels and filters, in id order (`None`: cancelled,
/// checked every 4096 vertices).
fn matching(graph: &Graph, spec: &QuerySpec, ctl: &JobControl) -> Result<Option<Vec<Element>>> {
    let schema = graph.schema();
    let label_ok: Vec<bool> = schema
        .labels()
        .iter()
        .map(|l| spec.labels.is_empty() || spec.labels.contains(&l.name))
        .collect();
    let filters: Vec<Resolved> = spec
        .filters
        .iter()
        .map(|f| resolve(graph, &f.property))
        .collect();
    for (f, r) in spec.filters.iter().zip(&filters) {
        if f.predicate.is_comparison() && r.iter().flatten().any(|(_, _, multi)| *multi) {
            return Err(Error::invalid(format!(
                "property [{}] is a list or set: only has and hasNot apply to it",
                f.property
            )));
        }
    }
    let label_of = |e: &Element| label_index(graph, e);
    let props_of = |e: &Element| properties(graph, e);

    let mut matched = Vec::new();
    let n = graph.vertex_count() as u32;
    for v in 0..n {
        if v % 4096 == 0 && ctl.is_cancelled() {
            return Ok(None);
        }
        let elements: Vec<Element> = match spec.target {
            QueryTarget::Vertices => vec![Element { v, edge: None }],
            QueryTarget::Edges => graph
                .out_edge_range(v)
                .map(|k| Element { v, edge: Some(k) })
                .collect(),
        };
        for e in elements {
            let label = label_of(&e);
            if !label_ok.get(label).copied().unwrap_or(false) {
                continue;
            }
            if !spec.filters.is_empty() {
                let props = props_of(&e);
                let mut acc = true;
                for (i, (f, r)) in spec.filters.iter().zip(&filters).enumerate() {
                    let seen = r[label].map(|(idx, numeric, _)| Seen {
                        values: &props[idx].1,
                        numeric,
                    });
                    let hit = f.matches(seen);
                    acc = match (i, f.combine) {
                        (0, _) => hit,
                        (_, Combine::And) => acc && hit,
                        (_, Combine::Or) => acc || hit,
                    };
                }
                if !acc {
                    continue;
                }
            }
            matched.push(e);
        }
    }

    Ok(Some(matched))
}

/// The schema index of `e`'s label (`usize::MAX` for a label the schema lacks).
fn label_index(graph: &Graph, e: &Element) -> usize {
    graph
        .schema()
        .label_id(label_name(graph, e))
        .map_or(usize::MAX, usize::from)
}

/// `e`'s properties, in its label's order.
fn properties(graph: &Graph, e: &Element) -> Vec<(String, Vec<String>)> {
    match e.edge {
        None => graph.vertex_properties(e.v),
        Some(k) => graph.edge_properties(k),
    }
}

fn id_of(graph: &Graph, e: &Element) -> (String, String) {
    match e.edge {
        None => (graph.vertex_name(e.v).to_owned(), String::new()),
        Some(k) => (
            graph.vertex_name(e.v).to_owned(),
            graph.vertex_name(target(graph, e.v, k)).to_owned(),
        ),
    }
}

fn label_name<'g>(graph: &'g Graph, e: &Element) -> &'g str {
    match e.edge {
        None => graph.vertex_label(e.v),
        Some(k) => graph.edge_label(k),
    }
}

fn target(graph: &Graph, v: u32, k: usize) -> u32 {
    graph.out_neighbors(v)[k - graph.out_edge_range(v).start]
}

fn render(graph: &Graph, e: &Element, props: Vec<(String, Vec<String>)>) -> Value {
    let properties: Map<String, Value> = props
        .into_iter()
        .map(|(name, values)| (name, json!(values)))
        .collect();
    match e.edge {
        None => json!({
            "id": graph.vertex_name(e.v),
            "label": graph.vertex_label(e.v),
            "properties": properties,
        }),
        Some(k) => json!({
            "source": graph.vertex_name(e.v),
            "target": graph.vertex_name(target(graph, e.v, k)),
            "label": graph.edge_label(k),
            "properties": properties,
        }),
    }
}

/// A vertex in the vertex query's row shape (`id`, `label`, `properties`).
pub(super) fn vertex_row(graph: &Graph, v: u32) -> Value {
    render(
        graph,
        &Element { v, edge: None },
        graph.vertex_properties(v),
    )
}

/// The out-edge `k` of `v` in the edge query's row shape (`source`, `target`, `label`,
/// `properties`).
pub(super) fn edge_row(graph: &Graph, v: u32, k: usize) -> Value {
    render(
        graph,
        &Element { v, edge: Some(k) },
        graph.edge_properties(k),
    )
}
