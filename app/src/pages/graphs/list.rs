//! `/graphs`: the project's graphs with their sizes, label counts and versions. The table is
//! server HTML (`crate::server_html`): nothing on the page changes in place.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::graph_list_html;
use crate::server_html::ServerPart;

/// The graphs table page.
#[component]
pub(crate) fn GraphList() -> impl IntoView {
    let load = || {
        let html = graph_list_html();
        async move { html.await.map(Some) }
    };
    let import = crate::page_role::page_role().may_administer().then(|| {
        view! { <a class="button primary" href="/graphs/import">"Import graph"</a> }
    });
    view! {
        <Title text="Graphs"/>
        <div class="page-head">
            <h1>"Graphs"</h1>
            {import}
        </div>
        <crate::areas::GraphsArea view=crate::areas::GraphsView::List>
            <ServerPart load loading="Loading graphs…" show_error=true/>
        </crate::areas::GraphsArea>
    }
}

/// The page's part in its island (hydrated in `crate::areas`): `table`, as the server rendered
/// it.
#[component]
pub(crate) fn GraphListBody(
    /// The graphs table, rendered by the server.
    table: Children,
) -> impl IntoView {
    table()
}
