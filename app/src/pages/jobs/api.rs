//! Server functions of the jobs pages: list, one job (its page, live), cancel (one,
//! selected or all matching), and dumping a result to OBS.

use api::console::{BulkCancelDone, JobSummary, JobsPage};
#[cfg(feature = "ssr")]
use api::console::{JobView, RejectedRows};
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
    /// Text searched in the id (by prefix), graph and algorithm.
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

/// What the job page's island shows and acts on: the job's state and the actions it allows.
/// Everything else on the page is rendered by the server ([`LiveJob::sections`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct JobHead {
    /// Job id.
    pub(crate) id: String,
    /// Internal state word.
    pub(crate) state: String,
    /// Job type word.
    pub(crate) job_type: String,
    /// Whether a cancel can still reach it.
    pub(crate) can_cancel: bool,
    /// Whether its stored request can be run again.
    pub(crate) rerunnable: bool,
    /// Whether "Run again" opens the run form filled with it (`pages::run::from_job`) rather
    /// than re-running it at once.
    pub(crate) rerun_in_form: bool,
}

/// The job page, once more: its head and, when asked for, the rest of the page as HTML.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct LiveJob {
    /// State and actions.
    pub(crate) head: JobHead,
    /// The facts, import files, rejected rows, sub-jobs, result and request, rendered by the
    /// server (`sections`); `None` unless asked for.
    pub(crate) sections: Option<String>,
}

/// Job `id` for its page: the head, and with `sections` the rest of the page rendered with
/// `window` of its result and the rejected rows from `rejected` on.
///
/// The page's sections are rendered here, on the server, and replace the shown ones whole in
/// the browser, so the wasm carries none of their code or data types (the console's wasm
/// budget, README). They hold no controls of their own: links and GET forms only.
#[server(prefix = "/rpc", endpoint = "job_live")]
pub(crate) async fn job_live(
    id: String,
    window: crate::paging::Window,
    rejected: u64,
    sections: bool,
) -> Result<LiveJob, AppError> {
    use super::sections;
    use crate::session::{reject, session};
    let s = session().await?;
    let job = s.engine.job(&s.project, &id).await.map_err(reject)?;
    let detail = api::convert::job_detail(&job);
    let head = JobHead {
        id: detail.summary.id.clone(),
        state: detail.summary.state.clone(),
        job_type: detail.summary.job_type.clone(),
        can_cancel: detail.summary.can_cancel,
        rerunnable: detail.rerunnable,
        rerun_in_form: detail.rerunnable
            && job.job_type == engine::JobType::Algorithm
            && crate::pages::run::from_job::fills_form(&s.engine, &s.project, &id).await,
    };
    // The head alone reads the job record; the result, the graph's version and the rejected
    // rows are read only for the sections.
    let sections = if sections {
        let failed = detail.files.iter().map(|f| f.failed_lines).sum::<u64>();
        let view = job_view(&s, &job, detail, &window).await?;
        let rows = if failed > 0 {
            let first = rejected / sections::REJECTED_PAGE * sections::REJECTED_PAGE;
            Some(load_rejected(&s, &id, first, sections::REJECTED_PAGE).await?)
        } else {
            None
        };
        Some(sections::render(view, rows, window))
    } else {
        None
    };
    Ok(LiveJob { head, sections })
}

/// `job` with its `detail`, plus the `window` of its result once it has succeeded, in row
/// order or, with a sort, highest first, and whether the graph has changed since it ran.
#[cfg(feature = "ssr")]
async fn job_view(
    s: &crate::session::Session,
    job: &engine::JobRecord,
    mut detail: api::console::JobDetail,
    window: &crate::paging::Window,
) -> Result<JobView, AppError> {
    use crate::session::{now_ms, reject};
    let id = job.id.0.as_str();
    // Only algorithms and queries leave rows; an import, a dump or a bulk action has none.
    let result = match job.state {
        engine::JobState::Succeeded => {
            let (offset, limit) = (window.offset, window.limit.clamp(1, MAX_LIMIT));
            let page = match window.sort.as_deref().filter(|m| !m.is_empty()) {
                Some(metric) => {
                    s.engine
                        .result_page_sorted(&s.project, id, metric, offset, limit)
                        .await
                }
                None => s.engine.result_page(&s.project, id, offset, limit).await,
            };
            match page {
                Ok(page) => Some(api::convert::result_page(page)),
                Err(engine::Error::NotFound { .. }) => None,
                Err(e) => return Err(reject(e)),
            }
        }
        _ => None,
    };
    let current = s
        .engine
        .graph(&s.project, &job.graph)
        .await
        .ok()
        .map(|g| g.version);
    detail.stale = api::convert::is_stale(job, current);
    Ok(JobView {
        detail,
        result,
        now_ms: now_ms(),
    })
}

