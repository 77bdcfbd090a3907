//! `POST …/graphs/{graph_name}/action?action_id=import-graph` (REFERENCE §5.1).

use api::ges::ImportGraphRequest;
use serde_json::Value;

use crate::error::ApiError;
use crate::state::AppState;

/// An import's fields, whichever surface (camelCase or snake_case) they came from.
#[derive(Debug, Default)]
pub(crate) struct ImportFields {
    pub(crate) edgeset_path: Option<String>,
    pub(crate) vertexset_path: Option<String>,
    pub(crate) schema_path: Option<String>,
    pub(crate) log_dir: Option<String>,
    pub(crate) edgeset_format: Option<String>,
    pub(crate) vertexset_format: Option<String>,
    pub(crate) action: Option<String>,
    pub(crate) ignore_label: Option<bool>,
    pub(crate) delimiter: Option<String>,
    pub(crate) trim_quote: Option<String>,
    /// The graphjobs extension `partitions` (see `api::ges::ImportGraphRequest`).
    pub(crate) partitions: Option<u32>,
}

impl ImportFields {
    /// Validates and turns the fields into the engine's import spec (GES.8000 errors naming
    /// the parameter with its service-plane name).
    pub(crate) fn into_spec(self) -> Result<engine::job::ImportSpec, ApiError> {
        for (name, format) in [
            ("edgesetFormat", &self.edgeset_format),
            ("vertexsetFormat", &self.vertexset_format),
        ] {
            if format
                .as_deref()
                .is_some_and(|f| !f.eq_ignore_ascii_case("csv"))
            {
                return Err(ApiError::bad_request(
                    "GES.8000",
                    format!("parameter [{name}] only supports csv"),
                ));
            }
        }
        if self.edgeset_path.is_none() && self.vertexset_path.is_none() {
            return Err(ApiError::bad_request(
                "GES.8000",
                "one of edgesetPath and vertexsetPath is required",
            ));
        }
        if self
            .action
            .as_deref()
            .is_some_and(|a| !matches!(a, "allow" | "ignore" | "override"))
        {
            return Err(ApiError::bad_request(
                "GES.8000",
                "parameter [parallelEdge.action] must be allow, ignore or override",
            ));
        }
        Ok(engine::job::ImportSpec {
            schema_paths: self.schema_path.into_iter().collect(),
            vertex_paths: self.vertexset_path.into_iter().collect(),
            edge_paths: self.edgeset_path.into_iter().collect(),
            log_dir: self.log_dir,
            delimiter: single_char(self.delimiter.as_deref(), "delimiter")?,
            trim_quote: single_char(self.trim_quote.as_deref(), "trimQuote")?,
            parallel_edge_action: self.action,
            parallel_edge_ignore_label: self.ignore_label,
            partitions: self.partitions,
        })
    }
}

/// Submits an import job into `graph` (created on first import).
pub(crate) async fn import(
    state: &AppState,
    project: &str,
    graph: &str,
    body: &[u8],
    options: &engine::SubmitOptions,
) -> Result<String, ApiError> {
    let req: ImportGraphRequest = super::body::json(body)?;
    let raw: Value = super::body::json(body)?;
    let (action, ignore_label) = req
        .parallel_edge
        .map_or((None, None), |p| (p.action, p.ignore_label));
    let spec = ImportFields {
        action: action.or(req.action),
        ignore_label: ignore_label.or(req.ignore_label),
        edgeset_path: req.edgeset_path,
        vertexset_path: req.vertexset_path,
        schema_path: req.schema_path,
        log_dir: req.log_dir,
        edgeset_format: req.edgeset_format,
        vertexset_format: req.vertexset_format,
        delimiter: req.delimiter,
        trim_quote: req.trim_quote,
        partitions: req.partitions,
    }
    .into_spec()?;
    let spec = engine::JobSpec::new(graph, engine::JobKind::ImportGraph(spec), raw);
    let creds = super::export::credentials(req.obs_parameters);
    let job = state
        .engine
        .submit_with(
            project,
            spec,
            engine::SubmitOptions {
                credentials: creds,
                ..options.clone()
            },
        )
        .await?;
    Ok(job.id.0)
}

fn single_char(value: Option<&str>, name: &str) -> Result<Option<char>, ApiError> {
    match value {
        None => Ok(None),
        Some(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() => Ok(Some(c)),
                _ => Err(ApiError::bad_request(
                    "GES.8000",
                    format!("parameter [{name}] must be one ASCII character"),
                )),
            }
        }
    }
}
