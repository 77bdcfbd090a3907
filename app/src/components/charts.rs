//! SVG charts over [`crate::chart_scale`]: a histogram-style bar chart, a horizontal bar
//! chart and a line chart. Each is one `<svg role="img">` with an `aria-label` and a `<title>`
//! describing it; text and lines use `currentColor` and the theme's CSS variables
//! (`style/viz.css`), so they read in light and dark mode. Data that cannot be drawn (no
//! points, nothing finite) renders an empty state instead.

mod axis;
mod bar_chart;
mod chart_frame;
mod hbar_chart;
mod line_chart;

pub(crate) use bar_chart::{BarChart, RangeBar};
pub(crate) use hbar_chart::HBarChart;
pub(crate) use line_chart::LineChart;

#[cfg(all(test, feature = "ssr"))]
mod tests;
