//! `/jobs?state=&type=&graph=&q=&page=N`: the project's jobs matching the filters in the URL,
//! newest first, paged on the server, refreshed while any listed job can still change.

mod filter_form;
mod job_row;
mod jobs_table;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use self::filter_form::FilterForm;
use self::jobs_table::JobsTable;
use super::api::{CancelJob, JobsFilter, list_jobs};
use crate::components::{ErrorNotice, is_active};
use crate::jobs_query::JobsQuery;
use crate::live::use_live_tick;

/// The jobs table page.
#[component]
pub(crate) fn JobList() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| query_map.with(|m| JobsQuery::from_query(|k| m.get(k))));
    let cancel = ServerAction::<CancelJob>::new();
    let confirming = RwSignal::new(None::<String>);
    let live = RwSignal::new(false);
    let tick = use_live_tick(live.into());
    let jobs = Resource::new(
        move || (query.get(), tick.get(), cancel.version().get()),
        |(query, _, _)| {
            let page = query.page();
            list_jobs(JobsFilter::from(&query), page.offset(), page.size)
        },
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
        {move || view! { <FilterForm query=query.get()/> }}
        {move || cancel.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading jobs…"</p> }>
            {move || Suspend::new(async move {
                match jobs.await {
                    Ok(data) => view! { <JobsTable data query=query.get_untracked() confirming cancel/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
