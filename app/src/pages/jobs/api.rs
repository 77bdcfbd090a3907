//! Server functions of the jobs pages: list, one job (with a result page), cancel.

use api::console::{JobSummary, JobView, JobsPage};
use leptos::prelude::*;

use crate::error::AppError;

/// Upper bound on rows per call, whatever the URL asks for.
#[cfg(feature = "ssr")]
const MAX_LIMIT: u64 = 100;

/// One page of the current project's jobs, newest first.
#[server(prefix = "/rpc", endpoint = "list_jobs")]
pub(crate) async fn list_jobs(offset: u64, limit: u64) -> Result<JobsPage, AppError> {
    use crate::session::{now_ms, reject, session};
    let s = session().await?;
    let mut filter = engine::JobFilter::default();
    (filter.offset, filter.limit) = (offset, limit.clamp(1, MAX_LIMIT));
    let page = s.engine.jobs(&s.project, &filter).await.map_err(reject)?;
    let jobs = page.jobs.iter().map(api::convert::job_summary).collect();
    Ok(JobsPage {
        list: api::console::JobList {
            jobs,
            total: page.total,
        },
        now_ms: now_ms(),
    })
}

/// One job, plus rows `offset..offset+limit` of its result once it has succeeded.
#[server(prefix = "/rpc", endpoint = "get_job")]
pub(crate) async fn get_job(id: String, offset: u64, limit: u64) -> Result<JobView, AppError> {
    use crate::session::{now_ms, reject, session};
    let s = session().await?;
    let job = s.engine.job(&s.project, &id).await.map_err(reject)?;
    let result = match job.state {
        engine::JobState::Succeeded => {
            let page = s
                .engine
                .result_page(&s.project, &id, offset, limit.clamp(1, MAX_LIMIT))
                .await;
            Some(api::convert::result_page(page.map_err(reject)?))
        }
        _ => None,
    };
    let current = s
        .engine
        .graph(&s.project, &job.graph)
        .await
        .ok()
        .map(|g| g.version);
    let mut detail = api::convert::job_detail(&job);
    detail.stale = api::convert::is_stale(&job, current);
    Ok(JobView {
        detail,
        result,
        now_ms: now_ms(),
    })
}

/// Asks a queued or running job to stop.
#[server(prefix = "/rpc", endpoint = "cancel_job")]
pub(crate) async fn cancel_job(id: String) -> Result<JobSummary, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let job = s
        .engine
        .cancel(&s.project, &id, "console", "cancelled in the console")
        .await
        .map_err(reject)?;
    Ok(api::convert::job_summary(&job))
}
