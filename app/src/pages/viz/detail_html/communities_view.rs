//! A community dump: how many communities, and the largest ones' sizes as horizontal bars.

use leptos::prelude::*;

use crate::components::HBarChart;

/// A community (or component) id per vertex.
#[component]
pub(crate) fn CommunitiesView(
    /// Job whose dump this is.
    job_id: String,
    /// Column holding the community.
    metric: String,
    /// Rows in the dump.
    rows: u64,
    /// Distinct communities.
    communities: u64,
    /// Largest first: `(community, size)`.
    sizes: Vec<(String, u64)>,
) -> impl IntoView {
    let label = format!(
        "Sizes of the {} largest of {communities} communities ({metric}), largest first",
        sizes.len()
    );
    let table_rows = sizes
        .iter()
        .map(|(c, n)| view! { <tr><td class="mono">{c.clone()}</td><td class="num">{*n}</td></tr> })
        .collect_view();
    let bars = sizes.iter().map(|(c, n)| (c.clone(), *n as f64)).collect();
    view! {
        <dl class="facts viz-summary">
            <dt>"Column"</dt><dd><code>{metric.clone()}</code></dd>
            <dt>"Rows"</dt><dd>{rows}</dd>
            <dt>"Communities"</dt><dd>{communities}</dd>
            <dt>"From job"</dt><dd class="mono">{job_id}</dd>
        </dl>
        <h3>"Largest communities"</h3>
        <HBarChart label x_title="members".to_string() y_title=metric bars/>
        <details class="viz-data">
            <summary>"Sizes as a table"</summary>
            <table class="data">
                <thead><tr><th scope="col">"Community"</th><th scope="col">"Members"</th></tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </details>
    }
}
