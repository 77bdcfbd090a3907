//! `/jobs/:id?offset=&limit=`: one job, refreshed whenever it changes (pushed by the server;
//! polled while the stream is down and the job can still change), the current window of its
//! result and, for a succeeded algorithm job, "Dump to OBS".

mod dump_form;
mod facts;
mod import_files;
mod rejected_rows;
mod request_block;
mod rerun_button;
mod result_view;
mod sub_jobs;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params, use_query};
use leptos_router::params::Params;

use self::dump_form::{DumpForm, DumpState};
use self::rejected_rows::RejectedRowsView;
use self::{facts::JobFacts, request_block::RequestBlock, result_view::ResultView};
use self::{import_files::ImportFiles, rerun_button::RerunButton, sub_jobs::SubJobs};
use super::api::{CancelJob, get_job};
use super::cancel_control::CancelControl;
use crate::components::{ErrorNotice, LiveStatus, is_active};
use crate::format::short_id;
use crate::live::use_job_updates;
use crate::page_data::page_data;
use crate::paging::Window;

/// The route's `:id`.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
struct JobParams {
    /// Job id.
    id: Option<String>,
}

/// The result window in the URL.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
struct ResultQuery {
    /// First row.
    offset: Option<u64>,
    /// Rows per page.
    limit: Option<u64>,
    /// Column the rows are sorted by (highest first); none = row order.
    sort: Option<String>,
    /// First rejected row shown (imports).
    rejected: Option<u64>,
}

/// The job detail page: the route's `:id` and result window, read on the server and handed
/// to the page's island.
#[component]
pub(crate) fn JobDetail() -> impl IntoView {
    let id = use_params::<JobParams>()
        .with_untracked(|p| p.as_ref().ok().and_then(|p| p.id.clone()))
        .unwrap_or_default();
    let query = use_query::<ResultQuery>().get_untracked().ok();
    let query = query.as_ref();
    let window = Window::new(query.and_then(|q| q.offset), query.and_then(|q| q.limit))
        .sorted_by(query.and_then(|q| q.sort.clone()));
    let rejected = query.and_then(|q| q.rejected).unwrap_or(0);
    view! {
        <Title text=format!("Job {}", short_id(&id))/>
        <crate::areas::JobArea id window rejected/>
    }
}

/// The job page's interactive part: everything on it follows the job live.
#[component]
pub(crate) fn JobDetailBody(
    /// Job id.
    id: String,
    /// The result rows shown.
    window: Window,
    /// First rejected row shown (imports).
    rejected: u64,
) -> impl IntoView {
    let id = Signal::stored(id);
    let window = Signal::stored(window);
    let rejected_offset = Signal::stored(rejected);
    let cancel = ServerAction::<CancelJob>::new();
    let dump_state = DumpState::new();
    let confirming = RwSignal::new(None::<String>);
    let live = RwSignal::new(false);
    let updates = use_job_updates(live.into(), move |changed| {
        id.with_untracked(|id| id == changed)
    });
    let job = page_data(
        move || {
            (
                id.get(),
                window.get(),
                updates.tick.get(),
                cancel.version().get(),
            )
        },
        |(id, window, _, _)| get_job(id, window.offset, window.limit, window.sort),
    );
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(p)) = job.get() {
            live.set(is_active(&p.detail.summary.state));
        }
    });

    view! {
        <p class="breadcrumb"><a href="/jobs">"← Jobs"</a></p>
        <div class="page-head">
            <h1>"Job " <code class="job-id">{move || id.get()}</code></h1>
            <LiveStatus mode=updates.mode/>
        </div>
        {move || cancel.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading the job…"</p> }>
            {move || Suspend::new(async move {
                match job.await {
                    Ok(data) => {
                        let summary = &data.detail.summary;
                        let cancel_control = summary
                            .can_cancel
                            .then(|| view! { <CancelControl id=summary.id.clone() confirming cancel/> });
                        let rerun = data
                            .detail
                            .rerunnable
                            .then(|| view! { <RerunButton id=summary.id.clone()/> });
                        let is_bulk = summary.job_type == "CancelJobs";
                        let files = data.detail.files.clone();
                        let rejected_total = files.iter().map(|f| f.failed_lines).sum::<u64>();
                        let job_id = summary.id.clone();

                        let subs = data.detail.sub_jobs.clone();
                        let dump = (summary.state == "succeeded" && summary.job_type == "Algorithm")
                            .then(|| view! { <DumpForm id=summary.id.clone() state=dump_state/> });
                        let state = summary.state.clone();
                        let request = data.detail.request.clone();
                        view! {
                            <div class="job-actions">{cancel_control}{rerun}</div>
                            <JobFacts detail=data.detail now_ms=data.now_ms/>
                            <ImportFiles files/>
                            <RejectedRowsView id=job_id total=rejected_total offset=rejected_offset/>
                            <SubJobs subs is_bulk/>
                            <ResultView id=id.get_untracked() state result=data.result window=window.get_untracked()/>
                            {dump}
                            <RequestBlock request/>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
