//! What a console server function's call notes about itself for the audit middleware
//! (`console_audit`), beyond what its form fields say: its error (noted by `session::refuse`,
//! the boundary every error passes) and the graph of a form the middleware does not read.
//!
//! Its own module because both sides use it and neither should import the other: the session
//! (every server function's boundary) writes it, the audit middleware, which reads the
//! session, reads it.

use std::sync::{Arc, Mutex};

/// Where a server function notes what its form fields could not say: `session::refuse` its
/// error, and [`name_graph`] the graph of a form the middleware does not read (an import's
/// multipart form). A request extension, shared with the server function's copy of the request.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConsoleOutcome(Arc<Mutex<Noted>>);

/// What [`ConsoleOutcome`] holds.
#[derive(Debug, Default)]
struct Noted {
    refused: Option<(u16, String)>,
    graph: Option<String>,
}

impl ConsoleOutcome {
    /// Notes the call's error (the first one: what the caller was answered).
    pub(crate) fn refused(&self, status: u16, message: String) {
        self.noted().refused.get_or_insert((status, message));
    }

    /// What was noted: the error's status and message, and the graph named; both cleared.
    pub(crate) fn take(&self) -> (Option<(u16, String)>, Option<String>) {
        let Noted { refused, graph } = std::mem::take(&mut *self.noted());
        (refused, graph)
    }

    fn noted(&self) -> std::sync::MutexGuard<'_, Noted> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Names the graph the calling server function acts on, for its audit entry, when its form is
/// not one the middleware reads (a no-op outside an audited call).
pub(crate) fn name_graph(graph: &str) {
    use leptos::prelude::use_context;
    let outcome = use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<ConsoleOutcome>().cloned());
    if let Some(outcome) = outcome.filter(|_| !graph.trim().is_empty()) {
        outcome.noted().graph = Some(graph.trim().to_owned());
    }
}
