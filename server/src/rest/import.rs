//! `POST …/graphs/{graph_name}/action?action_id=import-graph` (REFERENCE §5.1).

use serde::Deserialize;
use serde_json::Value;

use crate::error::ApiError;
use crate::state::AppState;

/// The service-plane import body (camelCase).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ImportGraphRequest {
    edgeset_path: Option<String>,
    vertexset_path: Option<String>,
    schema_path: Option<String>,
    log_dir: Option<String>,
    edgeset_format: Option<String>,
    vertexset_format: Option<String>,
    parallel_edge: Option<ParallelEdge>,
    delimiter: Option<String>,
    trim_quote: Option<String>,
    #[allow(dead_code)]
    offline: Option<bool>,
    #[allow(dead_code)]
    obs_parameters: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ParallelEdge {
    action: Option<String>,
    ignore_label: Option<bool>,
}

/// Submits an import job into `graph` (created on first import).
pub(crate) async fn import(state: &AppState, project: &str, graph: &str, body: &[u8]) -> Result<String, ApiError> {
    let req: ImportGraphRequest = super::body::json(body)?;
    let raw: Value = super::body::json(body)?;
    for (name, format) in [("edgesetFormat", &req.edgeset_format), ("vertexsetFormat", &req.vertexset_format)] {
        if format.as_deref().is_some_and(|f| !f.eq_ignore_ascii_case("csv")) {
            return Err(ApiError::bad_request("GES.8000", format!("parameter [{name}] only supports csv")));
        }
    }
    if req.edgeset_path.is_none() && req.vertexset_path.is_none() {
        return Err(ApiError::bad_request("GES.8000", "one of edgesetPath and vertexsetPath is required"));
    }
    let action = req.parallel_edge.as_ref().and_then(|p| p.action.clone());
    if action.as_deref().is_some_and(|a| !matches!(a, "allow" | "ignore" | "override")) {
        return Err(ApiError::bad_request("GES.8000", "parameter [parallelEdge.action] must be allow, ignore or override"));
    }
    let spec = engine::job::ImportSpec {
        schema_paths: req.schema_path.into_iter().collect(),
        vertex_paths: req.vertexset_path.into_iter().collect(),
        edge_paths: req.edgeset_path.into_iter().collect(),
        log_dir: req.log_dir,
        delimiter: single_char(req.delimiter.as_deref(), "delimiter")?,
        trim_quote: single_char(req.trim_quote.as_deref(), "trimQuote")?,
        parallel_edge_action: action,
        parallel_edge_ignore_label: req.parallel_edge.and_then(|p| p.ignore_label),
    };
    let spec = engine::JobSpec::new(graph, engine::JobKind::ImportGraph(spec), raw);
    let job = state.engine.submit(project, spec).await.map_err(|e| ApiError::from_engine(e, "GES.8000"))?;
    Ok(job.id.0)
}

fn single_char(value: Option<&str>, name: &str) -> Result<Option<char>, ApiError> {
    match value {
        None => Ok(None),
        Some(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() => Ok(Some(c)),
                _ => Err(ApiError::bad_request("GES.8000", format!("parameter [{name}] must be one ASCII character"))),
            }
        }
    }
}
