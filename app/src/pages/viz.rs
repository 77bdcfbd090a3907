//! Visualization jobs (ModelArts): the jobs table, the create form and a job's page with the
//! charts of what it shows.

mod act_api;
#[cfg(feature = "ssr")]
mod action_forms;
mod actions;
mod api;
mod create;
mod detail;
#[cfg(feature = "ssr")]
mod detail_html;
mod list;
#[cfg(feature = "ssr")]
mod list_html;
mod list_query;
mod rules;
#[cfg(feature = "ssr")]
mod state_badge;

/// Its reads, by type, for the console's table of server functions (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) use api::{VizJobHtml, VizJobLive, VizListLive};
pub(crate) use create::{CreateViz, CreateVizBody};
pub(crate) use detail::{VizDetail, VizDetailBody};
pub(crate) use list::{VizList, VizListBody};
pub(crate) use list_query::VizQuery;
/// Its server functions that change something, by type, for the console's audit
/// (`crate::console_audit`).
#[cfg(feature = "ssr")]
pub(crate) use {
    act_api::{DeleteVizJob, RestartVizJob, StopVizJob},
    api::CreateVizJob,
};
