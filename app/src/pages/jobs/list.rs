//! `/jobs?page=N`: the project's jobs, newest first, refreshed every second while any listed
//! job can still change.

mod job_row;
mod jobs_table;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query;
use leptos_router::params::Params;

use self::jobs_table::JobsTable;
use super::api::{CancelJob, list_jobs};
use crate::components::{ErrorNotice, is_active};
use crate::live::use_live_tick;
use crate::paging::{JOBS_PAGE_SIZE, Page};

/// The list's URL state.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
struct JobsQuery {
    /// 1-based page number.
    page: Option<u64>,
}

/// The jobs table page.
#[component]
pub(crate) fn JobList() -> impl IntoView {
    let query = use_query::<JobsQuery>();
    let page = Memo::new(move |_| {
        Page::new(
            query.with(|q| q.as_ref().ok().and_then(|q| q.page)),
            JOBS_PAGE_SIZE,
        )
    });
    let cancel = ServerAction::<CancelJob>::new();
    let confirming = RwSignal::new(None::<String>);
    let live = RwSignal::new(false);
    let tick = use_live_tick(live.into());
    let jobs = Resource::new(
        move || (page.get(), tick.get(), cancel.version().get()),
        |(page, _, _)| list_jobs(page.offset(), page.size),
    );
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(p)) = jobs.get() {
            live.set(p.list.jobs.iter().any(|j| is_active(&j.state)));
        }
    });

    view! {
        <Title text="Jobs"/>
        <div class="page-head">
            <h1>"Jobs"</h1>
            <a class="button primary" href="/run">"Run algorithm"</a>
        </div>
        {move || cancel.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading jobs…"</p> }>
            {move || Suspend::new(async move {
                match jobs.await {
                    Ok(data) => view! { <JobsTable data page=page.get_untracked() confirming cancel/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
