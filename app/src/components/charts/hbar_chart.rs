//! A horizontal bar chart: one labelled row per category, longest first as given, with the
//! value axis along the bottom.

use leptos::prelude::*;

use super::axis::{Plot, x_axis};
use super::chart_frame::{ChartEmpty, ChartFrame};
use crate::chart_scale::{integer_ticks, px, significant};

/// Height of one row.
const ROW: f64 = 22.0;
/// Characters of a category label shown before it is cut short (the full one is its tooltip).
const LABEL_CHARS: usize = 16;

/// Rows of `(category, value)` as horizontal bars with their values at the bar ends.
#[component]
pub(crate) fn HBarChart(
    /// What the chart shows, in words (its accessible name).
    label: String,
    /// Title of the value axis (what is counted).
    x_title: String,
    /// Title of the category axis.
    y_title: String,
    /// `(category, value)`, drawn top to bottom; non-finite values are left out.
    bars: Vec<(String, f64)>,
) -> impl IntoView {
    let bars: Vec<(String, f64)> = bars.into_iter().filter(|(_, v)| v.is_finite()).collect();
    if bars.is_empty() {
        return view! { <ChartEmpty label/> }.into_any();
    }
    let height = 14.0 + ROW * bars.len() as f64 + 46.0;
    let plot = Plot::new(height, 150.0, 64.0);
    let top = bars.iter().map(|(_, v)| *v).fold(0.0, f64::max);
    let ticks = integer_ticks(0.0, top, 5);
    let x = plot.x_scale(&ticks);
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, (name, value))| {
            let y = plot.top + ROW * i as f64;
            let end = x.map(value.max(0.0));
            let mid = px(y + ROW / 2.0);
            let shown = short(name);
            let tip = format!("{name}: {}", significant(*value, 9));
            view! {
                <g class="row">
                    <title>{tip}</title>
                    <text class="tick-label" x=px(plot.left - 6.0) y=mid.clone() dy="0.32em" text-anchor="end">{shown}</text>
                    <rect class="bar" x=px(plot.left) y=px(y + 3.0) width=px((end - plot.left).max(0.0)) height=px(ROW - 6.0)/>
                    <text class="bar-value" x=px(end + 4.0) y=mid dy="0.32em">{significant(*value, 9)}</text>
                </g>
            }
        })
        .collect_view();
    let (tx, ty) = (14.0, (plot.top + plot.bottom) / 2.0);
    view! {
        <ChartFrame label height>
            <g class="axis axis-y">
                <line class="axis-line" x1=px(plot.left) y1=px(plot.top) x2=px(plot.left) y2=px(plot.bottom)/>
                <text class="axis-title" x=px(tx) y=px(ty) text-anchor="middle"
                    transform=format!("rotate(-90 {} {})", px(tx), px(ty))>{y_title}</text>
            </g>
            <g class="marks">{rows}</g>
            {x_axis(plot, &ticks, x_title)}
        </ChartFrame>
    }
    .into_any()
}

/// `name` cut to [`LABEL_CHARS`] characters with `…`.
fn short(name: &str) -> String {
    if name.chars().count() <= LABEL_CHARS {
        return name.to_string();
    }
    let mut s: String = name.chars().take(LABEL_CHARS - 1).collect();
    s.push('…');
    s
}
