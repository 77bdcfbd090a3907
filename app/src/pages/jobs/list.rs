//! `/jobs?state=&type=&graph=&q=&page=N`: the project's jobs matching the filters in the URL,
//! newest first, paged on the server, refreshed whenever a job of the project changes (pushed
//! by the server; polled while the stream is down), with single and bulk cancel.

mod bulk_cancel;
mod filter_form;
mod job_row;
mod jobs_table;

use api::console::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use std::collections::BTreeSet;

use self::bulk_cancel::BulkCancelBar;
use self::filter_form::FilterForm;
use self::jobs_table::JobsTable;
use super::api::{CancelJob, CancelMatching, CancelSelected, JobsFilter, list_jobs};
use super::cancel_control::Confirming;
use crate::components::{ErrorNotice, LiveStatus, is_active};
use crate::jobs_query::JobsQuery;
use crate::list::ListUrl;
use crate::live::use_job_updates;
use crate::page_data::page_data;

/// The jobs table page: the filters in the URL, read on the server and handed to the page's
/// island, with the filter form rendered inside it (server only: a plain GET form).
#[component]
pub(crate) fn JobList() -> impl IntoView {
    let query = use_query_map().with_untracked(|m| JobsQuery::from_query(|k| m.get(k)));
    view! {
        <Title text="Jobs"/>
        <crate::areas::JobsArea query=query.clone() role=crate::page_role::page_role()>
            <FilterForm query/>
        </crate::areas::JobsArea>
    }
}

/// The jobs page's interactive part: the live table with its cancel controls (for a role that
/// may cancel), and `filters`, the filter form as the server rendered it.
#[component]
pub(crate) fn JobListBody(
    /// The filters and page in the URL.
    query: JobsQuery,
    /// The signed-in token's role.
    role: Role,
    /// The filter form, rendered by the server.
    filters: Children,
) -> impl IntoView {
    let operate = role.may_operate();
    let query = Signal::stored(query);
    let cancel = ServerAction::<CancelJob>::new();
    let cancel_selected = ServerAction::<CancelSelected>::new();
    let cancel_matching = ServerAction::<CancelMatching>::new();
    let confirming = Confirming::new();
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let live = RwSignal::new(false);
    let updates = use_job_updates(live.into(), |_| true);
    let actions = move || {
        (
            cancel.version().get(),
            cancel_selected.version().get(),
            cancel_matching.version().get(),
        )
    };
    let jobs = page_data(
        move || (query.get(), updates.tick.get(), actions()),
        |(query, _, _)| {
            let page = query.page();
            list_jobs(JobsFilter::from(&query), page.offset(), page.size)
        },
    );
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(p)) = jobs.get() {
            live.set(p.list.jobs.iter().any(|j| is_active(&j.state)));
            // A ticked job that finished (or left the page) can no longer be cancelled.
            let open = |id: &String| p.list.jobs.iter().any(|j| j.can_cancel && &j.id == id);
            if selected.with_untracked(|s| s.iter().any(|id| !open(id))) {
                selected.update(|s| s.retain(|id| open(id)));
            }
        }
    });

    view! {
        <div class="page-head">
            <h1>"Jobs"</h1>
            <LiveStatus mode=updates.mode/>
            {operate.then(|| view! { <a class="button primary" href="/run">"Run algorithm"</a> })}
        </div>
        {filters()}
        {operate.then(|| view! { <BulkCancelBar query selected cancel_selected cancel_matching/> })}
        {move || cancel.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading jobs…"</p> }>
            {move || Suspend::new(async move {
                match jobs.await {
                    Ok(data) => view! { <JobsTable data query=query.get_untracked() role confirming cancel selected/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
