//! Engine → console DTOs of the graphs and overview pages, and the console's import request →
//! the engine's import job.

use engine::graph::{DataType, PropertyDef};
use engine::graph_detail::{GraphDetail, LabelDetail};
use engine::job::ImportSpec;
use engine::{GraphInfo, JobKind, JobRecord, JobSpec, JobState, time_fmt};
use serde_json::{Map, Value, json};

use crate::console::graphs as dto;

/// A graphs-table row; `labels` is the schema's label count when the graph could be loaded,
/// `partitions` the part count of a partitioned one.
pub fn graph_row(g: &GraphInfo, labels: Option<usize>, partitions: Option<u32>) -> dto::GraphRow {
    dto::GraphRow {
        name: g.name.clone(),
        version: g.version,
        vertices: g.vertices,
        edges: g.edges,
        labels: labels.map(|n| n as u64),
        partitions,
        created_at: time_fmt::rfc3339(g.created_at),
        updated_at: time_fmt::rfc3339(g.updated_at),
    }
}

/// The graph page's view of a graph.
pub fn graph_detail(d: &GraphDetail) -> dto::GraphDetail {
    dto::GraphDetail {
        row: graph_row(&d.info, Some(d.labels.len()), d.partitions),
        labels: d.labels.iter().map(label_info).collect(),
        memory_bytes: d.memory_bytes,
        partitions: d.partitions,
    }
}

fn label_info(l: &LabelDetail) -> dto::LabelInfo {
    dto::LabelInfo {
        name: l.name.clone(),
        properties: l.properties.iter().map(property_info).collect(),
        vertices: l.vertices,
        edges: l.edges,
    }
}

fn property_info(p: &PropertyDef) -> dto::PropertyInfo {
    let type_detail = match &p.data_type {
        DataType::Enum(names) => Some(names.join(", ")),
        DataType::CharArray { max_data_size } => Some(format!("at most {max_data_size} bytes")),
        _ => None,
    };
    dto::PropertyInfo {
        name: p.name.clone(),
        data_type: p.data_type.as_str().to_owned(),
        type_detail,
        cardinality: p.cardinality.as_str().to_owned(),
    }
}

/// Job counts per state, as the overview shows them.
pub fn state_counts(counts: &[(JobState, u64)]) -> Vec<dto::StateCount> {
    counts
        .iter()
        .map(|&(state, count)| dto::StateCount {
            state: state.as_str().to_owned(),
            count,
        })
        .collect()
}

/// A failed job with its reason.
pub fn failed_job(job: &JobRecord) -> dto::FailedJob {
    dto::FailedJob {
        summary: super::job_summary(job),
        reason: super::fail_reason(job),
        error_code: super::console_error_code(job),
    }
}

/// The import job of a console import request. Its stored request is the GES import-graph
/// body the same import would have had (`schemaPath`, `vertexsetPath`, `edgesetPath`,
/// `parallelEdge`, …), so the job pages show it like an import made through the REST API.
pub fn import_job(req: &dto::ImportRequest) -> JobSpec {
    let mut body = Map::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(v) = value {
            body.insert(key.to_owned(), v);
        }
    };
    let text = |s: &Option<String>| s.as_ref().map(|s| json!(s));
    let ch = |c: Option<char>| c.map(|c| json!(c.to_string()));
    put("schemaPath", text(&req.schema_path));
    put("vertexsetPath", text(&req.vertex_path));
    put("edgesetPath", text(&req.edge_path));
    put("delimiter", ch(req.delimiter));
    put("trimQuote", ch(req.trim_quote));
    put("logDir", text(&req.log_dir));
    put("partitions", req.partitions.map(|p| json!(p)));
    let action = req.parallel_edge.as_deref().unwrap_or("allow");
    put(
        "parallelEdge",
        Some(json!({ "action": action, "ignoreLabel": req.ignore_label })),
    );
    let spec = ImportSpec {
        schema_paths: req.schema_path.iter().cloned().collect(),
        vertex_paths: req.vertex_path.iter().cloned().collect(),
        edge_paths: req.edge_path.iter().cloned().collect(),
        log_dir: req.log_dir.clone(),
        delimiter: req.delimiter,
        trim_quote: req.trim_quote,
        parallel_edge_action: Some(action.to_owned()),
        parallel_edge_ignore_label: Some(req.ignore_label),
        partitions: req.partitions,
    };
    JobSpec::new(&req.graph, JobKind::ImportGraph(spec), Value::Object(body))
}

/// The clear-data job of a graph (the schema stays).
pub fn clear_job(graph: &str) -> JobSpec {
    JobSpec::new(
        graph,
        JobKind::ClearGraph {
            clear_metadata: false,
        },
        json!({ "clear_metadata": false }),
    )
}

/// The delete job of a graph.
pub fn delete_job(graph: &str) -> JobSpec {
    JobSpec::new(graph, JobKind::DeleteGraph, json!({}))
}
