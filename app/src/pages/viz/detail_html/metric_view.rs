//! A metric dump: summary figures, the histogram as a bar chart and the top rows as a table.

use api::console::viz::VizBin;
use leptos::prelude::*;

use crate::chart_scale::significant;
use crate::components::{BarChart, RangeBar};

/// A numeric metric per vertex or edge.
#[component]
pub(crate) fn MetricView(
    /// Job whose dump this is.
    job_id: String,
    /// Metric column.
    metric: String,
    /// Rows in the dump.
    rows: u64,
    /// Smallest value.
    min: f64,
    /// Largest value.
    max: f64,
    /// Mean value.
    mean: f64,
    /// Equal-width bins.
    histogram: Vec<VizBin>,
    /// Highest values first.
    top: Vec<(String, f64)>,
) -> impl IntoView {
    let label = format!(
        "Histogram of {metric} over {rows} rows: {} bins from {} to {}",
        histogram.len(),
        significant(min, 4),
        significant(max, 4)
    );
    let bars = histogram
        .iter()
        .map(|b| RangeBar {
            lo: b.lo,
            hi: b.hi,
            value: b.count as f64,
        })
        .collect();
    let top_rows = top
        .iter()
        .enumerate()
        .map(|(i, (id, value))| {
            view! {
                <tr>
                    <td>{i + 1}</td>
                    <td class="mono">{id.clone()}</td>
                    <td class="num">{significant(*value, 6)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <dl class="facts viz-summary">
            <dt>"Metric"</dt><dd><code>{metric.clone()}</code></dd>
            <dt>"Rows"</dt><dd>{rows}</dd>
            <dt>"Min / mean / max"</dt>
            <dd>{format!("{} / {} / {}", significant(min, 4), significant(mean, 4), significant(max, 4))}</dd>
            <dt>"From job"</dt><dd class="mono">{job_id}</dd>
        </dl>
        <h3>{format!("Distribution of {metric}")}</h3>
        <BarChart label x_title=metric.clone() y_title="rows".to_string() bars/>
        <h3>{format!("Top {} by {metric}", top.len())}</h3>
        <div class="table-wrap">
            <table class="data viz-top">
                <caption class="visually-hidden">{format!("Top {} rows by {metric}, highest first", top.len())}</caption>
                <thead>
                    <tr><th scope="col">"#"</th><th scope="col">"id"</th><th scope="col">{metric.clone()}</th></tr>
                </thead>
                <tbody>{top_rows}</tbody>
            </table>
        </div>
    }
}
