//! Server functions of the jobs pages: list, one job (with a result page), cancel.

use api::console::{JobSummary, JobView, JobsPage};
use leptos::prelude::*;

use crate::error::AppError;

/// Upper bound on rows per call, whatever the URL asks for.
#[cfg(feature = "ssr")]
const MAX_LIMIT: u64 = 100;

/// The jobs table's filters as server-function arguments (empty = any).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct JobsFilter {
    /// Internal state word.
    pub(crate) state: String,
    /// Job type word.
    pub(crate) job_type: String,
    /// Graph name.
    pub(crate) graph: String,
    /// Text searched in id, graph and algorithm.
    pub(crate) text: String,
}

impl From<&crate::jobs_query::JobsQuery> for JobsFilter {
    fn from(q: &crate::jobs_query::JobsQuery) -> Self {
        Self {
            state: q.state.clone(),
            job_type: q.job_type.clone(),
            graph: q.graph.clone(),
            text: q.text.clone(),
        }
    }
}

/// One page of the current project's jobs matching `filter`, newest first.
#[server(prefix = "/rpc", endpoint = "list_jobs")]
pub(crate) async fn list_jobs(
    filter: JobsFilter,
    offset: u64,
    limit: u64,
) -> Result<JobsPage, AppError> {
    use crate::session::{now_ms, reject, session};
    let s = session().await?;
    let mut filter = engine_filter(&filter).map_err(reject)?;
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

/// The engine's filter for the console's; an unknown state or type is refused by name.
#[cfg(feature = "ssr")]
pub(crate) fn engine_filter(f: &JobsFilter) -> Result<engine::JobFilter, AppError> {
    let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let mut filter = engine::JobFilter {
        graph: non_empty(&f.graph),
        text: non_empty(&f.text),
        ..Default::default()
    };
    if !f.state.is_empty() {
        let state = engine::JobState::parse(&f.state)
            .ok_or_else(|| AppError::Invalid(format!("Unknown job state \"{}\".", f.state)))?;
        filter.states.push(state);
    }
    if !f.job_type.is_empty() {
        let t = engine::JobType::parse(&f.job_type)
            .ok_or_else(|| AppError::Invalid(format!("Unknown job type \"{}\".", f.job_type)))?;
        filter.job_types.push(t);
    }
    Ok(filter)
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
