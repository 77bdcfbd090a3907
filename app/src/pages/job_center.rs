//! The job center and HyG: the management plane's jobs (imports, graph create/clear/delete,
//! exports) with the status words the v2 API uses, and the project's HyG views with
//! cancel-all-queued.

mod api;
mod hyg_page;
mod job_center_page;

pub(crate) use hyg_page::{HygPage, HygPageBody};
pub(crate) use job_center_page::{JobCenterBody, JobCenterPage};
