//! `/graphs/import?graph=NAME`: the import form, posted as `multipart/form-data` so files
//! chosen in the browser go with it. Before the wasm loads it is a plain form post; after, the
//! same form data is sent by the action. On success the server function sends the browser to
//! the new job's page; a refusal is shown above the Import button with its GES code.

mod import_form;

use api::console::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use self::import_form::ImportFormView;
use super::upload_api::import_action;
use crate::components::RoleNotice;
use crate::page_data::page_data;
use crate::pages::run::list_graphs;

/// The import page: the form for an admin, and for another role what it would need.
#[component]
pub(crate) fn ImportGraph() -> impl IntoView {
    let graph = use_query_map().with_untracked(|q| q.get("graph").unwrap_or_default());
    let role = crate::page_role::page_role();
    let body = if role.may_administer() {
        view! {
            <crate::areas::GraphsArea view=crate::areas::GraphsView::Import { graph }>""</crate::areas::GraphsArea>
        }
        .into_any()
    } else {
        view! {
            <p class="breadcrumb"><a href="/graphs">"← Graphs"</a></p>
            <h1>"Import graph"</h1>
            <RoleNotice role needs=Role::Admin what="import graphs"/>
        }
        .into_any()
    };
    view! {
        <Title text="Import graph"/>
        {body}
    }
}

/// The import page's interactive part.
#[component]
pub(crate) fn ImportGraphBody(
    /// The graph named in the URL (`?graph=`), or empty.
    graph: String,
) -> impl IntoView {
    let graphs = page_data(|| (), |_| list_graphs());
    let submit = import_action();
    // The existing graphs, offered as suggestions for the name (a new name creates a graph).
    let suggestions = move || {
        Suspend::new(async move {
            let names: Vec<String> = graphs
                .await
                .map(|gs| gs.into_iter().map(|g| g.name).collect())
                .unwrap_or_default();
            view! {
                <datalist id="graph-names">
                    {names.into_iter().map(|n| view! { <option value=n/> }).collect_view()}
                </datalist>
            }
        })
    };
    view! {
        <p class="breadcrumb"><a href="/graphs">"← Graphs"</a></p>
        <h1>"Import graph"</h1>
        <p class="muted">
            "Loads a schema and CSV files into a new graph, or adds them to an existing one. "
            "Local paths are absolute " <code>"file:///…"</code> " paths below the server's data "
            "directory or an import root; OBS paths are " <code>"bucket/path"</code> "."
        </p>
        <ImportFormView submit graph/>
        <Transition fallback=|| ()>{suggestions}</Transition>
    }
    .into_any()
}
