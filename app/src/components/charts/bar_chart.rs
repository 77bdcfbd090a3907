//! A histogram-style bar chart: each bar spans `[lo, hi)` on a numeric x axis and rises to
//! its count on the y axis.

use leptos::prelude::*;

use super::axis::{Plot, x_axis, y_axis};
use super::chart_frame::{ChartEmpty, ChartFrame};
use crate::chart_scale::{integer_ticks, nice_ticks, px, significant};

/// Height of the viewBox.
const HEIGHT: f64 = 300.0;

/// One bar: the x interval it covers and its (count) value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RangeBar {
    /// Left end on the x axis.
    pub(crate) lo: f64,
    /// Right end on the x axis (may equal `lo`: the bar is then drawn narrow around it).
    pub(crate) hi: f64,
    /// Height (a count, 0 or more).
    pub(crate) value: f64,
}

/// Bars over a numeric x axis with tick labels on both axes and axis titles.
#[component]
pub(crate) fn BarChart(
    /// What the chart shows, in words (its accessible name).
    label: String,
    /// Title of the x axis (what the intervals measure).
    x_title: String,
    /// Title of the y axis (what is counted).
    y_title: String,
    /// The bars; non-finite ones are left out.
    bars: Vec<RangeBar>,
) -> impl IntoView {
    let bars: Vec<RangeBar> = bars
        .into_iter()
        .filter(|b| b.lo.is_finite() && b.hi.is_finite() && b.value.is_finite())
        .collect();
    if bars.is_empty() {
        return view! { <ChartEmpty label/> }.into_any();
    }
    let lo = bars
        .iter()
        .map(|b| b.lo.min(b.hi))
        .fold(f64::INFINITY, f64::min);
    let hi = bars
        .iter()
        .map(|b| b.lo.max(b.hi))
        .fold(f64::NEG_INFINITY, f64::max);
    let top = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let (x_ticks, y_ticks) = (nice_ticks(lo, hi, 6), integer_ticks(0.0, top, 5));
    let plot = Plot::new(HEIGHT, 64.0, 16.0);
    let (x, y) = (plot.x_scale(&x_ticks), plot.y_scale(&y_ticks));
    let narrow = plot.width() / 40.0;
    let rects = bars
        .iter()
        .map(|b| {
            let (x0, x1) = (x.map(b.lo.min(b.hi)), x.map(b.lo.max(b.hi)));
            // A one-value bin has no width of its own: draw it narrow, centred on the value.
            let (left, width) = if x1 - x0 < 2.0 {
                ((x0 + x1 - narrow) / 2.0, narrow)
            } else {
                (x0 + 0.5, x1 - x0 - 1.0)
            };
            let top = y.map(b.value.max(0.0));
            let tip = format!(
                "{} – {}: {}",
                significant(b.lo, 4),
                significant(b.hi, 4),
                significant(b.value, 9)
            );
            view! {
                <rect class="bar" x=px(left) y=px(top) width=px(width) height=px((plot.bottom - top).max(0.0))>
                    <title>{tip}</title>
                </rect>
            }
        })
        .collect_view();
    view! {
        <ChartFrame label height=HEIGHT>
            {y_axis(plot, &y_ticks, y_title)}
            <g class="marks">{rects}</g>
            {x_axis(plot, &x_ticks, x_title)}
        </ChartFrame>
    }
    .into_any()
}
