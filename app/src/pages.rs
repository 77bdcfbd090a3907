//! The console's pages, one folder per area. Each area's server functions live in its
//! `api.rs`, next to the pages that call them.

mod auth;
mod graphs;
mod job_center;
mod jobs;
mod not_found;
mod overview;
mod run;
mod viz;

pub(crate) use auth::{SignInPage, SignOut, SwitchProject, current_project};
pub(crate) use graphs::{GraphDetail, GraphList, ImportGraph};
pub(crate) use job_center::{HygPage, JobCenterPage};
pub(crate) use jobs::{JobDetail, JobList};
pub(crate) use not_found::NotFound;
pub(crate) use overview::OverviewPage;
pub(crate) use run::SubmitJob;
pub(crate) use viz::{CreateViz, VizDetail, VizList};
