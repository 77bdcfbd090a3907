//! What an algorithm returns ([`AlgoOutput`]: scalar `outputs` keys plus [`Rows`]) and how rows
//! render the way the job status API returns them: vertex indices become vertex names,
//! per-vertex metrics become `{"id": <name>, "<metric>": value}`, paths become arrays of names,
//! edge metrics become `{"source", "target", "index", "<metric>"}`.

use serde_json::{Map, Value, json};

use crate::graph::Graph;

/// What an algorithm produced: scalar `outputs` keys plus, usually, rows to page through.
#[derive(Debug, Clone, PartialEq)]
pub struct AlgoOutput {
    /// Scalar keys of `outputs` (`Max_WCC_size`, `source`, `k_hop_neighbors`…).
    pub scalars: Map<String, Value>,
    /// The paged part of the result.
    pub rows: Rows,
}

impl AlgoOutput {
    /// The answer of a path algorithm between `source` and `target`: scalars `source` and
    /// `target`, rows `path` (empty when there is none).
    pub fn one_path(source: String, target: String, path: Option<Vec<u32>>) -> Self {
        let mut scalars = Map::new();
        scalars.insert("source".into(), Value::String(source));
        scalars.insert("target".into(), Value::String(target));
        Self {
            scalars,
            rows: Rows::Vertices {
                key: "path",
                ids: path.unwrap_or_default(),
            },
        }
    }

    /// The answer of a many-paths algorithm between `source` and `target`: scalars `source`,
    /// `target` and `paths_number` (`count`), rows `paths`.
    pub fn many_paths(
        source: String,
        target: String,
        paths: Vec<Vec<u32>>,
        count: impl Into<Value>,
    ) -> Self {
        let mut scalars = Map::new();
        scalars.insert("source".into(), Value::String(source));
        scalars.insert("target".into(), Value::String(target));
        scalars.insert("paths_number".into(), count.into());
        Self {
            scalars,
            rows: Rows::Paths {
                key: "paths",
                paths,
            },
        }
    }
}

/// The row-shaped part of a result.
#[derive(Debug, Clone, PartialEq)]
pub enum Rows {
    /// No rows (e.g. k_hop with `statistics: true`).
    None,
    /// A per-vertex metric, rendered as `{"id": <vertex name>, "<metric>": value}` under `key`
    /// (e.g. key `results`, metric `pagerank` or `community`); one value per vertex index.
    VertexMetric {
        /// The `outputs` key.
        key: &'static str,
        /// The metric's field name.
        metric: &'static str,
        /// One value per vertex, indexed by vertex.
        values: MetricValues,
    },
    /// A metric for some vertices only (kcore's vertices with coreness ≥ k, sssp's reachable
    /// vertices), rendered like [`Rows::VertexMetric`]; `values` is parallel to `ids`.
    SomeVertices {
        /// The `outputs` key.
        key: &'static str,
        /// The metric's field name.
        metric: &'static str,
        /// The vertices, in result order.
        ids: Vec<u32>,
        /// One value per entry of `ids`.
        values: MetricValues,
    },
    /// A list of vertex names under `key` (k_hop `vertices`, shortest_path `path`).
    Vertices {
        /// The `outputs` key.
        key: &'static str,
        /// Vertex indices, in result order.
        ids: Vec<u32>,
    },
    /// Paths, each rendered as an array of vertex names (all_shortest_paths, n_paths `paths`).
    Paths {
        /// The `outputs` key.
        key: &'static str,
        /// Each path's vertex indices, first to last.
        paths: Vec<Vec<u32>>,
    },
    /// A metric per stored edge, rendered as `{"source", "target", "index", "<metric>"}` where
    /// `index` tells parallel edges apart (0 for the first edge from source to target).
    EdgeMetric {
        /// The `outputs` key (`edge_betweenness`).
        key: &'static str,
        /// The metric's field name (`betweenness`).
        metric: &'static str,
        /// One value per out-edge index (see [`Graph::out_edge_range`]).
        values: Vec<f64>,
    },
    /// Paths grouped by their (source, target) pair, each group rendered
    /// `{"paths": [[names…]…], "source": <name>, "target": <name>}`
    /// (filtered_all_pairs_shortest_paths `batch_paths`).
    PathGroups {
        /// The `outputs` key.
        key: &'static str,
        /// The groups, in result order.
        groups: Vec<PathGroup>,
    },
    /// Circles, each rendered as an array in `format` (filtered_circle_detection `circles`).
    Circles {
        /// The `outputs` key.
        key: &'static str,
        /// How each circle is written.
        format: CircleFormat,
        /// The circles, in result order.
        circles: Vec<Circle>,
    },
}

