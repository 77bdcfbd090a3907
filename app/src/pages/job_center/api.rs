//! Server functions of the job center and HyG pages.

#[cfg(feature = "ssr")]
use api::console::ManagementPage;
use leptos::prelude::*;

use crate::error::AppError;
use crate::list::Page;
use crate::server_html::LiveHtml;

/// `page` of the project's management-plane jobs, newest first, live (`active`: some job shown
/// can still change; `html`: the table and its pager).
/// `status` is a job center word (`waiting`, `running`, `success`, `partiallyFailed`,
/// `failed`) or empty for all.
#[server(prefix = "/rpc", endpoint = "management_jobs_live")]
pub(crate) async fn center_live(
    status: String,
    page: Page,
    html: bool,
) -> Result<LiveHtml, AppError> {
    use crate::components::is_active;
    let data = list_management_jobs(&status, page.offset(), page.size).await?;
    let active = data.rows.iter().any(|r| is_active(&r.summary.state));
    let html = html.then(|| super::center_table::render(data, status, page));
    Ok(LiveHtml { active, html })
}

/// One page of the project's management-plane jobs, newest first.
#[cfg(feature = "ssr")]
async fn list_management_jobs(
    status: &str,
    offset: u64,
    limit: u64,
) -> Result<ManagementPage, AppError> {
    use crate::session::{now_ms, reject, session};
    let s = session().await?;
    let mut filter = engine::JobFilter {
        job_types: engine::JobType::MANAGEMENT.to_vec(),
        offset,
        limit: limit.clamp(1, 100),
        ..Default::default()
    };
    if !status.is_empty() {
        let (states, partial) = api::convert::status::management_filter(status)
            .ok_or_else(|| reject(AppError::Invalid(format!("Unknown status \"{status}\"."))))?;
        (filter.states, filter.partial) = (states, partial);
    }
    let page = s.engine.jobs(&s.project, &filter).await.map_err(reject)?;
    Ok(ManagementPage {
        rows: page.jobs.iter().map(api::convert::management_row).collect(),
        total: page.total,
        now_ms: now_ms(),
    })
}

/// The project's HyG views as the HyG page's table, rendered to HTML.
#[server(prefix = "/rpc", endpoint = "hyg_views_html")]
pub(crate) async fn hyg_views_html() -> Result<String, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let views = s.engine.hyg_views(&s.project).await.map_err(reject)?;
    let rows = views.iter().map(api::convert::hyg_view_row).collect();
    let cancel = s.role.allows(engine::auth::Role::Operator);
    Ok(super::hyg_table::render(rows, cancel))
}
