//! `/visualizations?status=&q=&page=N`: the project's visualization jobs matching the filters
//! in the URL, newest first, paged on the server, refreshed while any listed job can still
//! change.
//!
//! The heading and the filter form are plain server HTML, and so is the table
//! (`crate::server_html`): the island only polls, puts the server's fresh render of the table
//! in place, and carries out the rows' actions.

mod filter_form;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use self::filter_form::VizFilters;
use super::actions::VizActs;
use super::api::viz_list_live;
use super::list_query::VizQuery;
use crate::components::ErrorNotice;
use crate::live::use_live_tick;
use crate::page_data::page_data;
use crate::server_html::{LivePart, ServerPart};

/// The visualization jobs page: heading and filters, then the island with the table.
#[component]
pub(crate) fn VizList() -> impl IntoView {
    let query = use_query_map().with_untracked(|m| VizQuery::from_query(|k| m.get(k)));
    let load = {
        let query = query.clone();
        move || {
            let live = viz_list_live(query.clone(), true);
            async move { live.await.map(|t| t.html) }
        }
    };
    let create = crate::page_role::page_role().may_operate().then(|| {
        view! { <a class="button primary" href="/visualizations/new">"New visualization job"</a> }
    });
    view! {
        <Title text="Visualization jobs"/>
        <div class="page-head">
            <h1>"Visualization jobs"</h1>
            {create}
        </div>
        <VizFilters query=query.clone()/>
        <crate::areas::VizArea view=crate::areas::VizView::List { query }>
            <ServerPart load loading="Loading visualization jobs…" show_error=true/>
        </crate::areas::VizArea>
    }
}

/// The page's interactive part (hydrated in `crate::areas`): `table`, the table as the server
/// rendered it, replaced by a fresh render while a listed job can change and after each
/// action; and the error of an action that was refused.
#[component]
pub(crate) fn VizListBody(
    /// The filters and page in the URL.
    query: VizQuery,
    /// The table and its pager, rendered by the server.
    table: Children,
) -> impl IntoView {
    let acts = VizActs::new();
    let live = RwSignal::new(false);
    let tick = use_live_tick(live.into());
    // The table came with the server's render: only later reads bring it anew.
    let state = page_data(
        move || (tick.get(), acts.answered()),
        move |(tick, answered)| viz_list_live(query.clone(), tick + answered as u64 > 0),
    );
    let part = LivePart::new();
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(t)) = state.get() {
            live.set(t.active);
            if let Some(html) = t.html {
                part.show(html);
            }
        }
    });
    view! {
        {move || acts.failure().map(|error| view! { <ErrorNotice error/> })}
        {part.acting("viz-list-part", table, move |act| acts.run(act))}
    }
}
