//! Run an algorithm: a form generated from the engine's algorithm catalogue.

mod api;
#[cfg(feature = "ssr")]
pub(crate) mod from_job;
mod run_checks;
#[cfg(feature = "ssr")]
mod run_form;
mod submit_job;

/// Its server functions that change something, by type, for the console's audit
/// (`crate::console_audit`).
#[cfg(feature = "ssr")]
pub(crate) use api::SubmitAlgorithm;
pub(crate) use api::list_graphs;
/// Its reads, by type, for the console's table of server functions (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) use api::{ListGraphs, RunFormHtml};
pub(crate) use submit_job::{SubmitJob, SubmitJobBody};
