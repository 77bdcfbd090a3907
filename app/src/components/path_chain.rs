//! A path drawn as a chain of vertex names joined by arrows (job results and the
//! visualization page's path dumps).

use leptos::prelude::*;

/// One path, `nodes` in order; `label` names it for screen readers.
#[component]
pub(crate) fn PathChain(
    /// Vertex names along the path.
    nodes: Vec<String>,
    /// Accessible name of the chain.
    label: String,
) -> impl IntoView {
    let nodes = nodes
        .into_iter()
        .map(|v| view! { <li class="path-node">{v}</li> })
        .collect_view();
    view! { <ol class="path-chain" aria-label=label>{nodes}</ol> }
}
