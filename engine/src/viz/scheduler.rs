//! The background task that moves visualization jobs along: INIT → WAITING → RUNNING and
//! KILLING → COMPLETED one [`STEP`] apart, and a RUNNING job with a schedule to KILLING when its
//! hours are up. All it knows is in the store, so jobs a previous process left in INIT, WAITING
//! or KILLING carry on after a restart, and RUNNING ones keep running.
//!
//! [`next_step`] is the pure decision; [`crate::Engine::visualization_tick`] applies it.

use std::time::Duration;

use time::OffsetDateTime;

use super::VizJob;
use super::state::{self, VizState};
use crate::engine::Engine;

/// Time a job spends in each automatic state (INIT, WAITING, KILLING).
pub(crate) const STEP: Duration = Duration::from_millis(300);
/// How often the task looks for due steps.
const POLL: Duration = Duration::from_millis(100);

/// One automatic transition that is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    /// The new state.
    pub(crate) to: VizState,
    /// When it happened (the tick's now).
    pub(crate) at: OffsetDateTime,
    /// For an auto-stop: when the run ended (its deadline, so `duration` is exactly the
    /// scheduled hours even when the tick comes late).
    pub(crate) ended_at: Option<OffsetDateTime>,
}

/// The step due for `job` at `now`, if any.
pub(crate) fn next_step(job: &VizJob, now: OffsetDateTime) -> Option<Step> {
    if let Some(to) = state::advance(job.state) {
        return (now >= job.changed_at + STEP).then_some(Step {
            to,
            at: now,
            ended_at: None,
        });
    }
    let hours = job.schedule_hours.filter(|h| *h > 0)?;
    let deadline = job.started_at? + time::Duration::hours(i64::from(hours));
    if now < deadline {
        return None;
    }
    let to = state::stop(job.state).ok()?;
    Some(Step {
        to,
        at: now,
        ended_at: Some(deadline),
    })
}

/// Starts the task; it ends with the engine's shutdown.
pub(crate) fn spawn(engine: &Engine) {
    let engine = engine.clone();
    tokio::spawn(async move {
        let shutdown = engine.shutdown_signal().clone();
        loop {
            tokio::select! {
                () = shutdown.cancelled() => return,
                () = tokio::time::sleep(POLL) => {}
            }
            if let Err(e) = engine.visualization_tick(crate::time_fmt::now()).await {
                tracing::warn!(error = %e, "visualization scheduler tick failed");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time_fmt::from_millis;

    fn job(state: VizState, hours: Option<u8>) -> VizJob {
        let t0 = from_millis(1_700_000_000_000);
        VizJob {
            id: 1,
            project: "p".into(),
            name: "n".into(),
            desc: String::new(),
            train_url: "/b/d/".into(),
            job_type: "TensorBoard".into(),
            flavor: None,
            resource_id: "r".into(),
            schedule_hours: hours,
            state,
            created_at: t0,
            changed_at: t0,
            started_at: (state == VizState::Running).then_some(t0),
            ended_at: None,
            fail_reason: None,
        }
    }

    #[test]
    fn automatic_states_step_after_one_step_time() {
        for (from, to) in [
            (VizState::Init, VizState::Waiting),
            (VizState::Waiting, VizState::Running),
            (VizState::Killing, VizState::Completed),
        ] {
            let j = job(from, Some(1));
            assert_eq!(next_step(&j, j.changed_at), None, "{from:?} too early");
            let at = j.changed_at + STEP;
            assert_eq!(
                next_step(&j, at),
                Some(Step {
                    to,
                    at,
                    ended_at: None
                })
            );
        }
    }

    #[test]
    fn running_jobs_stop_only_when_their_schedule_is_up() {
        let j = job(VizState::Running, None);
        assert_eq!(
            next_step(&j, j.changed_at + time::Duration::days(365)),
            None
        );
        let j = job(VizState::Running, Some(0));
        assert_eq!(
            next_step(&j, j.changed_at + time::Duration::days(365)),
            None
        );
        let j = job(VizState::Running, Some(2));
        let deadline = j.started_at.unwrap() + time::Duration::hours(2);
        assert_eq!(next_step(&j, deadline - time::Duration::SECOND), None);
        let late = deadline + time::Duration::minutes(5);
        assert_eq!(
            next_step(&j, late),
            Some(Step {
                to: VizState::Killing,
                at: late,
                ended_at: Some(deadline)
            })
        );
    }

    #[test]
    fn finished_jobs_never_move() {
        for s in [VizState::Completed, VizState::Failed, VizState::Killed] {
            let j = job(s, Some(1));
            assert_eq!(next_step(&j, j.changed_at + time::Duration::days(2)), None);
        }
    }
}
