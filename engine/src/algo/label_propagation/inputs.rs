//! Label propagation's inputs: vote weights per edge and seed labels from a vertex property.

use std::collections::HashMap;

use super::NONE;
use crate::algo::{AlgoError, Result, weights};
use crate::graph::Graph;

/// Every out-edge's vote weight, checked once up front; `None` when unweighted.
pub(super) fn edge_weights(g: &Graph, property: Option<&str>) -> Result<Option<Vec<f64>>> {
    let Some(w) = weights::resolve(g, property)? else {
        return Ok(None);
    };
    let mut out = vec![0.0; g.edge_count()];
    for u in 0..g.vertex_count() as u32 {
        for (k, &v) in g.out_edge_range(u).zip(g.out_neighbors(u)) {
            out[k] = weights::non_negative(g, &w, k, u, v)?;
        }
    }
    Ok(Some(out))
}

/// Seed labels from vertex property `property`: each vertex's first non-empty value, interned.
pub(crate) fn seed_labels(g: &Graph, property: &str) -> Result<(Vec<u32>, Vec<String>)> {
    let invalid = |why: String| AlgoError::Param(format!("parameter [initial] is invalid! {why}"));
    if !g
        .schema()
        .labels()
        .iter()
        .any(|l| l.property_index(property).is_some())
    {
        return Err(invalid(format!(
            "No vertex label has a property [{property}]."
        )));
    }
    let n = g.vertex_count();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut names = Vec::new();
    let mut labels = vec![NONE; n];
    let mut seeded = 0;
    for v in 0..n as u32 {
        let value = g
            .vertex_properties(v)
            .into_iter()
            .find(|(name, _)| name == property)
            .and_then(|(_, values)| values.into_iter().find(|s| !s.is_empty()));
        if let Some(value) = value {
            let id = *ids.entry(value.clone()).or_insert_with(|| {
                names.push(value);
                (names.len() - 1) as u32
            });
            labels[v as usize] = id;
            seeded += 1;
        }
    }
    if seeded == 0 || seeded == n {
        return Err(invalid(format!(
            "Some vertices, but not all, must have a value of [{property}]; {seeded} of {n} have one."
        )));
    }
    Ok((labels, names))
}
