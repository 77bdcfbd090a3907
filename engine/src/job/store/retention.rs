//! [`Retention`]: how long the sweep keeps finished jobs ([`super::JobStore::delete_expired`]).

use std::time::Duration;

/// How long finished jobs (rows and result files) are kept, per terminal state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Succeeded jobs.
    pub succeeded: Duration,
    /// Failed jobs (kept longer by default: they are what people come back to investigate).
    pub failed: Duration,
    /// Cancelled jobs.
    pub cancelled: Duration,
}

impl Retention {
    /// The longest of the three: how long anything a finished job may need (its uploads) is
    /// kept.
    pub fn longest(&self) -> Duration {
        self.succeeded.max(self.failed).max(self.cancelled)
    }
}

impl Default for Retention {
    /// Succeeded and cancelled 7 days, failed 30 days.
    fn default() -> Self {
        const DAY: u64 = 24 * 3600;
        Self {
            succeeded: Duration::from_secs(7 * DAY),
            failed: Duration::from_secs(30 * DAY),
            cancelled: Duration::from_secs(7 * DAY),
        }
    }
}
