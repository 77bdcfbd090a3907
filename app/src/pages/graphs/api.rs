//! Server functions of the graphs pages: the list, one graph and import (clear and delete are
//! in `act_api`).
//! A refusal keeps the service plane's code for it (`api::convert::errors::ges_refusal`) in
//! front of its message (`GES.8000: path [...] is refused: …`).

#[cfg(feature = "ssr")]
use api::console::graphs::{GraphRow, GraphView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::act_api::refused;
#[cfg(feature = "ssr")]
use super::import_fields::ImportForm;
use crate::error::AppError;

/// How many of a graph's jobs its page lists.
#[cfg(feature = "ssr")]
const RECENT_JOBS: u64 = 5;

/// The graphs page's table (or its empty state), rendered to HTML.
#[server(prefix = "/rpc", endpoint = "graph_list_html")]
pub(crate) async fn graph_list_html() -> Result<String, AppError> {
    let import = crate::page_role::page_role().may_administer();
    Ok(super::graphs_table::render(
        list_graph_rows().await?,
        import,
    ))
}

/// Graph `name`'s page below its heading (actions, facts, label counts, schema, recent jobs),
/// rendered to HTML.
#[server(prefix = "/rpc", endpoint = "graph_html")]
pub(crate) async fn graph_html(name: String) -> Result<String, AppError> {
    let role = crate::page_role::page_role();
    Ok(super::detail_html::render(get_graph(name).await?, role))
}

/// The current project's graphs, each with its schema's label count.
#[cfg(feature = "ssr")]
async fn list_graph_rows() -> Result<Vec<GraphRow>, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let graphs = s.engine.graphs(&s.project).await.map_err(reject)?;
    let mut rows = Vec::with_capacity(graphs.len());
    for g in &graphs {
        // A graph that cannot be loaded (or was just deleted) keeps its row, without labels.
        let detail = s.engine.graph_detail(&s.project, &g.name).await.ok();
        let labels = detail.as_ref().map(|d| d.labels.len());
        let partitions = detail.and_then(|d| d.partitions);
        rows.push(api::convert::graphs::graph_row(g, labels, partitions));
    }
    Ok(rows)
}

/// One graph with its schema, label counts and most recent jobs.
#[cfg(feature = "ssr")]
async fn get_graph(name: String) -> Result<GraphView, AppError> {
    use crate::session::{now_ms, reject, session};
    let s = session().await?;
    let detail = s.engine.graph_detail(&s.project, &name).await;
    let detail = detail.map_err(reject)?;
    let filter = engine::JobFilter {
        graph: Some(name),
        limit: RECENT_JOBS,
        ..Default::default()
    };
    let jobs = s.engine.jobs(&s.project, &filter).await.map_err(reject)?;
    Ok(GraphView {
        detail: api::convert::graphs::graph_detail(&detail),
        recent_jobs: jobs.jobs.iter().map(api::convert::job_summary).collect(),
        total_jobs: jobs.total,
        now_ms: now_ms(),
    })
}

/// Queues the import `form` describes and sends the browser to its page (a 302 when the form
/// was posted without JavaScript). Returns the job id. Called by
/// [`upload_import`](super::upload_api::upload_import) once any uploaded files are stored.
#[cfg(feature = "ssr")]
pub(crate) async fn submit_form(
    s: &crate::session::Session,
    form: ImportForm,
) -> Result<String, AppError> {
    use crate::session::reject;
    let (request, keys) = form.check().map_err(|m| reject(AppError::Invalid(m)))?;
    let credentials = keys.map(|(access_key, secret_key)| engine::obs::ObsCredentials {
        access_key,
        secret_key,
    });
    let spec = api::convert::graphs::import_job(&request);
    let options = engine::SubmitOptions {
        credentials,
        ..Default::default()
    };
    let job = s.engine.submit_with(&s.project, spec, options);
    let id = job.await.map_err(refused)?.id.0;
    leptos_axum::redirect(&format!("/jobs/{id}"));
    Ok(id)
}
