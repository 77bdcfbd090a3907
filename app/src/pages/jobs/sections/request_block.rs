//! The job's original request, pretty-printed (secrets were redacted by the engine).

use leptos::prelude::*;
use serde_json::Value;

/// The request body as indented JSON.
#[component]
pub(crate) fn RequestBlock(
    /// The stored request.
    request: Value,
) -> impl IntoView {
    let text = serde_json::to_string_pretty(&request).unwrap_or_else(|_| request.to_string());
    view! {
        <section class="card" aria-labelledby="request-heading">
            <h2 id="request-heading">"Request"</h2>
            <pre class="json"><code>{text}</code></pre>
        </section>
    }
}
