//! A line chart of one series: x (e.g. training step) against y (the value), with ticks and
//! axis titles on both axes and a marker per point while there are few.

use leptos::prelude::*;

use super::axis::{Plot, x_axis, y_axis};
use super::chart_frame::{ChartEmpty, ChartFrame};
use crate::chart_scale::{integer_ticks, nice_ticks, px, significant};

/// Height of the viewBox.
const HEIGHT: f64 = 260.0;
/// Points up to which each one also gets a marker (with its value as tooltip).
const MARKERS_UP_TO: usize = 60;

/// `(x, y)` points joined in the order given (sorted by x by the caller).
#[component]
pub(crate) fn LineChart(
    /// What the chart shows, in words (its accessible name).
    label: String,
    /// Title of the x axis.
    x_title: String,
    /// Title of the y axis.
    y_title: String,
    /// The series; non-finite points are left out.
    points: Vec<(f64, f64)>,
    /// Whether x only takes whole values (training steps): ticks then step by 1 or more.
    #[prop(optional)]
    integer_x: bool,
) -> impl IntoView {
    let points: Vec<(f64, f64)> = points
        .into_iter()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect();
    if points.is_empty() {
        return view! { <ChartEmpty label/> }.into_any();
    }
    let range = |pick: fn(&(f64, f64)) -> f64| {
        points
            .iter()
            .map(pick)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            })
    };
    let ((x0, x1), (y0, y1)) = (range(|p| p.0), range(|p| p.1));
    let x_ticks = if integer_x {
        integer_ticks(x0, x1, 6)
    } else {
        nice_ticks(x0, x1, 6)
    };
    let y_ticks = nice_ticks(y0, y1, 5);
    let plot = Plot::new(HEIGHT, 64.0, 16.0);
    let (x, y) = (plot.x_scale(&x_ticks), plot.y_scale(&y_ticks));
    let line = points
        .iter()
        .map(|&(a, b)| format!("{},{}", px(x.map(a)), px(y.map(b))))
        .collect::<Vec<_>>()
        .join(" ");
    let markers = (points.len() <= MARKERS_UP_TO).then(|| {
        points
            .iter()
            .map(|&(a, b)| {
                let tip = format!("{}: {}", significant(a, 9), significant(b, 6));
                view! {
                    <circle class="point" cx=px(x.map(a)) cy=px(y.map(b)) r="3">
                        <title>{tip}</title>
                    </circle>
                }
            })
            .collect_view()
    });
    view! {
        <ChartFrame label height=HEIGHT>
            {y_axis(plot, &y_ticks, y_title)}
            <g class="marks">
                <polyline class="line" points=line fill="none"/>
                {markers}
            </g>
            {x_axis(plot, &x_ticks, x_title)}
        </ChartFrame>
    }
    .into_any()
}
