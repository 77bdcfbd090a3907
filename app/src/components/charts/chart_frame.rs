//! The `<svg role="img">` every chart is drawn in, and the empty state shown instead when
//! there is nothing to draw.

use leptos::prelude::*;

use super::axis::WIDTH;
use crate::chart_scale::px;

/// A responsive SVG of the shared width and `height` units, described by `label` (as its
/// `aria-label` and its `<title>`).
#[component]
pub(super) fn ChartFrame(
    /// What the chart shows, in words.
    label: String,
    /// Height of the viewBox.
    height: f64,
    /// The marks and axes.
    children: Children,
) -> impl IntoView {
    let title = label.clone();
    view! {
        <div class="chart">
            <svg class="chart-svg" role="img" aria-label=label
                viewBox=format!("0 0 {} {}", px(WIDTH), px(height))
                preserveAspectRatio="xMinYMin meet">
                <title>{title}</title>
                {children()}
            </svg>
        </div>
    }
}

/// What a chart shows when it has no drawable data.
#[component]
pub(super) fn ChartEmpty(
    /// What the chart would have shown.
    label: String,
) -> impl IntoView {
    view! {
        <div class="chart chart-empty" role="note" aria-label=label>
            <p class="muted">"No data to chart."</p>
        </div>
    }
}
