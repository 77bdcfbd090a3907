//! Rendering result rows the way the job status API returns them: vertex indices become vertex
//! names, per-vertex metrics become `{"id": <name>, "<metric>": value}`.

use serde_json::{Map, Value, json};

use super::{MetricValues, Rows};
use crate::graph::Graph;

impl Rows {
    /// The key the rows appear under in `data.outputs` (`results` when there are none).
    pub fn key(&self) -> &'static str {
        match self {
            Rows::None => "results",
            Rows::VertexMetric { key, .. } | Rows::Vertices { key, .. } => key,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Rows::None => 0,
            Rows::VertexMetric { values, .. } => values.len(),
            Rows::Vertices { ids, .. } => ids.len(),
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `emit` with each row, in order, as JSON; stops at the first error.
    pub fn render<E>(&self, graph: &Graph, mut emit: impl FnMut(Value) -> Result<(), E>) -> Result<(), E> {
        match self {
            Rows::None => Ok(()),
            Rows::VertexMetric { metric, values, .. } => {
                for i in 0..values.len() {
                    let value = match values {
                        MetricValues::F64(v) => json!(v[i]),
                        MetricValues::I64(v) => json!(v[i]),
                        MetricValues::Vertex(v) => json!(graph.vertex_name(v[i])),
                    };
                    let mut row = Map::with_capacity(2);
                    row.insert("id".into(), json!(graph.vertex_name(i as u32)));
                    row.insert((*metric).into(), value);
                    emit(Value::Object(row))?;
                }
                Ok(())
            }
            Rows::Vertices { ids, .. } => ids.iter().try_for_each(|&v| emit(json!(graph.vertex_name(v)))),
        }
    }
}

impl MetricValues {
    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            MetricValues::F64(v) => v.len(),
            MetricValues::I64(v) => v.len(),
            MetricValues::Vertex(v) => v.len(),
        }
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_render_with_vertex_names() {
        let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
        let rows = Rows::VertexMetric { key: "results", metric: "community", values: MetricValues::Vertex(vec![0, 0, 2]) };
        let mut out = Vec::new();
        rows.render(&g, |r| -> Result<(), ()> {
            out.push(r);
            Ok(())
        })
        .unwrap();
        assert_eq!(out, vec![json!({"id":"0","community":"0"}), json!({"id":"1","community":"0"}), json!({"id":"2","community":"2"})]);
        assert_eq!(rows.key(), "results");
        let path = Rows::Vertices { key: "path", ids: vec![2, 1] };
        let mut names = Vec::new();
        path.render(&g, |r| -> Result<(), ()> {
            names.push(r);
            Ok(())
        })
        .unwrap();
        assert_eq!(names, vec![json!("2"), json!("1")]);
    }
}
