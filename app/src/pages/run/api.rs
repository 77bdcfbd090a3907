//! Server functions of the run form: what can be run, and running it.

use api::console::{AlgorithmInfo, GraphSummary};
use leptos::prelude::*;

use crate::error::AppError;

/// The current project's graphs.
#[server(prefix = "/rpc", endpoint = "list_graphs")]
pub(crate) async fn list_graphs() -> Result<Vec<GraphSummary>, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let graphs = s.engine.graphs(&s.project).await.map_err(reject)?;
    Ok(graphs.iter().map(api::convert::graph_summary).collect())
}

/// The algorithm catalogue, with each algorithm's parameter schema.
#[server(prefix = "/rpc", endpoint = "list_algorithms")]
pub(crate) async fn list_algorithms() -> Result<Vec<AlgorithmInfo>, AppError> {
    let s = crate::session::session().await?;
    Ok(s.engine
        .algorithms()
        .iter()
        .map(api::convert::algorithm_info)
        .collect())
}

/// Submits algorithm `name` on `graph`; `params_json` is the JSON object of its parameters.
/// Returns the new job's id.
#[server(prefix = "/rpc", endpoint = "submit_algorithm")]
pub(crate) async fn submit_algorithm(
    graph: String,
    name: String,
    params_json: String,
) -> Result<String, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let params = serde_json::from_str(&params_json).map_err(|e| {
        reject(AppError::Invalid(format!(
            "The parameters are not a JSON object: {e}"
        )))
    })?;
    let job = s
        .engine
        .submit(&s.project, engine::JobSpec::algorithm(graph, name, params))
        .await
        .map_err(reject)?;
    Ok(job.id.0)
}
