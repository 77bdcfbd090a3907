//! `/jobs/:id?offset=&limit=&sort=&rejected=`: one job, refreshed whenever it changes (pushed
//! by the server; polled while the stream is down and the job can still change), the current
//! window of its result and, for a succeeded algorithm job, "Dump to OBS". Cancel, run again
//! and the dump form are shown to a role that may use them (operator or admin).
//!
//! Only the head (live status, cancel, run again) and the dump form are hydrated. The rest
//! (`super::sections`: facts, timeline, import files, rejected rows, sub-jobs, result,
//! request) is rendered by the server, first inside the page and then, on every change, by
//! `job_live`, whose HTML the island puts in place of the old. Those sections are read-only and
//! their controls are links and GET forms, so nothing is lost by keeping their code out of the
//! wasm.

mod dump_form;
mod rerun_button;

use api::console::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params, use_query};
use leptos_router::params::Params;

use self::dump_form::{DumpForm, DumpState};
use self::rerun_button::{RerunButton, rerun_action};
use super::api::{CancelJob, job_live};
use super::cancel_control::{CancelControl, Confirming};
use crate::components::{ErrorNotice, LiveStatus, is_active};
use crate::format::short_id;
use crate::live::use_job_updates;
use crate::page_data::page_data;
use crate::paging::Window;
use crate::server_html::{LivePart, ServerPart};

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
/// to the page's island, with the page's sections rendered inside it (server only).
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
    let load = {
        let (id, window) = (id.clone(), window.clone());
        move || {
            let live = job_live(id.clone(), window.clone(), rejected, true);
            async move { live.await.map(|live| live.sections) }
        }
    };
    view! {
        <Title text=format!("Job {}", short_id(&id))/>
        <crate::areas::JobArea id window rejected role=crate::page_role::page_role()>
            <ServerPart load loading="Loading the job…"/>
        </crate::areas::JobArea>
    }
}

/// The job page's interactive part: its head (state, live status, cancel, run again, dump to
/// OBS), and `sections`, the rest of the page as the server rendered it, replaced by a fresh
/// render from the server whenever the job changes.
#[component]
pub(crate) fn JobDetailBody(
    /// Job id.
    id: String,
    /// The result rows shown.
    window: Window,
    /// First rejected row shown (imports).
    rejected: u64,
    /// The signed-in token's role: cancel, run again and dump only for a role that may.
    role: Role,
    /// The page's sections, rendered by the server.
    sections: Children,
) -> impl IntoView {
    let operate = role.may_operate();
    let cancel = ServerAction::<CancelJob>::new();
    let rerun = rerun_action();
    let dump_state = DumpState::new();
    let confirming = Confirming::new();
    let live = RwSignal::new(false);
    let updates = use_job_updates(live.into(), {
        let id = id.clone();
        move |changed| id == changed
    });
    // The server's first render comes with the page; every refetch brings the sections anew.
    let job = {
        let (id, window) = (id.clone(), window.clone());
        page_data(
            move || (updates.tick.get(), cancel.version().get()),
            move |(tick, cancelled)| {
                job_live(
                    id.clone(),
                    window.clone(),
                    rejected,
                    tick > 0 || cancelled > 0,
                )
            },
        )
    };
    let container = LivePart::new();
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(data)) = job.get() {
            live.set(is_active(&data.head.state));
            if let Some(html) = data.sections {
                container.show(html);
            }
        }
    });

    view! {
        <p class="breadcrumb"><a href="/jobs">"← Jobs"</a></p>
        <div class="page-head">
            <h1>"Job " <code class="job-id">{id.clone()}</code></h1>
            <LiveStatus mode=updates.mode/>
        </div>
        {move || cancel.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match job.await {
                    Ok(data) => {
                        let head = data.head;
                        let cancel_control = (operate && head.can_cancel)
                            .then(|| view! { <CancelControl id=head.id.clone() confirming cancel/> });
                        let rerun_button = (operate && head.rerunnable).then(|| view! { <RerunButton id=head.id in_form=head.rerun_in_form rerun/> });
                        view! { <div class="job-actions">{cancel_control}{rerun_button}</div> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
        {container.element("job-sections", sections)}
        // "Dump to OBS", under the result, for a succeeded algorithm job.
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                job.await.ok().map(|data| data.head).filter(|h| operate && h.state == "succeeded" && h.job_type == "Algorithm")
                    .map(|head| view! { <DumpForm id=head.id state=dump_state/> })
            })}
        </Transition>
    }
    .into_any()
}
