//! `/visualizations/:id` (also `/visualization/:id`, the `service_url` the REST API returns):
//! one job's facts and actions, refreshed every second until the job settles (COMPLETED,
//! FAILED or KILLED), and, once it serves one, its view as charts.
//!
//! Both are rendered by the server (`crate::server_html`): inside the page first, then again
//! on each refresh the head (heading, actions, facts), and the view only when the status has
//! changed. The island polls, puts the HTML in place and carries out the actions; so the live
//! refresh neither re-sends nor re-draws the charts, and none of their code is in the wasm.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use super::actions::VizActs;
use super::api::viz_job_live;
use crate::components::ErrorNotice;
use crate::live::use_live_tick;
use crate::page_data::page_data;
use crate::server_html::{LivePart, ServerPart};

/// The route's `:id`.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
struct VizParams {
    /// Job id.
    id: Option<String>,
}

/// The visualization job page: the breadcrumb, then the island with the job rendered inside
/// it (server only).
#[component]
pub(crate) fn VizDetail() -> impl IntoView {
    let id = use_params::<VizParams>()
        .with_untracked(|p| p.as_ref().ok().and_then(|p| p.id.clone()))
        .unwrap_or_default();
    let load = {
        let id = id.clone();
        move || {
            let html = super::api::viz_job_html(id.clone());
            async move { html.await.map(Some) }
        }
    };
    view! {
        <Title text=format!("Visualization job {id}")/>
        <p class="breadcrumb"><a href="/visualizations">"← Visualization jobs"</a></p>
        <crate::areas::VizArea view=crate::areas::VizView::Detail { id }>
            <ServerPart load loading="Loading the visualization job…" show_error=true/>
        </crate::areas::VizArea>
    }
}

/// The page's interactive part (hydrated in `crate::areas`): `parts`, the job as the server
/// rendered it, live until the job settles and after each action; the error of an action that
/// was refused; and, once the job is deleted, the way back to the list.
#[component]
pub(crate) fn VizDetailBody(
    /// Job id.
    id: String,
    /// The job's head and view, rendered by the server.
    parts: Children,
) -> impl IntoView {
    let acts = VizActs::new();
    let live = RwSignal::new(false);
    let tick = use_live_tick(live.into());
    // The status whose view the page shows (-1 until the first answer says).
    let shown = StoredValue::new(-1i64);
    // The job came with the server's render: only later reads bring it anew.
    let job = page_data(
        move || (tick.get(), acts.answered()),
        move |(tick, answered)| {
            viz_job_live(id.clone(), tick + answered as u64 > 0, shown.get_value())
        },
    );
    let part = LivePart::new();
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(job)) = job.get() {
            live.set(job.active);
            shown.set_value(job.state);
            if let Some(head) = job.head {
                part.show_in(".viz-head-part", head);
            }
            if let Some(view) = job.view {
                part.show_in(".viz-view-part", view);
            }
        }
    });
    Effect::new(move |_| {
        if matches!(acts.delete.value().get(), Some(Ok(()))) {
            crate::navigate::go("/visualizations");
        }
    });

    view! {
        {move || acts.failure().map(|error| view! { <ErrorNotice error/> })}
        {part.acting("viz-job-part", parts, move |act| acts.run(act))}
    }
}
