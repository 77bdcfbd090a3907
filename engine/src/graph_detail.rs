//! [`Engine::graph_detail`](crate::Engine::graph_detail): one graph as the console's graph page shows it — its catalogue row,
//! every label of its schema with the properties it declares and how many vertices and edges
//! carry it, and the memory the loaded graph holds.
//!
//! The graph is loaded through the catalogue exactly as an algorithm job loads it (and stays
//! loaded for the jobs that follow); loading and counting run on a blocking thread.

use crate::catalog::GraphCatalog;
use crate::graph::{Graph, PropertyDef};
use crate::{GraphInfo, Result};

/// One label of a graph's schema.
///
/// Labels are general-purpose (see [`crate::graph::schema`]): the same label may be carried by
/// vertices and by edges, so both counts are given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelDetail {
    /// Label name.
    pub name: String,
    /// Its properties in declaration (= CSV column) order.
    pub properties: Vec<PropertyDef>,
    /// Vertices with this label.
    pub vertices: u64,
    /// Edges with this label.
    pub edges: u64,
}

/// Everything the graph page shows about one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphDetail {
    /// The catalogue row (name, version, sizes, times).
    pub info: GraphInfo,
    /// Every label of the schema, in schema order (labels nothing carries included).
    pub labels: Vec<LabelDetail>,
    /// Approximate heap bytes the loaded graph holds (CSR, names, property columns); for a
    /// partitioned graph, its vertices (the node holds no edge of it).
    pub memory_bytes: u64,
    /// The parts of a partitioned graph (see [`crate::graph::import::partitioned`]); `None`
    /// for a whole one.
    pub partitions: Option<u32>,
}

/// The labels, memory and parts of version `version` of graph `name` of `project`, loaded
/// through `catalog` (a partitioned graph: its vertices, and the edges per label the import
/// counted). Blocking.
pub(crate) fn describe_version(
    catalog: &GraphCatalog,
    project: &str,
    name: &str,
    version: i64,
) -> Result<(Vec<LabelDetail>, u64, Option<u32>)> {
    match catalog.partitioned(project, name, version)? {
        Some(parts) => catalog.vertices(project, name, version).map(|g| {
            let (mut labels, memory) = describe(&g);
            for (l, &edges) in labels.iter_mut().zip(&parts.label_edges) {
                l.edges = edges;
            }
            (labels, memory, Some(parts.parts))
        }),
        None => catalog.get(project, name, version).map(|g| {
            let (labels, memory) = describe(&g);
            (labels, memory, None)
        }),
    }
}

/// The part count of each `(graph, version)` that is partitioned, `None` for a whole one:
/// what the graph lists mark. Reads each version's parts marker (a small file; with a shared
/// store a GET the first time this node looks), never a graph. A graph whose marker cannot be
/// read is shown whole rather than failing the list.
pub(crate) fn part_counts(
    catalog: &GraphCatalog,
    project: &str,
    versions: &[(String, i64)],
) -> Vec<Option<u32>> {
    versions
        .iter()
        .map(
            |(name, version)| match catalog.partitioned(project, name, *version) {
                Ok(parts) => parts.map(|info| info.parts),
                Err(e) => {
                    tracing::warn!(graph = %name, error = %e, "cannot read a graph's parts marker");
                    None
                }
            },
        )
        .collect()
}

/// The labels with their counts, and the memory held (O(V + E)).
fn describe(graph: &Graph) -> (Vec<LabelDetail>, u64) {
    let stats = graph.stats();
    let count = |counts: &[(String, u64)], label: &str| {
        counts
            .iter()
            .find(|(l, _)| l == label)
            .map_or(0, |&(_, c)| c)
    };
    let labels = graph
        .schema()
        .labels()
        .iter()
        .map(|l| LabelDetail {
            name: l.name.clone(),
            properties: l.properties.clone(),
            vertices: count(&stats.vertex_labels, &l.name),
            edges: count(&stats.edge_labels, &l.name),
        })
        .collect();
    (labels, stats.memory_bytes)
}
