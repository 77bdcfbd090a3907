//! A path result (shortest_path, n_paths, all_shortest_paths…) as a subgraph to draw: its
//! vertices, and the graph's edges between consecutive vertices of each path (either
//! direction: an undirected search may walk an edge backwards).
//!
//! Rows are read as the job status API returns them: `shortest_path`'s rows are the path's
//! vertex ids one per row; the many-paths algorithms' rows are one array of ids per path
//! (arrays of arrays for path groups). At most [`MAX_ROWS`] rows are read.

use std::collections::HashMap;

use serde_json::Value;

use super::hood::{self, Subgraph};
use crate::graph::Graph;

/// Most result rows (paths) drawn.
pub const MAX_ROWS: u64 = 1_000;

/// A path result's subgraph.
#[derive(Debug, Clone, PartialEq)]
pub struct PathSubgraph {
    /// The job's graph.
    pub graph: String,
    /// The paths, as lists of vertex ids.
    pub paths: Vec<Vec<String>>,
    /// Their vertices (hop: position along the first path that reaches them) and edges.
    pub subgraph: Subgraph,
}

/// The paths the rows describe (see the module doc).
pub(crate) fn paths_of(rows: &[Value]) -> Vec<Vec<String>> {
    fn collect(v: &Value, paths: &mut Vec<Vec<String>>) {
        let Value::Array(items) = v else { return };
        if items.iter().all(Value::is_string) {
            paths.push(
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect(),
            );
        } else {
            items.iter().for_each(|i| collect(i, paths));
        }
    }
    let mut paths = Vec::new();
    if rows.iter().all(Value::is_string) {
        collect(&Value::Array(rows.to_vec()), &mut paths);
    } else {
        rows.iter().for_each(|r| collect(r, &mut paths));
    }
    paths.retain(|p| !p.is_empty());
    paths
}

/// The subgraph of `g` the paths `walk` draw: their vertices (hop: position along the first
/// path that reaches them) and the edges between consecutive vertices, either direction.
pub(crate) fn subgraph(g: &Graph, walk: &[Vec<String>]) -> Subgraph {
    let mut hop_of = HashMap::new();
    let mut order = Vec::new();
    for path in walk {
        for (i, id) in path.iter().enumerate() {
            if let Some(v) = g.vertex_index(id)
                && !hop_of.contains_key(&v)
            {
                hop_of.insert(v, i as u32);
                order.push(v);
            }
        }
    }
    let mut s = hood::subgraph(g, &order, &hop_of, false);
    let steps: std::collections::HashSet<(&str, &str)> = walk
        .iter()
        .flat_map(|p| p.windows(2).map(|w| (w[0].as_str(), w[1].as_str())))
        .collect();
    s.edges.retain(|e| {
        let (a, b) = (e.source.as_str(), e.target.as_str());
        steps.contains(&(a, b)) || steps.contains(&(b, a))
    });
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_of_ids_are_one_path_and_arrays_are_one_path_each() {
        assert_eq!(
            paths_of(&[json!("a"), json!("b"), json!("c")]),
            [vec!["a", "b", "c"]]
        );
        assert_eq!(
            paths_of(&[json!(["a", "b"]), json!(["a", "c", "b"])]),
            [vec!["a", "b"], vec!["a", "c", "b"]]
        );
        assert_eq!(
            paths_of(&[json!([["a", "b"], ["c", "d"]])]),
            [vec!["a", "b"], vec!["c", "d"]]
        );
        assert!(paths_of(&[]).is_empty());
    }
}
