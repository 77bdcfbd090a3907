//! `/visualizations/:id` (also `/visualization/:id`, the `service_url` the REST API returns):
//! one job's facts and actions, refreshed every second until the job settles (COMPLETED,
//! FAILED or KILLED), and, once it serves one, its view as charts.
//!
//! The view is rendered by the server (`crate::server_html`): inside the page first, then
//! again only when the status changes, when the island fetches its HTML and puts it in place.
//! So the live refresh neither re-sends nor re-draws the charts, and the charts' code is not
//! in the wasm.

#[cfg(feature = "ssr")]
mod communities_view;
mod facts;
#[cfg(feature = "ssr")]
mod metric_view;
#[cfg(feature = "ssr")]
mod paths_view;
#[cfg(feature = "ssr")]
mod scalars_view;
#[cfg(feature = "ssr")]
mod view_panel;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use self::facts::VizFacts;
use super::actions::{VizActionButtons, VizActs};
use super::api::{get_viz_job, viz_view_html};
use crate::components::ErrorNotice;
use crate::live::use_live_tick;
use crate::page_data::page_data;
use crate::server_html::{LivePart, ServerPart};

/// The view of a job in state `state`, rendered to HTML.
#[cfg(feature = "ssr")]
pub(crate) fn render_view(view: Option<api::console::viz::VizView>, state: String) -> String {
    use self::view_panel::ViewPanel;
    crate::server_html::render(|| view! { <ViewPanel view state/> })
}

/// The route's `:id`.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
struct VizParams {
    /// Job id.
    id: Option<String>,
}

/// The visualization job page, with the job's view rendered inside its island (server only).
#[component]
pub(crate) fn VizDetail() -> impl IntoView {
    let id = use_params::<VizParams>()
        .with_untracked(|p| p.as_ref().ok().and_then(|p| p.id.clone()))
        .unwrap_or_default();
    let load = {
        let id = id.clone();
        move || {
            let view = viz_view_html(id.clone());
            async move { view.await.map(Some) }
        }
    };
    view! {
        <Title text=format!("Visualization job {id}")/>
        <crate::areas::VizArea view=crate::areas::VizView::Detail { id: id.clone() }>
            <ServerPart load loading="Loading what the job shows…"/>
        </crate::areas::VizArea>
    }
}

/// The page's interactive part (hydrated in `crate::areas`): facts and actions, live until the
/// job settles, and `view_panel`, the job's view as the server rendered it, replaced by a fresh
/// render when the status changes.
#[component]
pub(crate) fn VizDetailBody(
    /// Job id.
    id: String,
    /// The job's view, rendered by the server.
    view_panel: Children,
) -> impl IntoView {
    let id = Signal::stored(id);
    let acts = VizActs::new();
    let live = RwSignal::new(false);
    let tick = use_live_tick(live.into());
    let job = page_data(
        move || (id.get(), tick.get(), acts.version()),
        |(id, _, _)| get_viz_job(id, false),
    );
    let seen_state = StoredValue::new(None::<i64>);
    let panel = LivePart::new();
    // Fetches of the view, counted: only the latest one's HTML is put in place.
    let fetches = StoredValue::new(0u64);
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(p)) = job.get() {
            live.set(p.row.live);
            let before = seen_state.get_value();
            seen_state.set_value(Some(p.row.state_code));
            // The status changed, so the view can have: fetch its fresh render.
            if before.is_some_and(|code| code != p.row.state_code) {
                fetches.update_value(|n| *n += 1);
                let this = fetches.get_value();
                let id = id.get_untracked();
                leptos::task::spawn_local(async move {
                    if let Ok(html) = viz_view_html(id).await
                        && fetches.try_get_value() == Some(this)
                    {
                        panel.show(html);
                    }
                });
            }
        }
    });
    Effect::new(move |_| {
        if matches!(acts.delete.value().get(), Some(Ok(()))) {
            crate::navigate::go("/visualizations");
        }
    });

    view! {
        <p class="breadcrumb"><a href="/visualizations">"← Visualization jobs"</a></p>
        {move || acts.failure().map(|error| view! { <ErrorNotice error/> })}
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading the visualization job…"</p> }>
            {move || Suspend::new(async move {
                match job.await {
                    Ok(data) => {
                        let row = data.row;
                        view! {
                            <div class="page-head">
                                <h1>{row.name.clone()}</h1>
                                <VizActionButtons id=row.id allowed=row.actions acts/>
                            </div>
                            <VizFacts row/>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
        {panel.element("viz-view-part", view_panel)}
    }
    .into_any()
}
