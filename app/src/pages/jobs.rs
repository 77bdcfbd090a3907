//! Jobs: the live jobs table and the job detail page with its paged result.

mod api;
mod cancel_control;
mod detail;
mod list;
#[cfg(feature = "ssr")]
mod sections;

/// Its server functions that change something, by type, for the console's audit
/// (`crate::console_audit`).
#[cfg(feature = "ssr")]
pub(crate) use api::{CancelJob, CancelMatching, CancelSelected, DumpResult, RerunJob};
/// Its reads, by type, for the console's table of server functions (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) use api::{CountCancellable, JobLive, ListJobs};
pub(crate) use detail::{JobDetail, JobDetailBody};
pub(crate) use list::{JobList, JobListBody};
