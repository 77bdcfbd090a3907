//! Percentiles of latency samples.

use std::time::Duration;

/// Latency samples in milliseconds.
#[derive(Default, Clone)]
pub(crate) struct Latencies(pub(crate) Vec<f64>);

impl Latencies {
    pub(crate) fn push(&mut self, d: Duration) {
        self.0.push(d.as_secs_f64() * 1e3);
    }

    /// The `p`-th percentile (nearest rank), NaN when empty.
    pub(crate) fn percentile(&self, p: f64) -> f64 {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
        v[rank.clamp(1, v.len()) - 1]
    }

    pub(crate) fn summary(&self) -> serde_json::Value {
        serde_json::json!({
            "p50_ms": self.percentile(50.0), "p99_ms": self.percentile(99.0),
            "max_ms": self.percentile(100.0), "samples": self.0.len(),
        })
    }
}
