//! Jobs: the live jobs table and the job detail page with its paged result.

mod api;
mod cancel_control;
mod detail;
mod list;
#[cfg(feature = "ssr")]
mod sections;

pub(crate) use detail::{JobDetail, JobDetailBody};
pub(crate) use list::{JobList, JobListBody};