/// The paths between one source and one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathGroup {
    /// First vertex of every path.
    pub source: u32,
    /// Last vertex of every path.
    pub target: u32,
    /// Each path's vertex indices, first to last.
    pub paths: Vec<Vec<u32>>,
}

/// A closed walk without repeated vertices: `vertices[0]` is where it starts and ends, and
/// `edges[i]` is the stored edge taken from `vertices[i]` to `vertices[i + 1]` (the last one
/// back to `vertices[0]`), whichever way it was walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Circle {
    /// The vertices in walking order, the start once.
    pub vertices: Vec<u32>,
    /// The edges as (stored source, out-edge index), one per step.
    pub edges: Vec<(u32, usize)>,
}

/// How a circle renders (GES `output_format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CircleFormat {
    /// `[vertexId, …]`.
    VertexId,
    /// `["source-target-index", …]`.
    EdgeId,
    /// `[{"source", "target", "index"}, …]`.
    EdgeObject,
}

/// Metric values, one per vertex (or per entry of [`Rows::SomeVertices`]).
#[derive(Debug, Clone, PartialEq)]
pub enum MetricValues {
    /// Floating-point values (pagerank, distances); non-finite values render as `null`.
    F64(Vec<f64>),
    /// Integer values (coreness, triangle counts).
    I64(Vec<i64>),
    /// A vertex index, rendered as that vertex's name (community / component ids).
    Vertex(Vec<u32>),
    /// An index into `table`, rendered as that text; `u32::MAX` renders as `null` (label
    /// propagation's seed labels; vertices no label reached).
    Text {
        /// The distinct texts.
        table: Vec<String>,
        /// One index per value.
        index: Vec<u32>,
    },
    /// Fixed-length float vectors stored flat, rendered as arrays (node2vec embeddings).
    Vector {
        /// Length of each vector (≥ 1).
        dim: usize,
        /// `dim` floats per value, value after value.
        values: Vec<f32>,
    },
}

