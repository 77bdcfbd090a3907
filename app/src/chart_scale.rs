//! Chart maths: "nice" axis ticks, linear scales and number labels. Pure functions, so a
//! chart's SVG is the same in server rendering and hydration, and every chart copes with
//! empty, constant or non-finite data (no division by zero, no panic).

/// Most ticks an axis ever gets, whatever the data (a guard against absurd ranges).
const MAX_TICKS: usize = 50;

/// The ticks of one axis: evenly spaced round numbers whose first and last cover the data.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ticks {
    /// Tick values, ascending; never empty (at least two).
    pub(crate) values: Vec<f64>,
    /// Distance between two ticks.
    pub(crate) step: f64,
}

impl Ticks {
    /// The axis' lower end (the first tick).
    pub(crate) fn lo(&self) -> f64 {
        self.values.first().copied().unwrap_or(0.0)
    }

    /// The axis' upper end (the last tick).
    pub(crate) fn hi(&self) -> f64 {
        self.values.last().copied().unwrap_or(1.0)
    }

    /// The label of tick `v`, with as many decimals as the step needs.
    pub(crate) fn label(&self, v: f64) -> String {
        tick_label(v, self.step)
    }
}

/// About `count` round ticks (steps of 1, 2 or 5 × 10ⁿ) covering `[min, max]`.
pub(crate) fn nice_ticks(min: f64, max: f64, count: usize) -> Ticks {
    let (lo, hi) = domain(min, max);
    ticks_with(lo, hi, nice_step((hi - lo) / count.max(1) as f64))
}

/// Like [`nice_ticks`] with steps of at least 1, for counts and training steps.
pub(crate) fn integer_ticks(min: f64, max: f64, count: usize) -> Ticks {
    let (lo, hi) = domain(min, max);
    ticks_with(lo, hi, nice_step((hi - lo) / count.max(1) as f64).max(1.0))
}

/// A finite, non-empty `[lo, hi]`: non-finite ends are dropped, the ends ordered, and a single
/// value widened around itself (`[0, 1]` for zero).
fn domain(min: f64, max: f64) -> (f64, f64) {
    let (lo, hi) = match (min.is_finite(), max.is_finite()) {
        (true, true) => (min.min(max), min.max(max)),
        (true, false) => (min, min),
        (false, true) => (max, max),
        (false, false) => (0.0, 0.0),
    };
    if hi > lo {
        (lo, hi)
    } else if lo == 0.0 {
        (0.0, 1.0)
    } else {
        let pad = lo.abs() * 0.1;
        (lo - pad, hi + pad)
    }
}

/// The round step (1, 2 or 5 × 10ⁿ) at least as large as `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let residual = raw / magnitude;
    let nice = if residual <= 1.0 {
        1.0
    } else if residual <= 2.0 {
        2.0
    } else if residual <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Multiples of `step` from the last one at or below `lo` to the first one at or above `hi`.
fn ticks_with(lo: f64, hi: f64, step: f64) -> Ticks {
    // A hair of tolerance so 0.30000000000000004 / 0.1 does not add a tick.
    let first = (lo / step + 1e-9).floor();
    let mut last = (hi / step - 1e-9).ceil();
    if last <= first {
        last = first + 1.0;
    }
    let n = ((last - first) as usize).min(MAX_TICKS);
    let places = decimals(step);
    let values = (0..=n)
        .map(|i| round_to((first + i as f64) * step, places))
        .collect();
    Ticks { values, step }
}

/// Decimal places a multiple of `step` needs (0 for steps of 1 or more).
fn decimals(step: f64) -> usize {
    if !(step.is_finite() && step > 0.0) || step >= 1.0 {
        return 0;
    }
    ((-step.log10() - 1e-9).ceil().max(0.0) as usize).min(12)
}

/// `v` rounded to `places` decimals, with `-0` as `0`.
fn round_to(v: f64, places: usize) -> f64 {
    let f = 10f64.powi(places as i32);
    let r = (v * f).round() / f;
    if r == 0.0 { 0.0 } else { r }
}

/// A tick label: `20k`, `1.5M`, `0.25`, `1.2e-4`; as many decimals as `step` needs.
pub(crate) fn tick_label(v: f64, step: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let v = round_to(v, decimals(step));
    if v == 0.0 {
        return "0".into();
    }
    if step >= 1.0 && v.abs() >= 10_000.0 {
        let (unit, suffix) = match v.abs() {
            a if a >= 1e9 => (1e9, "B"),
            a if a >= 1e6 => (1e6, "M"),
            _ => (1e3, "k"),
        };
        return format!("{:.*}{suffix}", decimals(step / unit), v / unit);
    }
    if step < 1e-4 {
        return format!("{v:e}");
    }
    format!("{v:.*}", decimals(step))
}

/// `v` to `digits` significant digits without trailing zeros: `0.85`, `97`, `0.0002493`
/// (integer parts below a million in full); larger or tinier magnitudes in exponent form
/// (`1.235e6`).
pub(crate) fn significant(v: f64, digits: usize) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let digits = digits.max(1);
    let magnitude = v.abs().log10().floor() as i32;
    if !(-5..6).contains(&magnitude) {
        let text = format!("{v:.*e}", digits - 1);
        return match text.split_once('e') {
            Some((mantissa, exp)) => format!("{}e{exp}", trim_zeros(mantissa)),
            None => text,
        };
    }
    let places = (digits as i32 - 1 - magnitude).max(0) as usize;
    trim_zeros(&format!("{v:.places$}")).to_string()
}

