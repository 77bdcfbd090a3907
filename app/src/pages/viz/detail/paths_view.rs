//! Path results: each path as a chain of labelled nodes.

use leptos::prelude::*;

use crate::components::PathChain;

/// The first paths of a path dump.
#[component]
pub(crate) fn PathsView(
    /// Job whose dump this is.
    job_id: String,
    /// Paths in the dump.
    total: u64,
    /// The paths shown, each a vertex sequence.
    paths: Vec<Vec<String>>,
) -> impl IntoView {
    let shown = paths.len();
    let chains = paths
        .into_iter()
        .enumerate()
        .map(|(i, path)| {
            let label = format!("Path {}: {}", i + 1, path.join(" → "));
            let hops = path.len().saturating_sub(1);
            view! {
                <li class="path">
                    <span class="path-hops muted">{crate::format::hops(hops)}</span>
                    <PathChain nodes=path label/>
                </li>
            }
        })
        .collect_view();
    let empty = (shown == 0).then(|| view! { <p class="muted">"The dump holds no paths."</p> });
    view! {
        <p class="muted">{format!("Showing {shown} of {total} paths from job ")}<span class="mono">{job_id}</span></p>
        {empty}
        <ol class="paths">{chains}</ol>
    }
}
