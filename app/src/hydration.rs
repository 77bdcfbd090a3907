//! The hydration marker: end-to-end tests wait for `<body data-hydrated="true">` before
//! clicking, because a click that lands before the wasm has loaded is silently lost.

use leptos::prelude::*;

/// Sets `data-hydrated="true"` on `<body>` once the app has hydrated. Effects never run during
/// server rendering, so the attribute only ever appears in the browser.
pub(crate) fn mark_hydrated() {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
