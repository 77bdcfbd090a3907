//! The console's pages, one folder per area. Each area's server functions live in its
//! `api.rs`, next to the pages that call them.

mod audit;
mod auth;
mod explore;
mod graphs;
mod job_center;
mod jobs;
mod not_found;
mod overview;
mod query;
mod run;
mod viz;

pub(crate) use audit::AuditLog;
pub(crate) use auth::{SignInPage, SignOut, SwitchProject, current_project};
pub(crate) use explore::ExplorePage;
pub(crate) use graphs::{GraphDetail, GraphList, ImportGraph};
pub(crate) use job_center::{DslPage, HygPage, JobCenterPage};
pub(crate) use jobs::{JobDetail, JobList};
pub(crate) use not_found::NotFound;
pub(crate) use overview::OverviewPage;
pub(crate) use query::QueryPage;
pub(crate) use run::SubmitJob;
pub(crate) use viz::{CreateViz, VizDetail, VizList};

/// The pages' interactive parts, hydrated by `crate::areas`.
pub(crate) use auth::SignInPageBody;
pub(crate) use graphs::{GraphDetailBody, GraphListBody, ImportGraphBody};
pub(crate) use job_center::{HygPageBody, JobCenterBody};
pub(crate) use jobs::{JobDetailBody, JobListBody};
pub(crate) use overview::OverviewPageBody;
pub(crate) use run::SubmitJobBody;
pub(crate) use viz::{CreateVizBody, VizDetailBody, VizListBody, VizQuery};

/// The server functions that change something, named by type for the console's audit
/// (`crate::console_audit`).
#[cfg(feature = "ssr")]
pub(crate) mod changing {
    pub(crate) use super::auth::SignIn;
    pub(crate) use super::graphs::{ClearGraph, DeleteGraph, UploadImport};
    pub(crate) use super::job_center::{CancelQueuedHyg, SubmitDsl};
    pub(crate) use super::jobs::{CancelJob, CancelMatching, CancelSelected, DumpResult, RerunJob};
    pub(crate) use super::query::SubmitQuery;
    pub(crate) use super::run::SubmitAlgorithm;
    pub(crate) use super::viz::{CreateVizJob, DeleteVizJob, RestartVizJob, StopVizJob};
    pub(crate) use crate::pages::SignOut;
}

/// The server functions that change nothing in the project (reads, and switching the
/// session's project), named by type for the console's table of server functions
/// (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) mod reading {
    pub(crate) use super::audit::AuditHtml;
    pub(crate) use super::auth::{CurrentProject, SwitchProject};
    pub(crate) use super::explore::{ExploreColumn, ExploreNeighbourhood, ExplorePath};
    pub(crate) use super::graphs::{GraphHtml, GraphListHtml};
    pub(crate) use super::job_center::{CenterLive, DslFormHtml, HygViewsHtml};
    pub(crate) use super::jobs::{CountCancellable, JobLive, ListJobs};
    pub(crate) use super::overview::OverviewLive;
    pub(crate) use super::query::QueryFormHtml;
    pub(crate) use super::run::{ListGraphs, RunFormHtml};
    pub(crate) use super::viz::{VizJobHtml, VizJobLive, VizListLive};
}
