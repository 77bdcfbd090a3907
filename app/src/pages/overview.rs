//! Overview: jobs per state, what is running, the latest failures and the graphs, refreshed
//! live while anything is queued or running.

mod api;
mod graph_sizes;
mod overview_page;
mod recent_failures;
mod running_jobs;
mod state_counts;

pub(crate) use overview_page::{OverviewPage, OverviewPageBody};
