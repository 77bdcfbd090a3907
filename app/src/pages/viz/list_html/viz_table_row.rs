//! One row of the visualization jobs table.

use api::console::viz::VizRow;
use leptos::prelude::*;

use crate::format::short_time;
use crate::pages::viz::action_forms::VizActionForms;
use crate::pages::viz::state_badge::VizStateBadge;

/// A job as a table row: name link (and description), status, created, duration, train_url,
/// actions.
#[component]
pub(crate) fn VizTableRow(
    /// The job.
    row: VizRow,
) -> impl IntoView {
    let desc = (!row.desc.is_empty())
        .then(|| view! { <span class="viz-desc muted">{row.desc.clone()}</span> });
    let failure = row
        .fail_reason
        .clone()
        .map(|reason| view! { <span class="viz-row-failure">{reason}</span> });
    view! {
        <tr>
            <td class="viz-name">
                <a href=format!("/visualizations/{}", row.id)>{row.name.clone()}</a>
                {desc}
            </td>
            <td class="viz-status"><VizStateBadge state=row.state.clone()/>{failure}</td>
            <td><time datetime=row.created_at.clone()>{short_time(&row.created_at)}</time></td>
            <td>{duration_text(row.duration_ms)}</td>
            <td><code class="viz-url">{row.train_url.clone()}</code></td>
            <td class="actions"><VizActionForms id=row.id allowed=row.actions/></td>
        </tr>
    }
    .into_any()
}

/// `3m 05s`, or `—` for a job that has not run.
pub(crate) fn duration_text(ms: i64) -> String {
    if ms <= 0 {
        "—".into()
    } else {
        crate::format::duration(ms)
    }
}
