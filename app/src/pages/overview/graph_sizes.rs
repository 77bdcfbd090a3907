//! The project's graphs with their sizes.

use api::console::GraphSummary;
use leptos::prelude::*;

use crate::list::DataTable;
use crate::pages::graphs::graph_href;

/// A small table of graphs, or (with `import`) a link to import the first one.
#[component]
pub(crate) fn GraphSizes(
    /// The graphs.
    graphs: Vec<GraphSummary>,
    /// Whether the signed-in role may import (an admin).
    import: bool,
) -> impl IntoView {
    let body = if graphs.is_empty() {
        let link = import.then(|| view! { <a href="/graphs/import">"Import a graph"</a> });
        view! { <p class="muted">"No graphs yet. " {link}</p> }.into_any()
    } else {
        let rows = graphs
            .into_iter()
            .map(|g| {
                view! {
                    <tr>
                        <th scope="row"><a href=graph_href(&g.name)>{g.name.clone()}</a></th>
                        <td class="num">{g.vertices}</td>
                        <td class="num">{g.edges}</td>
                        <td class="num">{g.version}</td>
                    </tr>
                }
            })
            .collect_view();
        view! { <DataTable class="data graphs" caption="Graph sizes" columns=&["Graph", "Vertices", "Edges", "Version"] num=&[1, 2, 3]>{rows}</DataTable> }
        .into_any()
    };
    view! {
        <section aria-labelledby="graph-sizes-heading">
            <div class="section-head">
                <h2 id="graph-sizes-heading">"Graphs"</h2>
                <a href="/graphs">"All graphs"</a>
            </div>
            {body}
        </section>
    }
    .into_any()
}
