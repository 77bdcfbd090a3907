//! Server functions of the visualization pages: list, one job with its view, create, stop,
//! restart, delete. Each is one façade call; a refusal keeps the engine's ModelArts code in
//! its message (`ModelArts.0104: Illegal name: …`).

use api::console::viz::{VizJobView, VizPage, VizRow};
use leptos::prelude::*;

use crate::error::AppError;

/// One page of the project's visualization jobs, newest first. `status` is a status word
/// (empty for any), `search` a part of the name.
#[server(prefix = "/rpc", endpoint = "list_visualization_jobs")]
pub(crate) async fn list_viz_jobs(
    status: String,
    search: String,
    page: u64,
) -> Result<VizPage, AppError> {
    use crate::session::{now_ms, reject, session};
    use engine::viz::{SortOrder, VizListQuery, VizSort};
    let s = session().await?;
    let status = match status.as_str() {
        "" => None,
        word => Some(
            super::list_query::status_code(word)
                .ok_or_else(|| reject(AppError::Invalid(format!("Unknown status \"{word}\"."))))?,
        ),
    };
    let query = VizListQuery {
        status,
        page: page.max(1),
        per_page: super::list_query::PAGE_SIZE,
        sort: VizSort::JobId,
        order: SortOrder::Desc,
        search: (!search.is_empty()).then_some(search),
    };
    let jobs = s.engine.visualization_jobs(&s.project, &query).await;
    Ok(api::convert::viz::viz_page(
        &jobs.map_err(refusal)?,
        now_ms(),
    ))
}

/// One job and, when `with_view` is asked for and the job has built one, its view (the live
/// page polls without it: the view only changes with the job's status).
#[server(prefix = "/rpc", endpoint = "get_visualization_job")]
pub(crate) async fn get_viz_job(id: String, with_view: bool) -> Result<VizJobView, AppError> {
    use crate::session::{now_ms, session};
    let s = session().await?;
    let job = s.engine.visualization_job(&s.project, &id).await;
    let job = job.map_err(refusal)?;
    let view = match with_view {
        false => None,
        true => match s.engine.visualization_view(&s.project, &id).await {
            Ok(view) => Some(view),
            // Not built yet, or FAILED (the job's fail_reason says why).
            Err(engine::Error::Conflict { .. }) => None,
            Err(e) => return Err(refusal(e)),
        },
    };
    Ok(api::convert::viz::viz_job_view(&job, view, now_ms()))
}

/// What job `id` shows (or why it shows nothing yet), rendered by the server to HTML: the
/// job page's charts and tables, with none of their code in the wasm (`crate::server_html`).
#[server(prefix = "/rpc", endpoint = "visualization_view_html")]
pub(crate) async fn viz_view_html(id: String) -> Result<String, AppError> {
    let data = get_viz_job(id, true).await?;
    Ok(super::detail::render_view(data.view, data.row.state))
}

/// Creates a job (empty `auto_stop_hours` = run until stopped) and goes to its page.
#[server(prefix = "/rpc", endpoint = "create_visualization_job")]
pub(crate) async fn create_viz_job(
    job_name: String,
    job_desc: String,
    train_url: String,
    auto_stop_hours: String,
) -> Result<i64, AppError> {
    use engine::viz::{NewVizJob, ScheduleSpec};
    let s = crate::session::session().await?;
    let hours = auto_stop_hours.trim();
    let schedule = (!hours.is_empty()).then(|| ScheduleSpec {
        kind: Some("stop".into()),
        time_unit: Some("HOURS".into()),
        duration: Some(hours.into()),
    });
    let input = NewVizJob {
        name: Some(job_name),
        desc: Some(job_desc),
        train_url: Some(train_url),
        schedule: schedule.into_iter().collect(),
        ..Default::default()
    };
    let job = s.engine.create_visualization_job(&s.project, input).await;
    let id = job.map_err(refusal)?.id;
    leptos_axum::redirect(&format!("/visualizations/{id}"));
    Ok(id)
}

/// Stops a RUNNING job.
#[server(prefix = "/rpc", endpoint = "stop_visualization_job")]
pub(crate) async fn stop_viz_job(id: String) -> Result<VizRow, AppError> {
    let s = crate::session::session().await?;
    let job = s.engine.stop_visualization_job(&s.project, &id).await;
    Ok(api::convert::viz::viz_row(
        &job.map_err(refusal)?,
        crate::session::now_ms(),
    ))
}

/// Restarts a finished job from INIT.
#[server(prefix = "/rpc", endpoint = "restart_visualization_job")]
pub(crate) async fn restart_viz_job(id: String) -> Result<VizRow, AppError> {
    let s = crate::session::session().await?;
    let job = s.engine.restart_visualization_job(&s.project, &id).await;
    Ok(api::convert::viz::viz_row(
        &job.map_err(refusal)?,
        crate::session::now_ms(),
    ))
}

/// Deletes a job (refused while it is stopping).
#[server(prefix = "/rpc", endpoint = "delete_visualization_job")]
pub(crate) async fn delete_viz_job(id: String) -> Result<(), AppError> {
    let s = crate::session::session().await?;
    s.engine
        .delete_visualization_job(&s.project, &id)
        .await
        .map_err(refusal)
}

/// Maps an engine error once, at this boundary: a parameter refusal keeps its ModelArts code
/// in front of the message; everything else as every console server function maps it.
#[cfg(feature = "ssr")]
fn refusal(e: engine::Error) -> AppError {
    crate::session::reject(match e {
        engine::Error::InvalidArgument { code, message } => {
            AppError::Invalid(format!("{code}: {message}"))
        }
        other => AppError::from(other),
    })
}
