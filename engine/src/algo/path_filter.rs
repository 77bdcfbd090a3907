//! `vertex_filter` and `edge_filter` of the `filtered_*` path algorithms
//! (`filtered_shortest_path`, `filtered_all_shortest_paths`, `filtered_n_paths`).
//!
//! REFERENCE §3.1: "Since 2.2.4: `vertex_filter`, `edge_filter` (Object; filtered-query filter
//! format) for the `filtered_*` algorithms". §4.3 gives that format:
//! `{"property_filter": {"leftvalue": {"label_name"|"property_name"|"id": …}, "predicate": …,
//! "rightvalue": {"value": …}}}`. The filters restrict the traversal: a vertex that fails
//! `vertex_filter` is not visited, an edge that fails `edge_filter` is not traversed. GES sends
//! them beside `parameters` at the top of the execute-algorithm body; the engine reads them from
//! the `parameters` map under the same keys (the REST layer copies the top-level objects there).
//!
//! The reference says no more; our choices, for the record:
//! - **Shape.** Exactly one condition: `{"property_filter": {leftvalue, predicate, rightvalue}}`.
//!   Any other key, or a `property_filter` nested inside `leftvalue`/`rightvalue` (GES's
//!   combined conditions joined by `&`/`|`, which §4.3 does not show), is refused with an error
//!   naming the field. A filter sent as `null` is absent; with neither filter the algorithm
//!   answers like its unfiltered twin.
//! - **Operands** (`leftvalue`, exactly one key): `label_name` compares the element's label (the
//!   key's value — `"labelName"` in the GES samples — is not read); `property_name` names the
//!   property compared; `id` compares a vertex's id (vertex_filter only: edges have no id of
//!   their own here).
//! - **Predicates** (`predicate`), with the vertex/edge filter queries' meaning
//!   ([`crate::query`], §4.1): `=`, `<`, `>`, `<=`, `>=` compare with one value; `range` keeps
//!   `value[0] ≤ v ≤ value[1]`; `has` keeps elements holding any of the values, `hasNot` those
//!   holding none (an element without the property matches `hasNot` only). The GES samples of
//!   these very algorithms also send `IN` (a list: same as `has`) and `PREFIX` (the value starts
//!   with the text), so both are accepted, in either case; anything else is refused.
//! - **Values** (`rightvalue.value`): a string, number or boolean, or an array of them (`range`
//!   takes exactly two, `has`/`hasNot`/`IN` one or more, the others exactly one). Values compare
//!   by the property's type: numerically for int/long/float/double (a value that is not a number
//!   then never matches), as text otherwise (dates as `YYYY-MM-DD HH:MM:SS`, so give the full
//!   form for exact bounds); labels and ids compare as text.
//! - **Properties.** A property no label of the schema defines is an error (a typo would
//!   otherwise silently filter everything out), and so is a comparison on a list or set property
//!   (only `has`, `hasNot`, `IN` and `PREFIX` look at every value), as in the filter queries.
//! - **Ends.** The source and target must pass `vertex_filter` themselves; when one does not,
//!   there is no path: the usual unreachable answer (`path: []`, or `paths: []` with
//!   `paths_number: 0`), not an error.
//! - **Edges** are tested as stored, whichever way an undirected search walks them; two vertices
//!   joined by parallel edges are adjacent when any of those edges passes.
//! - **Cost.** Both filters are evaluated once per element before the search (in parallel,
//!   cancellable): O(n + m) property reads, like a `timeWindow`, into a [`Mask`] the traversals
//!   take.

mod mask;

use serde_json::{Map, Value};

use super::{AlgoError, Params, Result};
use crate::query::Predicate;

pub use super::traversal::Mask;

/// The filter objects the `filtered_*` path algorithms take beside `parameters`.
pub(crate) const KEYS: &[&str] = &["vertex_filter", "edge_filter"];

