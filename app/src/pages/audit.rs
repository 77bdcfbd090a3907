//! `/audit`: the project's audit log (who changed what, and what was refused), newest first,
//! with its filters and page marker in the URL. Only an admin reads it, as on the REST surface
//! (`GET /v3/{project_id}/traces`); the whole page is server HTML, nothing on it changes in
//! place.

mod api;
mod audit_page;
mod audit_query;
#[cfg(feature = "ssr")]
mod audit_table;

/// Its reads, by type, for the console's table of server functions (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) use api::AuditHtml;
pub(crate) use audit_page::AuditLog;
