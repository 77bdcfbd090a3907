//! What the job shows, by kind of view; or why there is nothing to show yet.

use api::console::viz::VizView;
use leptos::prelude::*;

use super::communities_view::CommunitiesView;
use super::metric_view::MetricView;
use super::paths_view::PathsView;
use super::scalars_view::ScalarsView;

/// The view's section.
#[component]
pub(crate) fn ViewPanel(
    /// The view, once built.
    view: Option<VizView>,
    /// The job's status word.
    state: String,
) -> impl IntoView {
    let Some(view) = view else {
        let note = match state.as_str() {
            "INIT" | "WAITING" => {
                "The job is starting: it reads train_url and shows what it found once it is RUNNING."
            }
            // The failure section says why.
            "FAILED" => return ().into_any(),
            _ => "This job has no view: it did not run. Restart it to read train_url again.",
        };
        return view! { <p class="notice viz-pending" role="status">{note}</p> }.into_any();
    };
    let body = match view {
        VizView::Metric {
            job_id,
            metric,
            rows,
            min,
            max,
            mean,
            histogram,
            top,
        } => view! { <MetricView job_id metric rows min max mean histogram top/> }.into_any(),
        VizView::Communities {
            job_id,
            metric,
            rows,
            communities,
            sizes,
        } => view! { <CommunitiesView job_id metric rows communities sizes/> }.into_any(),
        VizView::Paths {
            job_id,
            total,
            paths,
        } => view! { <PathsView job_id total paths/> }.into_any(),
        VizView::Scalars { files, series } => view! { <ScalarsView files series/> }.into_any(),
    };
    view! {
        <section class="card viz-view" aria-labelledby="viz-view-heading">
            <h2 id="viz-view-heading">"What it shows"</h2>
            {body}
        </section>
    }
    .into_any()
}
