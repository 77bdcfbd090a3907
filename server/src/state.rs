//! What every handler gets: the engine and the console's Leptos options.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// Shared, cheaply clonable application state.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The façade every handler calls.
    pub engine: engine::Engine,
    /// Console build settings (output name, site root).
    pub leptos_options: LeptosOptions,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for engine::Engine {
    fn from_ref(state: &AppState) -> Self {
        state.engine.clone()
    }
}
