//! `/visualizations?status=&q=&page=N`: the project's visualization jobs matching the filters
//! in the URL, newest first, paged on the server, refreshed while any listed job can still
//! change.

mod filter_form;
mod viz_table;
mod viz_table_row;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub(crate) use self::viz_table_row::duration_text;

use self::filter_form::VizFilters;
use self::viz_table::VizTable;
use super::actions::VizActs;
use super::api::list_viz_jobs;
use super::list_query::VizQuery;
use crate::components::ErrorNotice;
use crate::live::use_live_tick;
use crate::page_data::page_data;

/// The visualization jobs page, with the filter form rendered inside its island (server only:
/// a plain GET form).
#[component]
pub(crate) fn VizList() -> impl IntoView {
    let query = use_query_map().with_untracked(|m| VizQuery::from_query(|k| m.get(k)));
    view! {
        <Title text="Visualization jobs"/>
        <crate::areas::VizArea view=crate::areas::VizView::List { query: query.clone() }>
            <VizFilters query/>
        </crate::areas::VizArea>
    }
}

/// The page's interactive part (hydrated in `crate::areas`): the table, live while a listed
/// job can change, under `filters`, the filter form as the server rendered it.
#[component]
pub(crate) fn VizListBody(
    /// The filters and page in the URL.
    query: VizQuery,
    /// The filter form, rendered by the server.
    filters: Children,
) -> impl IntoView {
    let query = Signal::stored(query);
    let acts = VizActs::new();
    let live = RwSignal::new(false);
    let tick = use_live_tick(live.into());
    let jobs = page_data(
        move || (query.get(), tick.get(), acts.version()),
        |(q, _, _)| list_viz_jobs(q.status, q.text, q.page),
    );
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(p)) = jobs.get() {
            live.set(p.rows.iter().any(|r| r.live));
        }
    });

    view! {
        <div class="page-head">
            <h1>"Visualization jobs"</h1>
            <a class="button primary" href="/visualizations/new">"New visualization job"</a>
        </div>
        {filters()}
        {move || acts.failure().map(|error| view! { <ErrorNotice error/> })}
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading visualization jobs…"</p> }>
            {move || Suspend::new(async move {
                match jobs.await {
                    Ok(data) => view! { <VizTable data query=query.get_untracked() acts/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
