//! Overview: jobs per state, what is running, the latest failures and the graphs, refreshed
//! live while anything is queued or running.

mod api;
#[cfg(feature = "ssr")]
mod graph_sizes;
#[cfg(feature = "ssr")]
mod overview_html;
mod overview_page;
#[cfg(feature = "ssr")]
mod recent_failures;
#[cfg(feature = "ssr")]
mod running_jobs;
#[cfg(feature = "ssr")]
mod state_counts;

/// Its reads, by type, for the console's table of server functions (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) use api::OverviewLive;
pub(crate) use overview_page::{OverviewPage, OverviewPageBody};
