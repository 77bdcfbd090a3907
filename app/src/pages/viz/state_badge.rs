//! A visualization job's status as a coloured badge (`.viz-badge-running` … in
//! `style/viz.css`, reusing the jobs' state colours).

use api::console::viz::VIZ_STATES;
use leptos::prelude::*;

/// `<span class="badge viz-badge-running">RUNNING</span>`; an unknown word gets a neutral badge.
#[component]
pub(crate) fn VizStateBadge(
    /// Status word (`INIT` … `KILLED`).
    state: String,
) -> impl IntoView {
    let class = if VIZ_STATES.iter().any(|(_, w)| *w == state) {
        format!("badge viz-badge-{}", state.to_ascii_lowercase())
    } else {
        "badge".to_string()
    };
    view! { <span class=class>{state}</span> }
}