/// The filter objects some GES algorithm takes beside `parameters`: [`KEYS`], and `filters`
/// (`filtered_circle_detection`'s layers).
pub(crate) const ALL_KEYS: &[&str] = &["vertex_filter", "edge_filter", "filters"];

/// What a condition compares (`leftvalue`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    /// `label_name`: the element's label.
    Label,
    /// `property_name`: this property's values.
    Property(String),
    /// `id`: the vertex id.
    Id,
}

/// How a condition compares (`predicate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// A predicate of the vertex/edge filter queries (`IN` is [`Predicate::Has`]).
    Query(Predicate),
    /// `PREFIX`: some value starts with the text.
    Prefix,
}

/// One `property_filter` condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementFilter {
    /// What is compared.
    pub operand: Operand,
    /// How.
    pub test: Test,
    /// The operands from `rightvalue.value`, as text (numbers and booleans rendered).
    pub values: Vec<String>,
}

/// The `vertex_filter` and `edge_filter` of one request; `None` keeps every vertex (edge).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathFilters {
    /// `vertex_filter`.
    pub vertex: Option<ElementFilter>,
    /// `edge_filter`.
    pub edge: Option<ElementFilter>,
}

/// The predicate words, for error messages (the run form offers the same list).
fn predicates() -> String {
    rules::predicate::PATH_FILTER.join(", ")
}

/// Reading one filter object: the error for a field below `key`.
struct Field {
    key: &'static str,
}

impl Field {
    fn invalid(&self, path: &str, why: &str) -> AlgoError {
        AlgoError::Param(format!("parameter [{}{path}] is invalid! {why}", self.key))
    }

    fn nested(&self, path: &str) -> AlgoError {
        self.invalid(
            path,
            "Combined conditions (a property_filter inside leftvalue or rightvalue, joined by \
             & or |) are not supported; give one condition.",
        )
    }
}

impl PathFilters {
    /// Reads `vertex_filter` and `edge_filter` from the parameters (absent or `null`: no
    /// filter).
    ///
    /// # Errors
    /// [`AlgoError::Param`] naming the field of a filter that is not one condition of the
    /// format in the [module docs](self).
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        Self::from_values(p.raw("vertex_filter"), p.raw("edge_filter"))
    }

    /// Reads a `vertex_filter` and an `edge_filter` given as values (`None`: no filter); the
    /// filtered query's hops carry theirs so.
    ///
    /// # Errors
    /// As [`from_params`](Self::from_params).
    pub fn from_values(vertex: Option<&Value>, edge: Option<&Value>) -> Result<Self> {
        let read = |key: &'static str, raw: Option<&Value>, vertices: bool| {
            raw.filter(|v| !v.is_null())
                .map(|raw| parse(&Field { key }, raw, vertices))
                .transpose()
        };
        Ok(Self {
            vertex: read("vertex_filter", vertex, true)?,
            edge: read("edge_filter", edge, false)?,
        })
    }
}

/// The only key of `obj`, or `None` when it has none or several.
fn only_key(obj: &Map<String, Value>) -> Option<&str> {
    let mut keys = obj.keys();
    match (keys.next(), keys.next()) {
        (Some(k), None) => Some(k),
        _ => None,
    }
}

