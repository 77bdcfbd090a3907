//! Visualization jobs (ModelArts): the jobs table, the create form and a job's page with the
//! charts of what it shows.

mod actions;
mod api;
mod create;
mod detail;
mod list;
mod list_query;
mod rules;
#[cfg(feature = "ssr")]
mod state_badge;

pub(crate) use create::{CreateViz, CreateVizBody};
pub(crate) use detail::{VizDetail, VizDetailBody};
pub(crate) use list::{VizList, VizListBody};
pub(crate) use list_query::VizQuery;
