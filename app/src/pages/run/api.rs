//! Server functions of the run form: what can be run, and running it.

#[cfg(feature = "ssr")]
use api::console::AlgorithmInfo;
use api::console::GraphSummary;
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

/// The run form, drawn from the project's graphs and the algorithm catalogue (each
/// algorithm's parameter schema), as HTML; with `from`, filled with that job's stored request
/// ("Run again", `super::from_job`). The `vertex_filter`/`edge_filter` of the
/// `filtered_*` path algorithms and `topicrank` have a control each (`run_form::filter_fields`).
/// `filtered_circle_detection` is left out: its `filters` layers have no control, and without
/// them it cannot run (the REST API runs it).
#[server(prefix = "/rpc", endpoint = "run_form_html")]
pub(crate) async fn run_form_html(from: Option<String>) -> Result<String, AppError> {
    use super::from_job::FormValues;
    use crate::session::{reject, session};
    let s = session().await?;
    let algorithms: Vec<AlgorithmInfo> = s
        .engine
        .algorithms()
        .iter()
        .filter(|a| !a.filters.contains(&"filters"))
        .map(api::convert::algorithm_info)
        .collect();
    let values = match from.filter(|id| !id.is_empty()) {
        None => None,
        Some(id) => {
            let spec = s.engine.job_spec(&s.project, &id).await.map_err(reject)?;
            let refused = || format!("Job {id} is not an algorithm run the form can fill.");
            let values = FormValues::of(&id, &spec);
            Some(values.ok_or_else(|| reject(AppError::Invalid(refused())))?)
        }
    };
    // The executor choice shows when the node runs distributed jobs (or the job to run again
    // asked for one: its choice is kept, and refused with the reason if the node is off).
    let distributed = s.engine.config().compute.processes > 0;
    Ok(super::run_form::render(
        list_graphs().await?,
        algorithms,
        values,
        distributed,
    ))
}

/// Submits algorithm `name` on `graph`; `params_json` is the JSON object of its parameters,
/// `executor` what the REST API's `X-Executor` header carries (`distributed` or `local`;
/// empty: none, the engine's choice: distributed for a partitioned graph, else local).
/// Returns the new job's id.
#[server(prefix = "/rpc", endpoint = "submit_algorithm")]
pub(crate) async fn submit_algorithm(
    graph: String,
    name: String,
    params_json: String,
    #[server(default)] executor: String,
) -> Result<String, AppError> {
    use crate::session::{reject, session_as};
    let s = session_as(engine::auth::Role::Operator).await?;
    let params = serde_json::from_str(&params_json).map_err(|e| {
        reject(AppError::Invalid(format!(
            "The parameters are not a JSON object: {e}"
        )))
    })?;
    let executor = match executor.trim() {
        "" => engine::distributed::Executor::Local,
        e => engine::distributed::Executor::parse(e).ok_or_else(|| {
            reject(AppError::Invalid(format!(
                "The executor must be local or distributed, not {e:?}."
            )))
        })?,
    };
    let options = engine::SubmitOptions {
        executor,
        ..Default::default()
    };
    let spec = engine::JobSpec::algorithm(graph, name, params);
    let job = s
        .engine
        .submit_with(&s.project, spec, options)
        .await
        .map_err(reject)?;
    Ok(job.id.0)
}