/// Rows `offset..offset + limit` of what an import rejected.
#[cfg(feature = "ssr")]
async fn load_rejected(
    s: &crate::session::Session,
    id: &str,
    offset: u64,
    limit: u64,
) -> Result<RejectedRows, AppError> {
    let page = s
        .engine
        .rejected_rows(&s.project, id, offset, limit.clamp(1, MAX_LIMIT))
        .await
        .map_err(crate::session::reject)?;
    let rows = page
        .rows
        .into_iter()
        .map(|r| api::console::RejectedRow {
            file: r.file,
            line: r.line,
            reason: r.reason,
            row: r.row,
        })
        .collect();
    Ok(RejectedRows {
        rows,
        offset: page.offset,
        total: page.total,
    })
}

/// Asks a queued or running job to stop.
#[server(prefix = "/rpc", endpoint = "cancel_job")]
pub(crate) async fn cancel_job(
    id: String,
    #[server(default)] reason: Option<String>,
) -> Result<JobSummary, AppError> {
    use crate::session::{reject, session_as};
    let s = session_as(engine::auth::Role::Operator).await?;
    let reason = reason
        .map(|r| r.trim().chars().take(200).collect::<String>())
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| "cancelled in the console".into());
    let job = s
        .engine
        .cancel(&s.project, &id, "console", &reason)
        .await
        .map_err(reject)?;
    Ok(api::convert::job_summary(&job))
}

/// How many queued or running jobs match `filter` (the bulk cancel's preview).
#[server(prefix = "/rpc", endpoint = "count_cancellable")]
pub(crate) async fn count_cancellable(filter: JobsFilter) -> Result<u64, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let filter = engine_filter(&filter).map_err(reject)?;
    s.engine
        .count_cancellable(&s.project, &filter)
        .await
        .map_err(reject)
}

/// Cancels every queued or running job matching `filter`, as one `CancelJobs` parent job.
#[server(prefix = "/rpc", endpoint = "cancel_matching")]
pub(crate) async fn cancel_matching(filter: JobsFilter) -> Result<BulkCancelDone, AppError> {
    use crate::session::{reject, session_as};
    let s = session_as(engine::auth::Role::Operator).await?;
    let filter = engine_filter(&filter).map_err(reject)?;
    let done = s
        .engine
        .cancel_matching(&s.project, &filter, "console", "bulk cancel in the console")
        .await
        .map_err(reject)?;
    Ok(bulk_done(&done))
}

/// Cancels the jobs selected in the table, as one `CancelJobs` parent job.
#[server(prefix = "/rpc", endpoint = "cancel_selected")]
pub(crate) async fn cancel_selected(ids: Vec<String>) -> Result<BulkCancelDone, AppError> {
    use crate::session::{reject, session_as};
    let s = session_as(engine::auth::Role::Operator).await?;
    let done = s
        .engine
        .cancel_jobs(
            &s.project,
            &ids,
            "console",
            "cancelled in the console (selection)",
        )
        .await
        .map_err(reject)?;
    Ok(bulk_done(&done))
}

#[cfg(feature = "ssr")]
fn bulk_done(done: &engine::job::bulk_cancel::BulkCancel) -> BulkCancelDone {
    let cancelled = done
        .reached
        .iter()
        .filter(|j| j.state == engine::JobState::Cancelled)
        .count() as u64;
    BulkCancelDone {
        parent_id: done.parent.id.0.clone(),
        cancelled,
        cancelling: done.reached.len() as u64 - cancelled,
        skipped: done.skipped.len() as u64,
        left: done.left,
    }
}

/// Dumps a succeeded job's result to OBS or a local path (export-result): a new job, whose
/// id is returned. The keys are for this dump only (never stored, see `engine::obs`); the
/// stored request shows them as `***`.
#[server(prefix = "/rpc", endpoint = "dump_result")]
pub(crate) async fn dump_result(
    id: String,
    export_path: String,
    erase: Option<String>,
    access_key: String,
    secret_key: String,
) -> Result<String, AppError> {
    use crate::session::{reject, session_as};
    let s = session_as(engine::auth::Role::Operator).await?;
    let keys = engine::obs::ObsCredentials {
        access_key: access_key.trim().to_owned(),
        secret_key,
    };
    let path = export_path.trim();
    let job = s
        .engine
        .dump_result(&s.project, &id, path, erase.is_some(), Some(keys))
        .await
        .map_err(reject)?;
    Ok(job.id.0)
}

/// Clone and re-run: a new job from the stored request of job `id`; returns its id (or the
/// original's, while an identical request is still queued or running).
#[server(prefix = "/rpc", endpoint = "rerun_job")]
pub(crate) async fn rerun_job(id: String) -> Result<String, AppError> {
    use crate::session::{reject, session_as};
    let s = session_as(engine::auth::Role::Operator).await?;
    let options = engine::SubmitOptions::default();
    let job = s
        .engine
        .rerun(&s.project, &id, options)
        .await
        .map_err(reject)?;
    Ok(job.id.0)
}
