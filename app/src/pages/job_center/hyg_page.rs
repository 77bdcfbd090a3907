//! `/hyg`: the project's HyG views (REFERENCE §13) with their sync state and sizes, a link to
//! each view's jobs, and "Cancel all queued" (a bulk action recorded as a `CancelJobs` job).
//!
//! The heading and the table are server HTML (`crate::server_html`); the island carries out
//! "Cancel all queued", says what it did, and puts the server's fresh render of the table in
//! place.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::hyg_views_html;
use super::hyg_api::CancelQueuedHyg;
use crate::components::ErrorNotice;
use crate::format::short_id;
use crate::server_html::{LivePart, ServerPart};

/// The HyG page.
#[component]
pub(crate) fn HygPage() -> impl IntoView {
    let load = || {
        let html = hyg_views_html();
        async move { html.await.map(Some) }
    };
    let script = crate::page_role::page_role()
        .may_operate()
        .then(|| view! { <a href="/hyg/dsl">"Run a script"</a>" on a synced view." });
    view! {
        <Title text="HyG"/>
        <h1>"HyG views"</h1>
        <p class="description">
            "HyG jobs of one graph run one at a time, in the order they were submitted. "
            {script}
        </p>
        <crate::areas::CenterArea view=crate::areas::CenterView::Hyg>
            <ServerPart load loading="Loading HyG views…" show_error=true/>
        </crate::areas::CenterArea>
    }
}

/// The page's interactive part (hydrated in `crate::areas`): `table`, the views as the server
/// rendered them, and what "Cancel all queued" did.
#[component]
pub(crate) fn HygPageBody(
    /// The views' table, rendered by the server.
    table: Children,
) -> impl IntoView {
    let cancel = ServerAction::<CancelQueuedHyg>::new();
    let part = LivePart::new();
    // Each answer can change the table (a view's queue): put its fresh render in place.
    Effect::new(move |_| {
        if cancel.version().get() > 0 {
            leptos::task::spawn_local(async move {
                if let Ok(html) = hyg_views_html().await {
                    part.show(html);
                }
            });
        }
    });
    let outcome = move || {
        cancel.value().get().map(|r| match r {
            Ok((parent, n)) => view! {
                <p class="notice notice-ok" role="status">
                    {format!("Cancelled {n} queued HyG {}. Recorded as job ", if n == 1 { "job" } else { "jobs" })}
                    <a href=format!("/jobs/{parent}")>{short_id(&parent)}</a> "."
                </p>
            }
            .into_any(),
            Err(error) => view! { <ErrorNotice error/> }.into_any(),
        })
    };
    view! {
        {outcome}
        {part.acting("hyg-part", table, move |act| {
            if act.is::<CancelQueuedHyg>() {
                cancel.dispatch(CancelQueuedHyg { graph: act.id });
            }
        })}
    }
}
