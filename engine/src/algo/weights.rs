//! The `weight` parameter: resolving the edge property and reading checked values.

use super::{AlgoError, Result};
use crate::graph::{EdgeWeights, Graph};

/// The accessor for edge property `property` (`None` or empty: unweighted).
///
/// # Errors
/// `parameter [weight] is invalid!` when no edge label has a numeric property of that name.
pub(crate) fn resolve<'g>(g: &'g Graph, property: Option<&str>) -> Result<Option<EdgeWeights<'g>>> {
    match property.filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(prop) => g.edge_weights(prop).map(Some).ok_or_else(|| {
            AlgoError::Param(format!(
                "parameter [weight] is invalid! No edge label has a numeric property [{prop}]."
            ))
        }),
    }
}

/// The length of out-edge `k` (`from` → `to`) for path algorithms: a missing value counts as
/// 1; the value must be > 0.
///
/// # Errors
/// `parameter [weight] is invalid!` naming the edge, for a value ≤ 0 or NaN.
#[inline]
pub(crate) fn positive(
    g: &Graph,
    weights: &EdgeWeights<'_>,
    k: usize,
    from: u32,
    to: u32,
) -> Result<f64> {
    let w = weights.get(k).unwrap_or(1.0);
    if w > 0.0 && w.is_finite() {
        Ok(w)
    } else {
        Err(bad(g, w, "> 0", from, to))
    }
}

/// The weight of out-edge `k` for community algorithms: a missing value counts as 1; the
/// value must be ≥ 0.
///
/// # Errors
/// `parameter [weight] is invalid!` naming the edge, for a negative or non-finite value.
#[inline]
pub(crate) fn non_negative(
    g: &Graph,
    weights: &EdgeWeights<'_>,
    k: usize,
    from: u32,
    to: u32,
) -> Result<f64> {
    let w = weights.get(k).unwrap_or(1.0);
    if w >= 0.0 && w.is_finite() {
        Ok(w)
    } else {
        Err(bad(g, w, ">= 0", from, to))
    }
}

fn bad(g: &Graph, w: f64, rule: &str, from: u32, to: u32) -> AlgoError {
    AlgoError::Param(format!(
        "parameter [weight] is invalid! Edge weights must be {rule}, found {w} on the edge [{}] -> [{}].",
        g.vertex_name(from),
        g.vertex_name(to)
    ))
}
