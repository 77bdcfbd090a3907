//! What every handler gets: the engine and the console's Leptos options.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// Shared, cheaply clonable application state.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// The façade every handler calls.
    pub engine: engine::Engine,
    /// Console build settings (output name, site root).
    pub leptos_options: LeptosOptions,
}
