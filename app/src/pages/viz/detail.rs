//! `/visualizations/:id` (also `/visualization/:id`, the `service_url` the REST API returns):
//! one job's facts and actions, refreshed every second until the job settles (COMPLETED,
//! FAILED or KILLED), and, once it serves one, its view as charts. The view is fetched
//! separately and again only when the status changes, so the live refresh neither re-sends
//! nor re-draws the charts.

mod communities_view;
mod facts;
mod metric_view;
mod paths_view;
mod scalars_view;
mod view_panel;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use self::{facts::VizFacts, view_panel::ViewPanel};
use super::actions::{VizActionButtons, VizActs};
use super::api::get_viz_job;
use crate::components::ErrorNotice;
use crate::live::use_live_tick;
use crate::page_data::page_data;

/// The route's `:id`.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
struct VizParams {
    /// Job id.
    id: Option<String>,
}

/// The visualization job page.
#[component]
pub(crate) fn VizDetail() -> impl IntoView {
    let id = use_params::<VizParams>()
        .with_untracked(|p| p.as_ref().ok().and_then(|p| p.id.clone()))
        .unwrap_or_default();
    view! {
        <Title text=format!("Visualization job {id}")/>
        <crate::areas::VizArea view=crate::areas::VizView::Detail { id }/>
    }
}

/// The page's interactive part (hydrated in `crate::areas`): facts and actions, live until the job settles, and its view.
#[component]
pub(crate) fn VizDetailBody(
    /// Job id.
    id: String,
) -> impl IntoView {
    let id = Signal::stored(id);
    let acts = VizActs::new();
    let live = RwSignal::new(false);
    let tick = use_live_tick(live.into());
    let job = page_data(
        move || (id.get(), tick.get(), acts.version()),
        |(id, _, _)| get_viz_job(id, false),
    );
    // Bumped when the status changes, which is when the view can have changed.
    let view_version = RwSignal::new(0u64);
    let seen_state = StoredValue::new(None::<i64>);
    let view = page_data(
        move || (id.get(), view_version.get()),
        |(id, _)| get_viz_job(id, true),
    );
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(p)) = job.get() {
            live.set(p.row.live);
            let before = seen_state.get_value();
            seen_state.set_value(Some(p.row.state_code));
            if before.is_some_and(|code| code != p.row.state_code) {
                view_version.update(|v| *v += 1);
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
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading what the job shows…"</p> }>
            {move || Suspend::new(async move {
                // An error is already shown above, with the job.
                view.await.ok().map(|data| view! { <ViewPanel view=data.view state=data.row.state/> })
            })}
        </Transition>
    }
    .into_any()
}
