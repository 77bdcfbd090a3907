//! A job state as a coloured badge. The colours are defined once, in `style/main.css`
//! (`.badge-queued` … `.badge-cancelled`).

use leptos::prelude::*;

/// The internal job states, in lifecycle order.
const STATES: [&str; 6] = [
    "queued",
    "running",
    "cancelling",
    "succeeded",
    "failed",
    "cancelled",
];

/// Whether a job in `state` can still change (so a page showing it stays live).
pub(crate) fn is_active(state: &str) -> bool {
    matches!(state, "queued" | "running" | "cancelling")
}

/// `<span class="badge badge-running">running</span>`; an unknown state gets a neutral badge.
#[component]
pub(crate) fn StateBadge(
    /// Internal state word (`queued`, `running`, `cancelling`, `succeeded`, `failed`, `cancelled`).
    state: String,
) -> impl IntoView {
    let class = if STATES.contains(&state.as_str()) {
        format!("badge badge-{state}")
    } else {
        "badge".to_string()
    };
    view! { <span class=class>{state}</span> }
}
