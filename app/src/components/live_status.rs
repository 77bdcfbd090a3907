//! How a job page is kept live, in words: pushed by the server, or polling while the stream
//! is down (see `crate::live`).

use leptos::prelude::*;

use crate::live::LiveMode;

/// Says how the page is kept live, once it is hydrated.
#[component]
pub(crate) fn LiveStatus(
    /// From `crate::live::use_job_updates`.
    mode: ReadSignal<LiveMode>,
) -> impl IntoView {
    view! {
        <p class="live-status" role="status" data-live=move || match mode.get() {
            LiveMode::Starting => "starting",
            LiveMode::Pushed => "pushed",
            LiveMode::Polling => "polling",
        }>
            {move || match mode.get() {
                LiveMode::Starting => "",
                LiveMode::Pushed => "● Live",
                LiveMode::Polling => "Live updates interrupted — checking every second",
            }}
        </p>
    }
}
