//! The handle a running job's compute code uses to observe cancellation and report progress.
//!
//! Compute runs on blocking threads (rayon), so this is lock-free: an atomic cancel flag and
//! atomic counters that the runner samples and persists periodically.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::JobCounters;

/// Returned by [`JobControl::check`] once the job has been asked to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

#[derive(Debug)]
struct Shared {
    cancel: AtomicBool,
    /// Work units done and total; `total == 0` means "unknown".
    done: AtomicU64,
    total: AtomicU64,
    /// Counters; [`UNKNOWN`] until reported.
    rows: AtomicU64,
    vertices: AtomicU64,
    iterations: AtomicU64,
    graph_load_ms: AtomicU64,
}

/// Sentinel of a counter nobody reported.
const UNKNOWN: u64 = u64::MAX;

impl Default for Shared {
    fn default() -> Self {
        Self {
            cancel: AtomicBool::new(false),
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            rows: AtomicU64::new(UNKNOWN),
            vertices: AtomicU64::new(UNKNOWN),
            iterations: AtomicU64::new(UNKNOWN),
            graph_load_ms: AtomicU64::new(UNKNOWN),
        }
    }
}

/// Cancel flag plus progress counters shared between a job's compute code and the runner.
#[derive(Debug, Clone, Default)]
pub struct JobControl {
    shared: Arc<Shared>,
}

impl JobControl {
    /// A fresh control (not cancelled, progress unknown). Also what tests use.
    pub fn new() -> Self {
        Self::default()
    }

    /// Ask the job to stop at its next check.
    pub fn cancel(&self) {
        self.shared.cancel.store(true, Ordering::Release);
    }

    /// Whether [`cancel`](Self::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.shared.cancel.load(Ordering::Acquire)
    }

    /// `Err(Cancelled)` once cancelled; kernels call this between iterations or batches.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// Report `done` of `total` work units (iterations, rows, vertices…).
    pub fn set_progress(&self, done: u64, total: u64) {
        self.shared.total.store(total, Ordering::Relaxed);
        self.shared.done.store(done.min(total), Ordering::Relaxed);
    }

    /// Progress as a whole percentage, or `None` while unknown.
    pub fn percent(&self) -> Option<u8> {
        let total = self.shared.total.load(Ordering::Relaxed);
        if total == 0 {
            return None;
        }
        let done = self.shared.done.load(Ordering::Relaxed);
        Some(((done.saturating_mul(100)) / total).min(100) as u8)
    }

    /// Report rows read or written so far.
    pub fn set_rows(&self, rows: u64) {
        self.shared
            .rows
            .store(rows.min(UNKNOWN - 1), Ordering::Relaxed);
    }

    /// Report the number of vertices the job works on.
    pub fn set_vertices(&self, vertices: u64) {
        self.shared
            .vertices
            .store(vertices.min(UNKNOWN - 1), Ordering::Relaxed);
    }

    /// Report iterations done (iterative algorithms).
    pub fn set_iterations(&self, iterations: u64) {
        self.shared
            .iterations
            .store(iterations.min(UNKNOWN - 1), Ordering::Relaxed);
    }

    /// Report how long the job waited for its graph to be loaded (not in this node's memory:
    /// read from the data dir, or first fetched from the object store).
    pub fn set_graph_load(&self, took: std::time::Duration) {
        let ms = u64::try_from(took.as_millis()).unwrap_or(UNKNOWN - 1);
        self.shared
            .graph_load_ms
            .store(ms.min(UNKNOWN - 1), Ordering::Relaxed);
    }

    /// The counters reported so far.
    pub fn counters(&self) -> JobCounters {
        let get = |a: &AtomicU64| Some(a.load(Ordering::Relaxed)).filter(|&v| v != UNKNOWN);
        JobCounters {
            rows: get(&self.shared.rows),
            vertices: get(&self.shared.vertices),
            iterations: get(&self.shared.iterations),
            graph_load_ms: get(&self.shared.graph_load_ms),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_unknown_until_reported_then_clamped() {
        let c = JobControl::new();
        assert_eq!(c.percent(), None);
        c.set_progress(1, 4);
        assert_eq!(c.percent(), Some(25));
        c.set_progress(9, 4);
        assert_eq!(c.percent(), Some(100));
    }

    #[test]
    fn counters_are_unknown_until_reported() {
        let c = JobControl::new();
        assert!(c.counters().is_empty());
        c.set_vertices(7);
        c.set_rows(3);
        let got = c.clone().counters();
        assert_eq!(
            (got.rows, got.vertices, got.iterations),
            (Some(3), Some(7), None)
        );
    }

    #[test]
    fn cancel_is_seen_by_clones() {
        let c = JobControl::new();
        let seen_by_worker = c.clone();
        assert!(seen_by_worker.check().is_ok());
        c.cancel();
        assert_eq!(seen_by_worker.check(), Err(Cancelled));
    }
}
