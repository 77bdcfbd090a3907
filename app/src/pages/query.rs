//! `/query`: a vertex or edge filter query, a k-hop filtered query or a path query, run as a
//! job. The form is drawn by the server and posted as a plain form (no island, so no wasm of
//! its own): the server function queues the job and sends the browser to its page, where the
//! vertices or edges page with their properties as columns; a refused query comes back to the
//! form with what was typed and the reason.

mod api;
#[cfg(feature = "ssr")]
mod query_body;
mod query_fields;
#[cfg(feature = "ssr")]
mod query_form;
mod query_page;
mod submit_api;

/// Its reads, by type, for the console's table of server functions (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) use api::QueryFormHtml;
pub(crate) use query_page::QueryPage;
/// Its server functions that change something, by type, for the console's audit
/// (`crate::console_audit`).
#[cfg(feature = "ssr")]
pub(crate) use submit_api::SubmitQuery;
