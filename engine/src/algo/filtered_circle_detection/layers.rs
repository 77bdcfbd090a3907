//! Reading `filtered_circle_detection`'s `filters`: one element per layer of the search, each
//! `{"operator": "out"|"in"|"both", "vertex_filter", "edge_filter", "times"}` (operator
//! default `out`, `times` 1–10 default 1, the filters in the one-condition format of
//! [`crate::algo::path_filter`]), expanded `times` times.

use serde_json::Value;

use crate::algo::k_hop::Direction;
use crate::algo::path_filter::PathFilters;
use crate::algo::{AlgoError, Result};

/// Fewest layers: a circle has at least 3 edges.
pub(super) const MIN_LAYERS: usize = 4;
/// Most layers: a circle has at most 10 edges.
pub(super) const MAX_LAYERS: usize = 11;

/// One element of `filters`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Layer {
    /// How the hop into this layer walks edges (`out`: as stored, `in`: backwards, `both`).
    pub(super) dir: Direction,
    /// The vertex and edge conditions of the hop.
    pub(super) filters: PathFilters,
    /// How many consecutive layers it stands for.
    pub(super) times: usize,
}

fn invalid(at: &str, why: &str) -> AlgoError {
    AlgoError::Param(format!("parameter [filters{at}] is invalid! {why}"))
}

/// The elements of `filters`, checked: an array of 4–11 layers once expanded, whose first
/// element (the start vertex) carries only a `vertex_filter`.
///
/// # Errors
/// [`AlgoError::Param`] naming the element and field.
pub(super) fn parse(raw: Option<&Value>) -> Result<Vec<Layer>> {
    let items = match raw {
        Some(Value::Array(items)) => items,
        None => return Err(invalid("", "It is required.")),
        Some(_) => return Err(invalid("", "It must be an array of layers.")),
    };
    let layers = items
        .iter()
        .enumerate()
        .map(|(i, item)| layer(i, item))
        .collect::<Result<Vec<_>>>()?;
    if let Some(first) = layers.first()
        && (first.times != 1 || first.filters.edge.is_some() || first.dir != Direction::Out)
    {
        return Err(invalid(
            "[0]",
            "The first layer is the start vertex: it takes only a vertex_filter.",
        ));
    }
    let total: usize = layers.iter().map(|l| l.times).sum();
    if !(MIN_LAYERS..=MAX_LAYERS).contains(&total) {
        return Err(invalid(
            "",
            &format!(
                "It must make 4 to 11 layers with their times (circles of 3 to 10 edges), not \
                 {total}."
            ),
        ));
    }
    Ok(layers)
}

fn layer(i: usize, item: &Value) -> Result<Layer> {
    let at = |field: &str| format!("[{i}]{field}");
    let obj = item
        .as_object()
        .ok_or_else(|| invalid(&at(""), "It must be an object."))?;
    if let Some(other) = obj
        .keys()
        .find(|k| !["operator", "vertex_filter", "edge_filter", "times"].contains(&k.as_str()))
    {
        return Err(invalid(
            &at(""),
            &format!("It takes operator, vertex_filter, edge_filter and times, not [{other}]."),
        ));
    }
    let dir = match obj.get("operator") {
        None | Some(Value::Null) => Direction::Out,
        Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "out" => Direction::Out,
            "in" => Direction::In,
            "both" => Direction::All,
            _ => return Err(invalid(&at(".operator"), "It must be out, in or both.")),
        },
        Some(_) => return Err(invalid(&at(".operator"), "It must be out, in or both.")),
    };
    let times = match obj.get("times") {
        None | Some(Value::Null) => 1,
        Some(v) => v
            .as_u64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            .filter(|t| (1..=10).contains(t))
            .ok_or_else(|| invalid(&at(".times"), "It must be an integer in [1, 10]."))?
            as usize,
    };
    let filters = PathFilters::from_values(obj.get("vertex_filter"), obj.get("edge_filter"))
        .map_err(|e| match e {
            AlgoError::Param(m) => {
                AlgoError::Param(m.replacen("parameter [", &format!("parameter [filters[{i}]."), 1))
            }
            other => other,
        })?;
    Ok(Layer {
        dir,
        filters,
        times,
    })
}
