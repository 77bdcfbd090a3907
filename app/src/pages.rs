//! The console's pages, one folder per area. Each area's server functions live in its
//! `api.rs`, next to the pages that call them.

mod auth;
mod jobs;
mod not_found;
mod run;

pub(crate) use auth::{SignInPage, SignOut, current_project};
pub(crate) use jobs::{JobDetail, JobList};
pub(crate) use not_found::NotFound;
pub(crate) use run::SubmitJob;