impl Rows {
    /// The key the rows appear under in `data.outputs` (`results` when there are none).
    pub fn key(&self) -> &'static str {
        match self {
            Rows::None => "results",
            Rows::VertexMetric { key, .. }
            | Rows::SomeVertices { key, .. }
            | Rows::Vertices { key, .. }
            | Rows::Paths { key, .. }
            | Rows::EdgeMetric { key, .. }
            | Rows::PathGroups { key, .. }
            | Rows::Circles { key, .. } => key,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Rows::None => 0,
            Rows::VertexMetric { values, .. } => values.len(),
            Rows::SomeVertices { ids, .. } | Rows::Vertices { ids, .. } => ids.len(),
            Rows::Paths { paths, .. } => paths.len(),
            Rows::EdgeMetric { values, .. } => values.len(),
            Rows::PathGroups { groups, .. } => groups.len(),
            Rows::Circles { circles, .. } => circles.len(),
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `emit` with each row, in order, as JSON; stops at the first error.
    pub fn render<E>(
        &self,
        graph: &Graph,
        mut emit: impl FnMut(Value) -> Result<(), E>,
    ) -> Result<(), E> {
        let name = |v: u32| Value::String(graph.vertex_name(v).to_string());
        let metric_row = |metric: &str, v: u32, value: Value| {
            let mut row = Map::with_capacity(2);
            row.insert("id".into(), name(v));
            row.insert(metric.into(), value);
            Value::Object(row)
        };
        match self {
            Rows::None => Ok(()),
            Rows::VertexMetric { metric, values, .. } => (0..values.len())
                .try_for_each(|i| emit(metric_row(metric, i as u32, values.render(graph, i)))),
            Rows::SomeVertices {
                metric,
                ids,
                values,
                ..
            } => ids
                .iter()
                .enumerate()
                .try_for_each(|(i, &v)| emit(metric_row(metric, v, values.render(graph, i)))),
            Rows::Vertices { ids, .. } => ids.iter().try_for_each(|&v| emit(name(v))),
            Rows::Paths { paths, .. } => paths
                .iter()
                .try_for_each(|p| emit(Value::Array(p.iter().map(|&v| name(v)).collect()))),
            Rows::EdgeMetric { metric, values, .. } => {
                for u in 0..graph.vertex_count() as u32 {
                    let targets = graph.out_neighbors(u);
                    let start = graph.out_edge_range(u).start;
                    for (i, &w) in targets.iter().enumerate() {
                        let index = parallel_index(targets, i);
                        let mut row = Map::with_capacity(4);
                        row.insert("source".into(), name(u));
                        row.insert("target".into(), name(w));
                        row.insert("index".into(), json!(index));
                        row.insert((*metric).into(), float(values[start + i]));
                        emit(Value::Object(row))?;
                    }
                }
                Ok(())
            }
            Rows::PathGroups { groups, .. } => groups.iter().try_for_each(|group| {
                let paths = group
                    .paths
                    .iter()
                    .map(|p| Value::Array(p.iter().map(|&v| name(v)).collect()))
                    .collect();
                let mut row = Map::with_capacity(3);
                row.insert("paths".into(), Value::Array(paths));
                row.insert("source".into(), name(group.source));
                row.insert("target".into(), name(group.target));
                emit(Value::Object(row))
            }),
            Rows::Circles {
                format, circles, ..
            } => circles
                .iter()
                .try_for_each(|c| emit(render_circle(graph, *format, c))),
        }
    }
}

/// Which of the parallel edges from the same source to `targets[i]` edge `i` is (0 for the
/// first); neighbours are sorted, so parallel edges are adjacent.
fn parallel_index(targets: &[u32], i: usize) -> usize {
    let w = targets[i];
    targets[..i].iter().rev().take_while(|&&x| x == w).count()
}

fn render_circle(graph: &Graph, format: CircleFormat, c: &Circle) -> Value {
    let name = |v: u32| graph.vertex_name(v).to_string();
    let edge = |&(u, k): &(u32, usize)| {
        let targets = graph.out_neighbors(u);
        let i = k - graph.out_edge_range(u).start;
        (name(u), name(targets[i]), parallel_index(targets, i))
    };
    let items = match format {
        CircleFormat::VertexId => c.vertices.iter().map(|&v| Value::String(name(v))).collect(),
        CircleFormat::EdgeId => c
            .edges
            .iter()
            .map(|e| {
                let (s, t, i) = edge(e);
                Value::String(format!("{s}-{t}-{i}"))
            })
            .collect(),
        CircleFormat::EdgeObject => c
            .edges
            .iter()
            .map(|e| {
                let (s, t, i) = edge(e);
                json!({"source": s, "target": t, "index": i.to_string()})
            })
            .collect(),
    };
    Value::Array(items)
}

impl MetricValues {
    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            MetricValues::F64(v) => v.len(),
            MetricValues::I64(v) => v.len(),
            MetricValues::Vertex(v) => v.len(),
            MetricValues::Text { index, .. } => index.len(),
            MetricValues::Vector { dim, values } => values.len() / (*dim).max(1),
        }
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value `i` as JSON.
    fn render(&self, graph: &Graph, i: usize) -> Value {
        match self {
            MetricValues::F64(v) => float(v[i]),
            MetricValues::I64(v) => json!(v[i]),
            MetricValues::Vertex(v) => json!(graph.vertex_name(v[i])),
            MetricValues::Text { table, index } => table
                .get(index[i] as usize)
                .map_or(Value::Null, |s| Value::String(s.clone())),
            MetricValues::Vector { dim, values } => Value::Array(
                values[i * dim..(i + 1) * dim]
                    .iter()
                    .map(|&x| float32(x))
                    .collect(),
            ),
        }
    }
}

/// A JSON number, `null` for NaN or infinity (JSON has neither).
pub(crate) fn float(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// An `f32` as its shortest decimal form (`0.1`, not `0.10000000149011612`).
fn float32(x: f32) -> Value {
    x.to_string().parse::<f64>().map_or(Value::Null, float)
}

#[cfg(test)]
mod tests;
