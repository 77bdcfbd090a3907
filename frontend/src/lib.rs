//! The console's wasm entry point. `HydrationScripts` (islands mode) in `app::shell` loads
//! `/pkg/console.js`, which calls [`hydrate`] once `/pkg/console.wasm` is instantiated and
//! then hydrates each `<leptos-island>` of the page, loading its chunk first.

// Deeply nested view types exceed the default query depth in release.
#![recursion_limit = "256"]

use wasm_bindgen::prelude::wasm_bindgen;

/// Starts the reactive runtime for the page's islands (`app::hydrate`).
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::hydrate();
}
