//! `/job-center?status=&page=N`: the management plane's jobs as the v2 job center reports them
//! (status words `waiting`, `running`, `success`, `partiallyFailed`, `failed`), with each
//! import's files and rejected lines; live like the jobs table.

use api::management::STATUS_FILTERS;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::center_live;
use crate::components::LiveStatus;
use crate::list::{FilterBar, FilterSelect, PAGE_SIZE, Page};
use crate::live::use_job_updates;
use crate::page_data::page_data;
use crate::server_html::{LivePart, ServerPart};

/// The job center page, with its table rendered inside the island (server only).
#[component]
pub(crate) fn JobCenterPage() -> impl IntoView {
    let query = use_query_map();
    let status = query.with_untracked(|q| {
        q.get("status")
            .filter(|s| STATUS_FILTERS.contains(&s.as_str()))
            .unwrap_or_default()
    });
    let page = query.with_untracked(|q| q.get("page").and_then(|p| p.parse().ok()));
    let page = Page::new(page, PAGE_SIZE);
    let load = {
        let status = status.clone();
        move || {
            let live = center_live(status.clone(), page, true);
            async move { live.await.map(|t| t.html) }
        }
    };
    view! {
        <Title text="Job center"/>
        <crate::areas::CenterArea view=crate::areas::CenterView::JobCenter { status, page }>
            <ServerPart load loading="Loading jobs…" show_error=true/>
        </crate::areas::CenterArea>
    }
}

/// The job center's interactive part: the filter and the live refresh of `table`, the table
/// as the server rendered it.
#[component]
pub(crate) fn JobCenterBody(
    /// The status filter in the URL, or empty.
    status: String,
    /// The page in the URL.
    page: Page,
    /// The table and its pager, rendered by the server.
    table: Children,
) -> impl IntoView {
    let live = RwSignal::new(false);
    let updates = use_job_updates(live.into(), |_| true);
    let state = {
        let status = status.clone();
        // The page came with the server's render: only later changes bring it anew.
        page_data(
            move || updates.tick.get(),
            move |tick| center_live(status.clone(), page, tick > 0),
        )
    };
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
    let statuses = STATUS_FILTERS.iter().map(|s| s.to_string()).collect();
    view! {
        <div class="page-head">
            <h1>"Job center"</h1>
            <LiveStatus mode=updates.mode/>
        </div>
        <p class="description">
            "Graph management jobs — imports, graph creation, clearing and deletion, exports — as "
            <code>"GET /v2/{project_id}/graphs/jobs"</code> " reports them."
        </p>
        <FilterBar label="Job center filters" action="/job-center" apply="Apply">
            <FilterSelect id="center-status" name="status" label="Status" any="Any status" values=statuses current=status/>
        </FilterBar>
        {part.element("center-part", table)}
    }
    .into_any()
}
