//! Going to another page from an island. Islands have no client-side router (the router runs
//! on the server only), so a page change is a plain browser navigation: the server renders the
//! next page, and its island hydrates.

/// Loads `url` (same origin, path and query) as the next page, keeping the history entry.
pub(crate) fn go(url: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = leptos::prelude::window().location().assign(url);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}
