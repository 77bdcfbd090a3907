//! Job progress: a native `<progress>` (accessible as a progressbar) with the percentage
//! next to it, or "unknown" while the engine cannot tell.

use leptos::prelude::*;

/// Progress of a job, 0–100, or `None` when unknown.
#[component]
pub(crate) fn ProgressBar(
    /// Percent done.
    progress: Option<u8>,
) -> impl IntoView {
    match progress {
        Some(p) => {
            let p = p.min(100);
            view! {
                <span class="progress">
                    <progress max="100" value=p.to_string() aria-label="Progress">{format!("{p}%")}</progress>
                    <span class="progress-text">{format!("{p}%")}</span>
                </span>
            }
            .into_any()
        }
        None => view! { <span class="muted">"unknown"</span> }.into_any(),
    }
}
