//! TensorBoard scalars: one line chart per tag.

use api::console::viz::VizSeries;
use leptos::prelude::*;

use crate::chart_scale::significant;
use crate::components::LineChart;

/// One line chart per scalar tag, and the event files read.
#[component]
pub(crate) fn ScalarsView(
    /// Event files read.
    files: Vec<String>,
    /// One series per tag.
    series: Vec<VizSeries>,
) -> impl IntoView {
    let charts = series
        .into_iter()
        .map(|s| {
            let last = s.points.last().map(|&(step, v)| format!("; at step {step}: {}", significant(v, 6)));
            let label = format!("{} by step, {} points{}", s.tag, s.points.len(), last.unwrap_or_default());
            let points = s.points.iter().map(|&(step, v)| (step as f64, v)).collect();
            view! {
                <section class="viz-series">
                    <h3>{s.tag.clone()}</h3>
                    <LineChart label x_title="step".to_string() y_title=s.tag points integer_x=true/>
                </section>
            }
        })
        .collect_view();
    let files = files
        .into_iter()
        .map(|f| view! { <li><code>{f}</code></li> })
        .collect_view();
    view! {
        {charts}
        <details class="viz-data">
            <summary>"Event files read"</summary>
            <ul>{files}</ul>
        </details>
    }
}
