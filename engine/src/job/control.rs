//! The handle a running job's compute code uses to observe cancellation and report progress.
//!
//! Compute runs on blocking threads (rayon), so this is lock-free: an atomic cancel flag and
//! atomic counters that the runner samples and persists periodically.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Returned by [`JobControl::check`] once the job has been asked to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

#[derive(Debug, Default)]
struct Shared {
    cancel: AtomicBool,
    /// Work units done and total; `total == 0` means "unknown".
    done: AtomicU64,
    total: AtomicU64,
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
    fn cancel_is_seen_by_clones() {
        let c = JobControl::new();
        let seen_by_worker = c.clone();
        assert!(seen_by_worker.check().is_ok());
        c.cancel();
        assert_eq!(seen_by_worker.check(), Err(Cancelled));
    }
}
