//! What the graph explorer's server functions return: a subgraph to draw (a neighbourhood or a
//! path result) and one result column for the drawn vertices. Read by the explorer's script
//! (`public/explore/explore.js`), so the field names are short and the JSON flat: a drawing
//! of 50k vertices is one answer.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One vertex to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExploreVertex {
    /// External id.
    pub id: String,
    /// Label name.
    pub label: String,
    /// `(name, value)` in the label's order; a list's values joined with `;`.
    pub properties: Vec<(String, String)>,
    /// Hops from the root (for a path: position along the path).
    pub hop: u32,
    /// Distinct neighbours in the whole graph.
    pub degree: u64,
    /// Of those, how many this answer holds.
    pub shown: u64,
}

/// One directed edge to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExploreEdge {
    /// Source id.
    pub source: String,
    /// Target id.
    pub target: String,
    /// Label name.
    pub label: String,
    /// `(name, value)`, like a vertex's.
    pub properties: Vec<(String, String)>,
}

/// A subgraph to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExploreGraph {
    /// Its graph.
    pub graph: String,
    /// The vertices, the root (or a path's first vertex) first.
    pub vertices: Vec<ExploreVertex>,
    /// The edges among them.
    pub edges: Vec<ExploreEdge>,
    /// The engine's vertex or edge limit cut it short.
    pub truncated: bool,
    /// For a path result, its paths as vertex ids; empty for a neighbourhood.
    pub paths: Vec<Vec<String>>,
}

/// A result column for some vertices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExploreValues {
    /// The job's graph.
    pub graph: String,
    /// The column read.
    pub column: String,
    /// `(vertex id, value)` for each asked vertex the result has a row for.
    pub values: Vec<(String, Value)>,
}
