//! A visualization job's facts: status, where it reads, times; its failure up front.

use api::console::viz::VizRow;
use leptos::prelude::*;

use crate::format::short_time;
use crate::pages::viz::list_html::duration_text;
use crate::pages::viz::state_badge::VizStateBadge;

/// The failure (when there is one) and a definition list of the job.
#[component]
pub(crate) fn VizFacts(
    /// The job.
    row: VizRow,
) -> impl IntoView {
    let failure = row.fail_reason.clone().map(|reason| {
        view! {
            <section class="viz-failure" aria-labelledby="viz-failure-heading">
                <h2 id="viz-failure-heading">"Why it failed"</h2>
                <p class="failure">{reason}</p>
                <p class="muted">"Fix what lies at train_url, then restart the job."</p>
            </section>
        }
    });
    let desc = if row.desc.is_empty() {
        "—".to_string()
    } else {
        row.desc.clone()
    };
    let auto_stop = row.auto_stop_hours.map_or_else(
        || "never (runs until stopped)".to_string(),
        |h| format!("after {h} h running"),
    );
    view! {
        {failure}
        <section class="card" aria-labelledby="viz-facts-heading">
            <h2 id="viz-facts-heading">"Job"</h2>
            <dl class="facts">
                <dt>"Status"</dt>
                <dd>
                    <span role="status" aria-label="Visualization state"><VizStateBadge state=row.state.clone()/></span>
                    <span class="muted">{format!(" (status {})", row.state_code)}</span>
                </dd>
                <dt>"Job id"</dt>
                <dd class="mono">{row.id}</dd>
                <dt>"Description"</dt>
                <dd>{desc}</dd>
                <dt>"train_url"</dt>
                <dd><code>{row.train_url.clone()}</code></dd>
                <dt>"Created"</dt>
                <dd><time datetime=row.created_at.clone()>{short_time(&row.created_at)}</time></dd>
                <dt>"Running for"</dt>
                <dd>{duration_text(row.duration_ms)}</dd>
                <dt>"Auto-stop"</dt>
                <dd>{auto_stop}</dd>
            </dl>
        </section>
    }
    .into_any()
}
