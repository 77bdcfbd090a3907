//! One graph's page below its heading as server HTML, which
//! [`graph_html`](super::api::graph_html) returns to the page (`detail`). Apart from that page,
//! which calls the server function, so that the two do not import each other.

mod explore_form;
mod facts;
mod graph_actions;
mod label_counts;
mod recent_jobs;
mod schema;

use leptos::prelude::*;

/// `data`, one graph's page below its heading, as HTML, with the actions `role` may use.
pub(crate) fn render(data: api::console::graphs::GraphView, role: api::console::Role) -> String {
    use self::{
        explore_form::ExploreForm, facts::GraphFacts, graph_actions::GraphActions,
        label_counts::LabelCounts, recent_jobs::RecentJobs, schema::SchemaCards,
    };
    crate::server_html::render(|| {
        let name = data.detail.row.name.clone();
        view! {
            <GraphActions name=name.clone() role/>
            <ExploreForm name=name.clone()/>
            <GraphFacts detail=data.detail.clone()/>
            <LabelCounts labels=data.detail.labels.clone()/>
            <SchemaCards labels=data.detail.labels/>
            <RecentJobs graph=name jobs=data.recent_jobs total=data.total_jobs now_ms=data.now_ms/>
        }
    })
}
