//! Paths drawn as chains of vertex names joined by arrows, each with its hop count (job
//! results and the visualization page's path dumps).

use leptos::prelude::*;

use crate::format::hops;

/// A list of paths: each `(vertices in order, accessible name of the chain)`.
#[component]
pub(crate) fn PathList(
    /// The paths and their names.
    paths: Vec<(Vec<String>, String)>,
) -> impl IntoView {
    let items = paths
        .into_iter()
        .map(|(nodes, label)| {
            let count = hops(nodes.len().saturating_sub(1));
            let nodes = nodes
                .into_iter()
                .map(|v| view! { <li class="path-node">{v}</li> })
                .collect_view();
            view! {
                <li class="path">
                    <span class="path-hops muted">{count}</span>
                    <ol class="path-chain" aria-label=label>{nodes}</ol>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="paths">{items}</ol> }
}
