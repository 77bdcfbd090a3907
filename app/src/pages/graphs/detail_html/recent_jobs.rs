//! The graph's newest jobs, with a link to all of them in the jobs table.

use api::console::JobSummary;
use leptos::prelude::*;

use crate::components::{ProgressBar, StateBadge};
use crate::format::{job_duration, short_id, short_time};
use crate::jobs_query::JobsQuery;
use crate::list::{DataTable, ListUrl};

/// A short jobs table for one graph.
#[component]
pub(crate) fn RecentJobs(
    /// The graph.
    graph: String,
    /// Its newest jobs, newest first.
    jobs: Vec<JobSummary>,
    /// How many jobs it has in all.
    total: u64,
    /// Server clock (Unix ms) for the duration of running jobs.
    now_ms: i64,
) -> impl IntoView {
    let all = JobsQuery {
        graph: graph.clone(),
        ..Default::default()
    }
    .href(1);
    let body = if jobs.is_empty() {
        view! { <p class="muted">"No jobs on this graph yet."</p> }.into_any()
    } else {
        let rows = jobs
            .into_iter()
            .map(|j| {
                let kind = match &j.algorithm {
                    Some(a) => format!("{} · {a}", j.job_type),
                    None => j.job_type.clone(),
                };
                let duration = job_duration(j.started_at.as_deref(), j.ended_at.as_deref(), now_ms);
                view! {
                    <tr>
                        <td><a class="mono" href=format!("/jobs/{}", j.id) title=j.id.clone()>{short_id(&j.id)}</a></td>
                        <td>{kind}</td>
                        <td><StateBadge state=j.state/></td>
                        <td><ProgressBar progress=j.progress/></td>
                        <td><time datetime=j.created_at.clone()>{short_time(&j.created_at)}</time></td>
                        <td>{duration.unwrap_or_else(|| "—".into())}</td>
                    </tr>
                }
            })
            .collect_view();
        let caption = format!("Recent jobs of {graph}");
        view! { <DataTable class="data" caption columns=&["Job", "Type", "State", "Progress", "Submitted", "Duration"]>{rows}</DataTable> }
        .into_any()
    };
    view! {
        <section aria-labelledby="recent-jobs-heading">
            <div class="section-head">
                <h2 id="recent-jobs-heading">"Recent jobs"</h2>
                <a href=all>{format!("All jobs of this graph ({total})")}</a>
            </div>
            {body}
        </section>
    }
    .into_any()
}
