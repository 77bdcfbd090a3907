//! The plotting area of a chart and its two axes: tick marks, tick labels, grid lines and
//! axis titles, all inside the chart's 640-unit-wide viewBox.

use leptos::prelude::*;

use crate::chart_scale::{LinearScale, Ticks, px};

/// Width of every chart's viewBox; the SVG scales to its container.
pub(super) const WIDTH: f64 = 640.0;

/// The plotting area inside the viewBox (what the margins leave for the marks).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Plot {
    /// Left edge (right of the y tick labels).
    pub(super) left: f64,
    /// Top edge.
    pub(super) top: f64,
    /// Right edge.
    pub(super) right: f64,
    /// Bottom edge (above the x tick labels and title).
    pub(super) bottom: f64,
}

impl Plot {
    /// The area of a chart `height` units tall whose y labels need `left` units.
    pub(super) fn new(height: f64, left: f64, right_margin: f64) -> Self {
        Self {
            left,
            top: 14.0,
            right: WIDTH - right_margin,
            bottom: height - 46.0,
        }
    }

    /// Width of the area.
    pub(super) fn width(&self) -> f64 {
        self.right - self.left
    }

    /// A scale from `ticks`' span onto the area's width.
    pub(super) fn x_scale(&self, ticks: &Ticks) -> LinearScale {
        LinearScale::new((ticks.lo(), ticks.hi()), (self.left, self.right))
    }

    /// A scale from `ticks`' span onto the area's height, upwards.
    pub(super) fn y_scale(&self, ticks: &Ticks) -> LinearScale {
        LinearScale::new((ticks.lo(), ticks.hi()), (self.bottom, self.top))
    }
}

/// The x axis along the bottom: a base line, a mark and label per tick, and the title.
pub(super) fn x_axis(plot: Plot, ticks: &Ticks, title: String) -> impl IntoView + use<> {
    let scale = plot.x_scale(ticks);
    let y = plot.bottom;
    let marks = ticks
        .values
        .iter()
        .map(|&v| {
            let x = px(scale.map(v));
            view! {
                <line class="tick" x1=x.clone() y1=px(y) x2=x.clone() y2=px(y + 5.0)/>
                <text class="tick-label" x=x y=px(y + 18.0) text-anchor="middle">{ticks.label(v)}</text>
            }
        })
        .collect_view();
    view! {
        <g class="axis axis-x">
            <line class="axis-line" x1=px(plot.left) y1=px(y) x2=px(plot.right) y2=px(y)/>
            {marks}
            <text class="axis-title" x=px((plot.left + plot.right) / 2.0) y=px(y + 38.0) text-anchor="middle">{title}</text>
        </g>
    }
}

/// The y axis on the left: a base line, a label and a grid line per tick, and the title
/// written upwards.
pub(super) fn y_axis(plot: Plot, ticks: &Ticks, title: String) -> impl IntoView + use<> {
    let scale = plot.y_scale(ticks);
    let x = plot.left;
    let marks = ticks
        .values
        .iter()
        .map(|&v| {
            let y = px(scale.map(v));
            view! {
                <line class="grid" x1=px(x) y1=y.clone() x2=px(plot.right) y2=y.clone()/>
                <text class="tick-label" x=px(x - 6.0) y=y dy="0.32em" text-anchor="end">{ticks.label(v)}</text>
            }
        })
        .collect_view();
    let (tx, ty) = (14.0, (plot.top + plot.bottom) / 2.0);
    view! {
        <g class="axis axis-y">
            {marks}
            <line class="axis-line" x1=px(x) y1=px(plot.top) x2=px(x) y2=px(plot.bottom)/>
            <text class="axis-title" x=px(tx) y=px(ty) text-anchor="middle"
                transform=format!("rotate(-90 {} {})", px(tx), px(ty))>{title}</text>
        </g>
    }
}