fn parse(f: &Field, raw: &Value, vertices: bool) -> Result<ElementFilter> {
    let shape = "It must be {\"property_filter\": {\"leftvalue\": {…}, \"predicate\": …, \
                 \"rightvalue\": {\"value\": …}}}.";
    let outer = raw.as_object().ok_or_else(|| f.invalid("", shape))?;
    let cond = match (only_key(outer), outer.get("property_filter")) {
        (Some("property_filter"), Some(Value::Object(cond))) => cond,
        _ => return Err(f.invalid("", shape)),
    };
    let at = |field: &str| format!(".property_filter.{field}");
    if let Some(other) = cond
        .keys()
        .find(|k| !["leftvalue", "predicate", "rightvalue"].contains(&k.as_str()))
    {
        return Err(f.invalid(
            ".property_filter",
            &format!("It takes leftvalue, predicate and rightvalue, not [{other}]."),
        ));
    }
    let operand = operand(f, cond.get("leftvalue"), vertices)?;
    let word = match cond.get("predicate") {
        Some(Value::String(s)) => s.trim(),
        None | Some(Value::Null) => return Err(f.invalid(&at("predicate"), "It is required.")),
        Some(_) => return Err(f.invalid(&at("predicate"), "It must be a string.")),
    };
    let test = test(word).ok_or_else(|| {
        f.invalid(
            &at("predicate"),
            &format!("[{word}] is not one of {}.", predicates()),
        )
    })?;
    let values = values(f, cond.get("rightvalue"))?;
    let (least, most) = match test {
        Test::Query(Predicate::Range) => (2, 2),
        Test::Query(Predicate::Has | Predicate::HasNot) => (1, usize::MAX),
        _ => (1, 1),
    };
    if values.len() < least || values.len() > most {
        let wanted = match (least, most) {
            (2, 2) => "exactly two values (low, high)",
            (1, 1) => "exactly one value",
            _ => "at least one value",
        };
        return Err(f.invalid(
            &at("rightvalue.value"),
            &format!("Predicate [{word}] takes {wanted}."),
        ));
    }
    Ok(ElementFilter {
        operand,
        test,
        values,
    })
}

fn operand(f: &Field, left: Option<&Value>, vertices: bool) -> Result<Operand> {
    let path = ".property_filter.leftvalue";
    let why = "It must be an object with one of label_name, property_name or id.";
    let left = match left {
        Some(Value::Object(left)) => left,
        None | Some(Value::Null) => return Err(f.invalid(path, "It is required.")),
        Some(_) => return Err(f.invalid(path, why)),
    };
    if left.contains_key("property_filter") {
        return Err(f.nested(path));
    }
    match (only_key(left), left.values().next()) {
        (Some("label_name"), _) => Ok(Operand::Label),
        (Some("id"), _) if vertices => Ok(Operand::Id),
        (Some("id"), _) => Err(f.invalid(
            path,
            "Edges have no id to compare; use label_name or property_name.",
        )),
        (Some("property_name"), Some(Value::String(name))) if !name.trim().is_empty() => {
            Ok(Operand::Property(name.trim().to_owned()))
        }
        (Some("property_name"), _) => {
            Err(f.invalid(&format!("{path}.property_name"), "It must name a property."))
        }
        _ => Err(f.invalid(path, why)),
    }
}

fn test(word: &str) -> Option<Test> {
    if let Some(p) = Predicate::parse(word) {
        return Some(Test::Query(p));
    }
    Some(match word.to_ascii_lowercase().as_str() {
        "in" | "has" => Test::Query(Predicate::Has),
        "hasnot" => Test::Query(Predicate::HasNot),
        "range" => Test::Query(Predicate::Range),
        "prefix" => Test::Prefix,
        _ => return None,
    })
}

fn values(f: &Field, right: Option<&Value>) -> Result<Vec<String>> {
    let path = ".property_filter.rightvalue";
    let right = match right {
        Some(Value::Object(right)) => right,
        None | Some(Value::Null) => return Err(f.invalid(path, "It is required.")),
        Some(_) => return Err(f.invalid(path, "It must be an object with a value.")),
    };
    if right.contains_key("property_filter") {
        return Err(f.nested(path));
    }
    if let Some(other) = right.keys().find(|k| *k != "value") {
        return Err(f.invalid(path, &format!("It takes a value, not [{other}].")));
    }
    let why = "It must be a string, a number, a boolean or an array of them.";
    let text = |v: &Value| match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(f.invalid(&format!("{path}.value"), why)),
    };
    match right.get("value") {
        None | Some(Value::Null) => Err(f.invalid(&format!("{path}.value"), "It is required.")),
        Some(Value::Array(items)) => items.iter().map(text).collect(),
        Some(v) => Ok(vec![text(v)?]),
    }
}

#[cfg(test)]
pub(crate) mod tests;
