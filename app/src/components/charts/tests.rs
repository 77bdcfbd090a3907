//! Server-rendered charts: accessible names, axes with tick labels, and empty states.

use leptos::prelude::*;

use crate::test_markup::Markup;

use super::{BarChart, HBarChart, LineChart, RangeBar};

fn render(view: impl FnOnce() -> AnyView) -> String {
    Owner::new().with(|| view().markup())
}

fn bar(lo: f64, hi: f64, value: f64) -> RangeBar {
    RangeBar { lo, hi, value }
}

#[test]
fn a_histogram_has_a_labelled_svg_with_both_axes() {
    let html = render(|| {
        let bars = vec![bar(0.0, 48.5, 97.0), bar(48.5, 97.0, 12.0)];
        view! { <BarChart label="Histogram of pagerank".into() x_title="pagerank".into() y_title="vertices".into() bars/> }
            .into_any()
    });
    assert!(html.contains(r#"role="img""#), "{html}");
    assert!(
        html.contains(r#"aria-label="Histogram of pagerank""#),
        "{html}"
    );
    assert!(
        html.contains("<title>Histogram of pagerank</title>"),
        "{html}"
    );
    // x ticks of 0..97 and y ticks of 0..97 counts are steps of 20.
    for tick in [">0<", ">20<", ">40<", ">100<"] {
        assert!(html.contains(tick), "{tick}: {html}");
    }
    assert!(html.contains(">pagerank</text>"), "{html}");
    assert!(html.contains(">vertices</text>"), "{html}");
    assert_eq!(html.matches(r#"class="bar""#).count(), 2, "{html}");
    assert!(html.contains("<title>0 – 48.5: 97</title>"), "{html}");
    assert!(!html.contains("NaN"), "{html}");
}

#[test]
fn a_one_value_histogram_draws_a_visible_bar() {
    let html = render(|| {
        view! { <BarChart label="h".into() x_title="x".into() y_title="y".into() bars=vec![bar(0.5, 0.5, 7.0)]/> }
            .into_any()
    });
    assert!(html.contains(r#"class="bar""#), "{html}");
    assert!(!html.contains(r#"width="0.0""#), "{html}");
    assert!(!html.contains("NaN") && !html.contains("inf"), "{html}");
}

#[test]
fn charts_without_data_render_an_empty_state() {
    let empty_bars = render(|| {
        let bars = vec![bar(f64::NAN, 1.0, 2.0)];
        view! { <BarChart label="h".into() x_title="x".into() y_title="y".into() bars/> }.into_any()
    });
    let empty_line = render(|| {
        view! { <LineChart label="loss".into() x_title="step".into() y_title="value".into() points=vec![]/> }
            .into_any()
    });
    let empty_rows = render(|| {
        view! { <HBarChart label="c".into() x_title="x".into() y_title="y".into() bars=vec![]/> }
            .into_any()
    });
    for html in [empty_bars, empty_line, empty_rows] {
        assert!(html.contains("No data to chart."), "{html}");
        assert!(!html.contains("<svg"), "{html}");
    }
}

#[test]
fn a_constant_series_draws_a_flat_line_without_nan() {
    let html = render(|| {
        let points = vec![(0.0, 0.5), (1.0, 0.5), (2.0, 0.5)];
        view! { <LineChart label="Scalar loss".into() x_title="step".into() y_title="loss".into() points integer_x=true/> }
            .into_any()
    });
    assert!(html.contains("<polyline"), "{html}");
    assert!(html.contains(r#"aria-label="Scalar loss""#), "{html}");
    assert_eq!(html.matches(r#"class="point""#).count(), 3, "{html}");
    assert!(!html.contains("NaN") && !html.contains("inf"), "{html}");
    // Whole-step x ticks.
    assert!(
        html.contains(">1</text>") && html.contains(">2</text>"),
        "{html}"
    );
}

#[test]
fn horizontal_bars_are_labelled_with_category_and_value() {
    let html = render(|| {
        let bars = vec![
            ("c1".to_string(), 120.0),
            ("a-very-long-community-name".to_string(), 3.0),
        ];
        view! { <HBarChart label="Largest communities".into() x_title="vertices".into() y_title="community".into() bars/> }
            .into_any()
    });
    assert!(html.contains(">c1</text>"), "{html}");
    assert!(html.contains(">120</text>"), "{html}");
    assert!(html.contains("a-very-long-com…"), "{html}");
    assert!(
        html.contains("<title>a-very-long-community-name: 3</title>"),
        "{html}"
    );
    assert!(html.contains(">community</text>"), "{html}");
}
