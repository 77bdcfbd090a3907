//! The console's wasm entry point. `HydrationScripts` in `app::shell` loads
//! `/pkg/console.js`, which calls [`hydrate`] once `/pkg/console.wasm` is instantiated.

// Deeply nested view types of the hydrated app exceed the default query depth in release.
#![recursion_limit = "256"]

use wasm_bindgen::prelude::wasm_bindgen;

/// Attaches the reactive app to the server-rendered `<body>`. The pages are lazily loaded
/// (`app::lazy_page`), so hydration waits for the current page's chunk before it walks the
/// page's HTML.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
