//! The job center and HyG: the management plane's jobs (imports, graph create/clear/delete,
//! exports) with the status words the v2 API uses, the project's HyG views with
//! cancel-all-queued, and the form that runs a HyG dsl script.

mod api;
#[cfg(feature = "ssr")]
mod center_table;
mod dsl_api;
mod dsl_fields;
#[cfg(feature = "ssr")]
mod dsl_form;
mod dsl_page;
mod dsl_submit_api;
mod hyg_api;
mod hyg_page;
#[cfg(feature = "ssr")]
mod hyg_table;
mod job_center_page;

pub(crate) use dsl_page::DslPage;
pub(crate) use hyg_page::{HygPage, HygPageBody};
pub(crate) use job_center_page::{JobCenterBody, JobCenterPage};
/// Its reads, by type, for the console's table of server functions (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) use {
    api::{CenterLive, HygViewsHtml},
    dsl_api::DslFormHtml,
};
/// Its server functions that change something, by type, for the console's audit
/// (`crate::console_audit`).
#[cfg(feature = "ssr")]
pub(crate) use {dsl_submit_api::SubmitDsl, hyg_api::CancelQueuedHyg};
