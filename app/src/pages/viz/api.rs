//! Server functions of the visualization pages: the list and one job, live and rendered to
//! HTML by the server (`crate::server_html`), and create (stop, restart and delete are in
//! `act_api`). Each is one
//! façade call; a refusal keeps ModelArts' code for it
//! (`api::convert::errors::modelarts_refusal`) in front of its message
//! (`ModelArts.0104: Illegal name: …`).

#[cfg(feature = "ssr")]
use api::console::viz::{VizJobView, VizPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::act_api::refusal;
use super::list_query::VizQuery;
use crate::error::AppError;
use crate::server_html::LiveHtml;

/// The list page `query` once more: whether a listed job can still change (so the page keeps
/// polling) and, when asked for, the table and its pager as HTML.
#[server(prefix = "/rpc", endpoint = "visualization_jobs_live")]
pub(crate) async fn viz_list_live(query: VizQuery, html: bool) -> Result<LiveHtml, AppError> {
    let data = list_viz_jobs(query.status.clone(), query.text.clone(), query.page).await?;
    let active = data.rows.iter().any(|r| r.live);
    let create = crate::page_role::page_role().may_operate();
    let html = html.then(|| super::list_html::render(data, query, create));
    Ok(LiveHtml { active, html })
}

/// A job page once more, from [`viz_job_live`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct VizLive {
    /// The job can still change (so the page keeps polling).
    pub(crate) active: bool,
    /// Its status code.
    pub(crate) state: i64,
    /// Its heading, actions and facts as HTML, when asked for.
    pub(crate) head: Option<String>,
    /// What it shows as HTML, when asked for and its status is not `shown` any more (the view
    /// changes only with the status).
    pub(crate) view: Option<String>,
}

/// Job `id` once more: its state and, with `html`, its head and (when its status is not
/// `shown`, the status whose view the page shows, or -1) its view.
#[server(prefix = "/rpc", endpoint = "visualization_job_live")]
pub(crate) async fn viz_job_live(id: String, html: bool, shown: i64) -> Result<VizLive, AppError> {
    let data = get_viz_job(id.clone(), false).await?;
    // The status changed since the page's view was drawn (rare): read the job with its view.
    let fresh_view = html && data.row.state_code != shown;
    let data = match fresh_view {
        true => get_viz_job(id, true).await?,
        false => data,
    };
    let row = data.row;
    let (active, state) = (row.live, row.state_code);
    let view = fresh_view.then(|| super::detail_html::render_view(data.view, row.state.clone()));
    let head = html.then(|| super::detail_html::render_head(row));
    Ok(VizLive {
        active,
        state,
        head,
        view,
    })
}

/// One page of the project's visualization jobs, newest first. `status` is a status word
/// (empty for any), `search` a part of the name.
#[cfg(feature = "ssr")]
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
        per_page: crate::list::PAGE_SIZE,
        sort: VizSort::JobId,
        order: SortOrder::Desc,
        search: (!search.is_empty()).then_some(search),
    };
    let jobs = s.engine.visualization_jobs(&s.project, &query).await;
    let mut page = api::convert::viz::viz_page(&jobs.map_err(refusal)?, now_ms());
    for row in &mut page.rows {
        row.actions = for_role(row.actions, s.role);
    }
    Ok(page)
}

/// The `actions` a job's state allows, less those `role` may not use (all of them need an
/// operator: the pages then draw no action forms).
#[cfg(feature = "ssr")]
fn for_role(
    actions: api::console::viz::VizActions,
    role: engine::auth::Role,
) -> api::console::viz::VizActions {
    if role.allows(engine::auth::Role::Operator) {
        actions
    } else {
        api::console::viz::VizActions::default()
    }
}

/// One job and, when `with_view` is asked for and the job has built one, its view (the live
/// page polls without it: the view only changes with the job's status).
#[cfg(feature = "ssr")]
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
    let mut data = api::convert::viz::viz_job_view(&job, view, now_ms());
    data.row.actions = for_role(data.row.actions, s.role);
    Ok(data)
}

/// Job `id`'s head (heading, actions, facts) and what it shows (or why it shows nothing yet),
/// rendered by the server to HTML: the job page's first render.
#[server(prefix = "/rpc", endpoint = "visualization_job_html")]
pub(crate) async fn viz_job_html(id: String) -> Result<String, AppError> {
    let data = get_viz_job(id, true).await?;
    let view = super::detail_html::render_view(data.view, data.row.state.clone());
    Ok(super::detail_html::render_parts(
        super::detail_html::render_head(data.row),
        view,
    ))
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
    let s = crate::session::session_as(engine::auth::Role::Operator).await?;
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
