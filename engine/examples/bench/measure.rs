//! Timing and memory helpers: medians of repeated runs, bounded by a time budget, and the
//! process's resident-set figures from `/proc/self/status`.

use std::time::{Duration, Instant};

/// Samples of one measurement, in seconds.
#[derive(Default)]
pub(crate) struct Samples(pub(crate) Vec<f64>);

impl Samples {
    pub(crate) fn push(&mut self, d: Duration) {
        self.0.push(d.as_secs_f64());
    }

    pub(crate) fn median(&self) -> f64 {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    }

    pub(crate) fn mean(&self) -> f64 {
        self.0.iter().sum::<f64>() / self.0.len() as f64
    }
}

/// Runs `f` up to `runs` times (at least once), stopping early once `budget` is spent, and
/// returns the samples and the last result.
///
/// A run's result is dropped before the next run starts, outside its time: freeing a result
/// (a whole graph, for the import) is not the next run's work, and GAP's timer stops before
/// its kernel's result is freed too.
pub(crate) fn repeat<R>(runs: usize, budget: Duration, mut f: impl FnMut() -> R) -> (Samples, R) {
    let started = Instant::now();
    let mut samples = Samples::default();
    loop {
        let t = Instant::now();
        let last = f();
        samples.push(t.elapsed());
        if samples.0.len() >= runs.max(1) || started.elapsed() >= budget {
            return (samples, last);
        }
        drop(last);
    }
}

/// `VmHWM` (peak resident set) and `VmRSS` in KiB; `None` where `/proc` is unavailable.
pub(crate) fn rss_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}
