//! The overview's server HTML, which [`overview_live`](super::api::overview_live) returns. Apart
//! from the page (`overview_page`), which calls that server function, so that the two do not
//! import each other.

use leptos::prelude::*;

/// The overview as HTML; `role` decides whether an empty project links to the import form.
pub(crate) fn render(o: api::console::graphs::Overview, role: api::console::Role) -> String {
    use super::{
        graph_sizes::GraphSizes, recent_failures::RecentFailures, running_jobs::RunningJobs,
        state_counts::StateCounts,
    };
    crate::server_html::render(|| {
        view! {
            <StateCounts counts=o.counts/>
            <div class="overview-grid">
                <RunningJobs jobs=o.running total=o.running_total now_ms=o.now_ms/>
                <RecentFailures failures=o.failures/>
            </div>
            <GraphSizes graphs=o.graphs import=role.may_administer()/>
        }
    })
}
