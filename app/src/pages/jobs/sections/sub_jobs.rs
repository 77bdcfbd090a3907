//! The jobs a bulk action reached, as the children of this job.

use api::console::SubJob;
use leptos::prelude::*;

use crate::components::StateBadge;
use crate::format::short_id;

/// The sub-job tree (one level: bulk actions do not nest).
#[component]
pub(crate) fn SubJobs(
    /// The sub-jobs.
    subs: Vec<SubJob>,
    /// Whether the parent is a bulk action (an empty list is then worth saying).
    is_bulk: bool,
) -> impl IntoView {
    if subs.is_empty() {
        return is_bulk
            .then(|| {
                view! {
                    <section class="card" aria-labelledby="subjobs-heading">
                        <h2 id="subjobs-heading">"Sub-jobs"</h2>
                        <p class="muted">"This action reached no job."</p>
                    </section>
                }
            })
            .into_any();
    }
    let n = subs.len();
    let items = subs
        .into_iter()
        .map(|s| {
            view! {
                <li>
                    <a class="mono" href=format!("/jobs/{}", s.id) title=s.id.clone()>{short_id(&s.id)}</a>
                    " " {s.job_type} " " <StateBadge state=s.state/>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="subjobs-heading">
            <h2 id="subjobs-heading">{format!("Sub-jobs ({n})")}</h2>
            <ul class="tree" aria-label="Sub-jobs">{items}</ul>
        </section>
    }
    .into_any()
}
