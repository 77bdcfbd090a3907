//! Starting the islands, and the hydration marker.
//!
//! The console runs in Leptos' islands mode: pages are rendered on the server, and only each
//! page's body is hydrated, inside its area's island (`crate::areas`), whose code is fetched
//! as wasm chunks of its own. The router and the frame never reach the browser.
//!
//! End-to-end tests wait for `<body data-hydrated="true">` before clicking, because a click
//! that lands before the wasm has loaded is silently lost.

use leptos::prelude::*;

/// The browser entry point (`frontend` calls it, Leptos' island script runs it before it
/// hydrates each `<leptos-island>`). A page without an island is as interactive as it gets
/// once the wasm is here, so the marker is set at once; pages with one wait for it.
#[cfg(feature = "hydrate")]
pub(crate) fn start() {
    leptos::mount::hydrate_islands();
    // A server function that answers with a redirect (an import's job page, sign-in) is
    // followed by the router's hook in a routed app; islands have no router in the browser.
    let _ = leptos::server_fn::redirect::set_redirect_hook(crate::navigate::go);
    crate::keys::start();
    let doc = document();
    let has_island = doc.query_selector("leptos-island").ok().flatten().is_some();
    if !has_island && let Some(body) = doc.body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}

/// Sets `data-hydrated="true"` on `<body>` once the calling island has hydrated. Effects never
/// run during server rendering, so the attribute only ever appears in the browser.
pub(crate) fn mark_hydrated() {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