/// `0.8500` → `0.85`, `97.00` → `97`, `120` → `120`.
fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// Maps a data interval onto a pixel interval (which may run backwards, as SVG's y does).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LinearScale {
    /// Data interval.
    domain: (f64, f64),
    /// Pixel interval.
    range: (f64, f64),
}

impl LinearScale {
    /// A scale from `domain` to `range`.
    pub(crate) fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        Self { domain, range }
    }

    /// The pixel position of `x`. An empty domain maps everything to the middle of the range.
    pub(crate) fn map(&self, x: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        if !(span.is_finite() && span != 0.0 && x.is_finite()) {
            return (r0 + r1) / 2.0;
        }
        r0 + (x - d0) / span * (r1 - r0)
    }
}

/// An SVG coordinate: one decimal, the same text in SSR and in the browser.
pub(crate) fn px(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn ticks_of_0_to_97_are_steps_of_20() {
        let t = nice_ticks(0.0, 97.0, 5);
        assert_eq!(t.values, [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!((t.lo(), t.hi(), t.step), (0.0, 100.0, 20.0));
    }

    #[test]
    fn fractional_ticks_are_rounded() {
        let t = nice_ticks(0.0, 1.0, 5);
        assert_eq!(t.values, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        let t = nice_ticks(0.1, 0.3, 2);
        assert_eq!(t.values, [0.1, 0.2, 0.3]);
        let t = nice_ticks(-3.0, 7.0, 5);
        assert_eq!(t.values, [-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]);
    }

    #[test]
    fn integer_ticks_never_step_below_one() {
        assert_eq!(integer_ticks(0.0, 3.0, 5).values, [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(integer_ticks(0.0, 1.0, 5).values, [0.0, 1.0]);
        assert_eq!(integer_ticks(0.0, 0.0, 5).values, [0.0, 1.0]);
        assert_eq!(integer_ticks(0.0, 4018.0, 5).step, 1000.0);
    }

    #[test]
    fn constant_and_non_finite_data_still_give_an_axis() {
        let t = nice_ticks(5.0, 5.0, 5);
        assert!(t.lo() < 5.0 && t.hi() > 5.0, "{t:?}");
        let t = nice_ticks(-2.0, -2.0, 5);
        assert!(t.lo() < -2.0 && t.hi() > -2.0, "{t:?}");
        for t in [
            nice_ticks(f64::NAN, f64::NAN, 5),
            nice_ticks(f64::NEG_INFINITY, f64::INFINITY, 5),
            nice_ticks(0.0, 1.0, 0),
        ] {
            assert!(t.values.len() >= 2, "{t:?}");
            assert!(t.values.iter().all(|v| v.is_finite()), "{t:?}");
        }
        let t = nice_ticks(f64::NAN, 3.0, 3);
        assert!(t.lo() < 3.0 && t.hi() > 3.0, "{t:?}");
        assert!(nice_ticks(0.0, 1e300, 5).values.len() <= MAX_TICKS + 1);
    }

    #[test]
    fn a_constant_domain_maps_to_the_middle_without_dividing_by_zero() {
        let s = LinearScale::new((3.0, 3.0), (0.0, 100.0));
        assert_eq!(s.map(3.0), 50.0);
        assert_eq!(s.map(f64::NAN), 50.0);
    }

    #[test]
    fn scales_map_ends_to_ends_even_backwards() {
        let x = LinearScale::new((0.0, 10.0), (40.0, 240.0));
        assert_eq!((x.map(0.0), x.map(5.0), x.map(10.0)), (40.0, 140.0, 240.0));
        let y = LinearScale::new((0.0, 100.0), (300.0, 20.0));
        assert_eq!(
            (y.map(0.0), y.map(100.0), y.map(50.0)),
            (300.0, 20.0, 160.0)
        );
    }

    #[test]
    fn tick_labels_fit_the_step() {
        assert_eq!(tick_label(20.0, 20.0), "20");
        assert_eq!(tick_label(0.2, 0.2), "0.2");
        assert_eq!(tick_label(0.30000000000000004, 0.1), "0.3");
        assert_eq!(tick_label(0.25, 0.05), "0.25");
        assert_eq!(tick_label(-0.0, 0.5), "0");
        assert_eq!(tick_label(20_000.0, 5_000.0), "20k");
        assert_eq!(tick_label(1_500_000.0, 500_000.0), "1.5M");
        assert_eq!(tick_label(2e9, 1e9), "2B");
        assert_eq!(tick_label(0.00012, 0.00002), "1.2e-4");
        assert_eq!(tick_label(f64::NAN, 1.0), "—");
    }

    #[test]
    fn significant_digits() {
        assert_eq!(significant(0.85, 4), "0.85");
        assert_eq!(significant(97.0, 4), "97");
        assert_eq!(significant(0.000_249_312, 4), "0.0002493");
        assert_eq!(significant(123_456.0, 4), "123456");
        assert_eq!(significant(1_234_567.0, 4), "1.235e6");
        assert_eq!(significant(-0.000_001_5, 3), "-1.5e-6");
        assert_eq!(significant(0.0, 4), "0");
        assert_eq!(significant(f64::INFINITY, 4), "—");
    }

    #[test]
    fn coordinates_have_one_decimal() {
        assert_eq!(px(12.345), "12.3");
        assert_eq!(px(40.0), "40.0");
    }
}
