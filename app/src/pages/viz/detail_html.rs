//! A visualization job's head and view as server HTML, which
//! [`viz_job_live`](super::api::viz_job_live) and [`viz_job_html`](super::api::viz_job_html)
//! return to its page (`detail`). Apart from that page, which calls the server functions, so
//! that the two do not import each other.

mod communities_view;
mod facts;
mod metric_view;
mod paths_view;
mod scalars_view;
mod view_panel;

use leptos::prelude::*;

/// The view of a job in state `state`, rendered to HTML.
pub(crate) fn render_view(view: Option<api::console::viz::VizView>, state: String) -> String {
    use self::view_panel::ViewPanel;
    crate::server_html::render(|| view! { <ViewPanel view state/> })
}

/// The heading (with the actions `row`'s state allows) and facts of job `row`, rendered to
/// HTML.
pub(crate) fn render_head(row: api::console::viz::VizRow) -> String {
    use self::facts::VizFacts;
    use super::action_forms::VizActionForms;
    crate::server_html::render(|| {
        view! {
            <div class="page-head">
                <h1>{row.name.clone()}</h1>
                <VizActionForms id=row.id allowed=row.actions/>
            </div>
            <VizFacts row/>
        }
    })
}

/// The page's two parts, each in the element the island puts its fresh render into.
pub(crate) fn render_parts(head: String, view: String) -> String {
    format!(r#"<div class="viz-head-part">{head}</div><div class="viz-view-part">{view}</div>"#)
}
