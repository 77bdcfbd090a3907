//! Path results: each path as a chain of labelled nodes.

use leptos::prelude::*;

use crate::components::PathList;

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
    let chains: Vec<(Vec<String>, String)> = paths
        .into_iter()
        .enumerate()
        .map(|(i, path)| {
            let label = format!("Path {}: {}", i + 1, path.join(" → "));
            (path, label)
        })
        .collect();
    let empty = (shown == 0).then(|| view! { <p class="muted">"The dump holds no paths."</p> });
    view! {
        <p class="muted">{format!("Showing {shown} of {total} paths from job ")}<span class="mono">{job_id}</span></p>
        {empty}
        <PathList paths=chains/>
    }
}
