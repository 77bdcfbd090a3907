//! `/hyg`: the project's HyG views (REFERENCE §13) with their sync state and sizes, a link to
//! each view's jobs, and "Cancel all queued" (a bulk action recorded as a `CancelJobs` job).
//!
//! The heading and the table are server HTML (`crate::server_html`); the island carries out
//! "Cancel all queued", says what it did, and puts the server's fresh render of the table in
//! place.

#[cfg(feature = "ssr")]
use api::console::HygViewRow;
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{CancelQueuedHyg, hyg_views_html};
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
            cancel.dispatch(CancelQueuedHyg { graph: act.id });
        })}
    }
}

/// `rows` as the table's HTML (or the empty state's).
#[cfg(feature = "ssr")]
pub(crate) fn render(rows: Vec<HygViewRow>, cancel: bool) -> String {
    crate::server_html::render(|| view! { <HygTable rows cancel/> })
}

/// The views; with `cancel` (a role that may cancel) each row's "Cancel all queued".
#[cfg(feature = "ssr")]
#[component]
fn HygTable(rows: Vec<HygViewRow>, cancel: bool) -> impl IntoView {
    use crate::components::{ActConfirm, ActRequest};
    if rows.is_empty() {
        return view! {
            <div class="empty"><p>"No HyG views yet. Create one with "<code>"POST /ges/v1.0/{project_id}/hyg/{graph_name}"</code>"."</p></div>
        }
        .into_any();
    }
    let body = rows
        .into_iter()
        .map(|v| {
            let action = ActRequest {
                url: "/rpc/cancel_queued_hyg",
                act: "cancel-queued",
                field: "graph",
                value: v.name.clone(),
            };
            view! {
                <tr>
                    <td>{v.name.clone()}</td>
                    <td>{if v.synced { "yes" } else { "not yet" }}</td>
                    <td class="num">{v.vertices}</td>
                    <td class="num">{v.edges}</td>
                    <td>{if v.in_edge { "kept" } else { "—" }}</td>
                    <td>{v.updated}</td>
                    <td class="actions">
                        <a href=format!("/jobs?graph={}", v.name)>"Jobs"</a>
                        {cancel.then(|| view! {
                            " "
                            <ActConfirm
                                action
                                label="Cancel all queued"
                                question="Cancel every queued HyG job of this graph?"
                                confirm_label="Yes, cancel them"
                                dismiss_label="Keep them"
                            />
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">"HyG views"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Graph"</th>
                        <th scope="col">"Synced"</th>
                        <th scope="col">"Vertices"</th>
                        <th scope="col">"Edges"</th>
                        <th scope="col">"In-edges"</th>
                        <th scope="col">"Updated"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}
