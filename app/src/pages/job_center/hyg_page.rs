//! `/hyg`: the project's HyG views (REFERENCE §13) with their sync state and sizes, a link to
//! each view's jobs, and "Cancel all queued" (a bulk action recorded as a `CancelJobs` job).

use api::console::HygViewRow;
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{CancelQueuedHyg, list_hyg_views};
use crate::components::{ConfirmButton, ErrorNotice};
use crate::format::short_id;
use crate::page_data::page_data;

/// The HyG page.
#[component]
pub(crate) fn HygPage() -> impl IntoView {
    view! {
        <Title text="HyG"/>
        <crate::areas::CenterArea view=crate::areas::CenterView::Hyg>""</crate::areas::CenterArea>
    }
}

/// The page's interactive part (hydrated in `crate::areas`).
#[component]
pub(crate) fn HygPageBody() -> impl IntoView {
    let cancel = ServerAction::<CancelQueuedHyg>::new();
    let confirming = RwSignal::new(None::<String>);
    let views = page_data(move || cancel.version().get(), |_| list_hyg_views());
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
        <h1>"HyG views"</h1>
        <p class="description">"HyG jobs of one graph run one at a time, in the order they were submitted."</p>
        {outcome}
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading HyG views…"</p> }>
            {move || Suspend::new(async move {
                match views.await {
                    Ok(rows) if rows.is_empty() => view! {
                        <div class="empty"><p>"No HyG views yet. Create one with "<code>"POST /ges/v1.0/{project_id}/hyg/{graph_name}"</code>"."</p></div>
                    }
                    .into_any(),
                    Ok(rows) => view! { <HygTable rows confirming cancel/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn HygTable(
    rows: Vec<HygViewRow>,
    confirming: RwSignal<Option<String>>,
    cancel: ServerAction<CancelQueuedHyg>,
) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|v| {
            let name = v.name.clone();
            let open = {
                let name = name.clone();
                Signal::derive(move || confirming.with(|c| c.as_deref() == Some(name.as_str())))
            };
            let on_open = {
                let name = name.clone();
                Callback::new(move |()| confirming.set(Some(name.clone())))
            };
            let on_confirm = {
                let name = name.clone();
                Callback::new(move |()| {
                    cancel.dispatch(CancelQueuedHyg {
                        graph: name.clone(),
                    });
                    confirming.set(None);
                })
            };
            let on_dismiss = Callback::new(move |()| confirming.set(None));
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
                        " "
                        <ConfirmButton
                            label="Cancel all queued"
                            question="Cancel every queued HyG job of this graph?"
                            confirm_label="Yes, cancel them"
                            dismiss_label="Keep them"
                            open on_open on_confirm on_dismiss
                            pending=cancel.pending()
                        />
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
}
