//! The latest failed jobs with their reasons.

use api::console::graphs::FailedJob;
use leptos::prelude::*;

use crate::format::{short_id, short_time};
use crate::jobs_query::JobsQuery;
use crate::list::ListUrl;

/// The most recent failures, newest first.
#[component]
pub(crate) fn RecentFailures(
    /// The failures.
    failures: Vec<FailedJob>,
) -> impl IntoView {
    let all = JobsQuery {
        state: "failed".into(),
        ..Default::default()
    }
    .href(1);
    let body = if failures.is_empty() {
        view! { <p class="muted">"No failed jobs."</p> }.into_any()
    } else {
        let items = failures
            .into_iter()
            .map(|f| {
                let j = f.summary;
                let what = j.algorithm.clone().unwrap_or_else(|| j.job_type.clone());
                let when = j.ended_at.clone().unwrap_or_else(|| j.created_at.clone());
                let code = f.error_code.map(|c| view! { " " <code>{c}</code> });
                view! {
                    <li class="failed-job">
                        <a class="mono" href=format!("/jobs/{}", j.id) title=j.id.clone()>{short_id(&j.id)}</a>
                        " " <span>{what}</span> " " <span class="muted">"on " {j.graph}</span>
                        " " <time class="muted" datetime=when.clone()>{short_time(&when)}</time>
                        <p class="failure">{f.reason.unwrap_or_else(|| "No reason recorded.".into())}{code}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain-list">{items}</ul> }.into_any()
    };
    view! {
        <section class="card" aria-labelledby="failures-heading">
            <div class="section-head">
                <h2 id="failures-heading">"Recent failures"</h2>
                <a href=all>"All failed jobs"</a>
            </div>
            {body}
        </section>
    }
    .into_any()
}
