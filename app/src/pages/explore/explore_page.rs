//! The explorer page: the search form (a GET form, so the request is the URL), the canvas with
//! that request in its `data-` attributes, the side panel the script fills, and the script.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Neighbours of each vertex drawn at first, and per "load more".
const CAP: &str = "25";

/// `/explore?graph=G&vertex=V[&hops=H&cap=C&job=ID&column=C]`, or `/explore?path=ID` for a
/// path result.
#[component]
pub(crate) fn ExplorePage() -> impl IntoView {
    let q = use_query_map();
    let get = |k: &str, default: &str| {
        q.with_untracked(|m| m.get(k))
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| default.to_owned())
    };
    let (graph, vertex, job, column) = (
        get("graph", ""),
        get("vertex", ""),
        get("job", ""),
        get("column", ""),
    );
    let (hops, cap, path) = (get("hops", "1"), get("cap", CAP), get("path", ""));
    let asked = !path.is_empty() || (!graph.is_empty() && !vertex.is_empty());
    let field = |id: &'static str, label: &'static str, value: String, hint: &'static str| {
        view! {
            <div class="field">
                <label for=format!("explore-{id}")>{label}</label>
                <input id=format!("explore-{id}") name=id type="search" value=value placeholder=hint/>
            </div>
        }
    };
    view! {
        <Title text="Graph explorer"/>
        <div class="page-head">
            <h1>"Graph explorer"</h1>
        </div>
        <div class="filters" role="search" aria-label="Open a vertex">
            <form method="get" action="/explore">
                {field("graph", "Graph", graph.clone(), "movie")}
                {field("vertex", "Vertex id", vertex.clone(), "a vertex id")}
                {field("hops", "Hops", hops.clone(), "1")}
                {field("job", "Colour by job", job.clone(), "a job id (optional)")}
                {field("column", "Column", column.clone(), "its result column")}
                <div class="filter-actions">
                    <button type="submit" class="primary">"Open"</button>
                </div>
            </form>
        </div>
        {(!asked).then(|| view! {
            <p class="empty">"Give a graph and a vertex id, or open one from a job's result table or a graph's page."</p>
        })}
        {asked.then(|| view! {
            <div class="explorer">
                <canvas id="explorer" class="explorer-canvas" tabindex="0"
                    aria-label="Graph drawing: drag to pan, wheel to zoom, drag a vertex to pin it, double-click to expand"
                    data-graph=graph data-vertex=vertex data-job=job data-column=column
                    data-hops=hops data-cap=cap data-path=path data-state="loading"></canvas>
                <aside id="explorer-panel" class="explorer-panel" aria-live="polite">
                    <p id="explorer-status">"Loading…"</p>
                    <div id="explorer-legend"></div>
                    <div id="explorer-selection"></div>
                </aside>
                <div id="explorer-tip" class="explorer-tip" hidden></div>
            </div>
            <script type="module" src="/explore/explore.js"></script>
        })}
    }
}
