//! A running job's heartbeat: samples its [`JobControl`] and persists progress, counters and an
//! ETA twice a second (only when something changed), and renews the job's lease every third of
//! the lease. When a renewal finds the lease gone (the sweep gave the job away, or its cancel
//! deadline passed) the job's compute is told to stop; its writes are fenced out anyway.

use std::time::{Duration, Instant};

use time::OffsetDateTime;

use super::JobState;
use super::control::JobControl;
use super::store::{JobStore, ProgressReport};
use crate::Engine;
use crate::time_fmt::now;

const PROGRESS_EVERY: Duration = Duration::from_millis(500);

/// Runs until aborted by the runner (or until the lease is lost).
pub(crate) async fn run(
    engine: Engine,
    project: String,
    id: String,
    fence: String,
    ctl: JobControl,
    started: Instant,
) {
    let (store, lease) = (engine.store(), engine.config().lease);
    let renew_every = (lease / 3).max(Duration::from_millis(10));
    let tick = PROGRESS_EVERY.min(renew_every);
    let mut last = ProgressReport::default();
    let mut last_renewal = Instant::now();
    loop {
        tokio::time::sleep(tick).await;
        if last_renewal.elapsed() >= renew_every {
            last_renewal = Instant::now();
            match store.renew_lease(&id, &fence, lease).await {
                Ok(true) => {
                    // A cancel asked of another node reaches this one by a notification
                    // (`cluster_events`); should that be lost, this check catches it. A store
                    // of one node has no other node: its cancels reach the control directly.
                    if store.is_shared()
                        && let Ok(Some(job)) = store.job(&project, &id).await
                        && job.state == JobState::Cancelling
                    {
                        ctl.cancel();
                    }
                }
                Ok(false) => {
                    tracing::warn!(job = %id, "lease lost; stopping the job's compute");
                    ctl.cancel();
                    return;
                }
                Err(e) => tracing::warn!(job = %id, error = %e, "cannot renew the lease"),
            }
        }
        let report = sample(&ctl, started.elapsed(), now());
        if report.percent != last.percent || report.counters != last.counters {
            if let Err(e) = store.report_progress(&id, &fence, &report).await {
                tracing::debug!(job = %id, error = %e, "cannot record progress");
            }
            engine.events().changed(&project, &id);
            last = report;
        }
    }
}

/// The report for a job at `elapsed` since it started: the ETA extrapolates the progress rate
/// and is unknown until some progress (and not all) is made.
pub(crate) fn sample(ctl: &JobControl, elapsed: Duration, now: OffsetDateTime) -> ProgressReport {
    let percent = ctl.percent();
    let eta = match percent {
        Some(p) if (1..100).contains(&p) => {
            let remaining = elapsed.mul_f64(f64::from(100 - p) / f64::from(p));
            Some(now + remaining)
        }
        _ => None,
    };
    ProgressReport {
        percent,
        counters: ctl.counters(),
        eta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eta_is_unknown_without_progress_and_extrapolated_with_it() {
        let ctl = JobControl::new();
        let t0 = now();
        assert_eq!(sample(&ctl, Duration::from_secs(10), t0).eta, None);
        ctl.set_progress(1, 4);
        let r = sample(&ctl, Duration::from_secs(10), t0);
        assert_eq!(r.percent, Some(25));
        assert_eq!(r.eta, Some(t0 + Duration::from_secs(30)));
        ctl.set_progress(4, 4);
        assert_eq!(sample(&ctl, Duration::from_secs(10), t0).eta, None);
    }
}
