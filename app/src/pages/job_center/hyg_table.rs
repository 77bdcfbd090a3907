//! The HyG views' table as server HTML, which [`hyg_views_html`](super::api::hyg_views_html)
//! returns to the page (`hyg_page`). Apart from that page, which calls the server function, so
//! that the two do not import each other.

use api::console::HygViewRow;
use leptos::prelude::*;

use crate::list::DataTable;

/// `rows` as the table's HTML (or the empty state's).
pub(crate) fn render(rows: Vec<HygViewRow>, cancel: bool) -> String {
    crate::server_html::render(|| view! { <HygTable rows cancel/> })
}

/// The views; with `cancel` (a role that may cancel) each row's "Cancel all queued".
#[component]
fn HygTable(rows: Vec<HygViewRow>, cancel: bool) -> impl IntoView {
    use super::hyg_api::CancelQueuedHyg;
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
            let action = ActRequest::to::<CancelQueuedHyg>("graph", v.name.clone());
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
    view! { <DataTable class="data" caption="HyG views" columns=&["Graph", "Synced", "Vertices", "Edges", "In-edges", "Updated", "Actions"]>{body}</DataTable> }
    .into_any()
}
