//! The jobs running now, with their progress.

use api::console::JobSummary;
use leptos::prelude::*;

use crate::components::ProgressBar;
use crate::format::{job_duration, short_id};
use crate::jobs_query::JobsQuery;
use crate::list::ListUrl;

/// Running (and cancelling) jobs, newest first.
#[component]
pub(crate) fn RunningJobs(
    /// The first of them.
    jobs: Vec<JobSummary>,
    /// How many there are in all.
    total: u64,
    /// Server clock (Unix ms) for their durations.
    now_ms: i64,
) -> impl IntoView {
    let more = (total > jobs.len() as u64).then(|| {
        let href = JobsQuery {
            state: "running".into(),
            ..Default::default()
        }
        .href(1);
        view! { <p><a href=href>{format!("All {total} running jobs")}</a></p> }
    });
    let body = if jobs.is_empty() {
        view! { <p class="muted">"Nothing is running."</p> }.into_any()
    } else {
        let items = jobs
            .into_iter()
            .map(|j| {
                let what = j.algorithm.clone().unwrap_or_else(|| j.job_type.clone());
                let duration = job_duration(j.started_at.as_deref(), None, now_ms);
                view! {
                    <li class="running-job">
                        <a class="mono" href=format!("/jobs/{}", j.id) title=j.id.clone()>{short_id(&j.id)}</a>
                        " " <span>{what}</span> " " <span class="muted">"on " {j.graph}</span>
                        {(j.state == "cancelling").then(|| view! { " " <span class="muted">"(cancelling)"</span> })}
                        <div class="running-job-progress">
                            <ProgressBar progress=j.progress/>
                            <span class="muted">{duration.unwrap_or_default()}</span>
                        </div>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain-list">{items}</ul> }.into_any()
    };
    view! {
        <section class="card" aria-labelledby="running-heading">
            <h2 id="running-heading">"Running"</h2>
            {body}
            {more}
        </section>
    }
    .into_any()
}
