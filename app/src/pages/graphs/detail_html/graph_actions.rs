//! "Import more data", "Clear data" and "Delete graph", the last two forms behind an inline
//! confirmation whose question names the graph (`components::ActConfirm`), carried out by the
//! page's island. All three change the graph, so only an admin sees them.

use api::console::Role;
use leptos::prelude::*;

use crate::components::{ActConfirm, ActRequest};

/// The graph's actions.
#[component]
pub(crate) fn GraphActions(
    /// The graph.
    name: String,
    /// The signed-in token's role.
    role: Role,
) -> impl IntoView {
    if !role.may_administer() {
        return ().into_any();
    }
    use crate::pages::graphs::act_api::{ClearGraph, DeleteGraph};
    let clear = ActRequest::to::<ClearGraph>("name", name.clone());
    let delete = ActRequest::to::<DeleteGraph>("name", name.clone());
    view! {
        <div class="graph-actions">
            <a class="button" href=format!("/graphs/import?graph={name}")>"Import more data"</a>
            <ActConfirm
                action=clear
                label="Clear data"
                question=format!("Remove every vertex and edge of graph {name}? Its schema stays.")
                confirm_label=format!("Yes, clear {name}")
                dismiss_label="Keep it"
            />
            <ActConfirm
                action=delete
                label="Delete graph"
                question=format!("Delete graph {name} and all its data?")
                confirm_label=format!("Yes, delete {name}")
                dismiss_label="Keep it"
            />
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_markup::Markup;

    fn render(role: Role) -> String {
        Owner::new().with(|| view! { <GraphActions name="movie".to_owned() role/> }.markup())
    }

    #[test]
    fn only_an_admin_is_offered_import_clear_and_delete() {
        let html = render(Role::Admin);
        for needle in [
            "/graphs/import?graph=movie",
            "/rpc/clear_graph",
            "/rpc/delete_graph",
        ] {
            assert!(html.contains(needle), "{needle}: {html}");
        }
        for role in [Role::Viewer, Role::Operator] {
            let html = render(role);
            assert!(!html.contains("graph-actions"), "{role:?}: {html}");
        }
    }
}
