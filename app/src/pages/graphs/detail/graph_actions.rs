//! "Import more data", "Clear data" and "Delete graph", the last two forms behind an inline
//! confirmation whose question names the graph (`components::ActConfirm`), carried out by the
//! page's island.

use leptos::prelude::*;

use crate::components::{ActConfirm, ActRequest};

/// The graph's actions.
#[component]
pub(crate) fn GraphActions(
    /// The graph.
    name: String,
) -> impl IntoView {
    let action = |url, act| ActRequest {
        url,
        act,
        field: "name",
        value: name.clone(),
    };
    view! {
        <div class="graph-actions">
            <a class="button" href=format!("/graphs/import?graph={name}")>"Import more data"</a>
            <ActConfirm
                action=action("/rpc/clear_graph", "clear")
                label="Clear data"
                question=format!("Remove every vertex and edge of graph {name}? Its schema stays.")
                confirm_label=format!("Yes, clear {name}")
                dismiss_label="Keep it"
            />
            <ActConfirm
                action=action("/rpc/delete_graph", "delete")
                label="Delete graph"
                question=format!("Delete graph {name} and all its data?")
                confirm_label=format!("Yes, delete {name}")
                dismiss_label="Keep it"
            />
        </div>
    }
}
