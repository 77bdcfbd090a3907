//! "Explore from a vertex": a GET form to the graph explorer (`/explore`) with the graph
//! filled in. Every role may explore (it only reads).

use leptos::prelude::*;

/// The form.
#[component]
pub(crate) fn ExploreForm(
    /// The graph.
    name: String,
) -> impl IntoView {
    view! {
        <form class="explore-form" method="get" action="/explore" aria-label="Explore the graph">
            <input type="hidden" name="graph" value=name/>
            <label for="explore-vertex">"Explore from vertex"</label>
            <input id="explore-vertex" name="vertex" type="search" required placeholder="a vertex id"/>
            <button type="submit">"Explore"</button>
        </form>
    }
}
