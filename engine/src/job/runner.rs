//! The worker pool: a semaphore of `workers` permits, one claim per permit, compute on blocking
//! threads (rayon inside), a heartbeat per job (progress, counters, ETA, lease renewal; see
//! [`super::heartbeat`]), every write fenced on this process's lease owner id.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use super::control::JobControl;
use super::heartbeat;
use super::kind::Running;
use super::store::{JobStore, Outcome};
use super::{JobKind, JobRecord, JobState};
use crate::engine::Engine;
use crate::{Error, Result};

const IDLE_POLL: Duration = Duration::from_secs(1);

/// Runs until the engine shuts down, then waits for the jobs in flight.
pub(crate) async fn run(engine: Engine) {
    let inner = &engine.inner;
    let permits = Arc::new(Semaphore::new(inner.config.workers));
    let mut tasks = tokio::task::JoinSet::new();
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => p.expect("semaphore never closes"),
            _ = inner.shutdown.cancelled() => break,
        };
        match inner
            .store
            .claim_next_leased(&inner.owner, inner.config.lease)
            .await
        {
            Ok(Some(job)) => {
                let engine = engine.clone();
                tasks.spawn(async move {
                    execute(&engine, job).await;
                    drop(permit);
                });
            }
            Ok(None) => {
                drop(permit);
                tokio::select! {
                    _ = inner.wake.notified() => {}
                    _ = tokio::time::sleep(IDLE_POLL) => {}
                    _ = inner.shutdown.cancelled() => break,
                }
            }
            Err(e) => {
                drop(permit);
                tracing::error!(error = %e, "cannot claim a job; retrying");
                tokio::time::sleep(IDLE_POLL).await;
            }
        }
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
}

/// Runs one claimed job to a terminal state.
async fn execute(engine: &Engine, job: JobRecord) {
    let inner = &engine.inner;
    let id = job.id.0.clone();
    let ctl = JobControl::new();
    inner.events.changed(&job.project, &id);
    inner
        .running
        .lock()
        .expect("running lock")
        .insert(id.clone(), ctl.clone());
    // A cancel that landed between the claim and the registration above found no control.
    if matches!(inner.store.job(&job.project, &id).await, Ok(Some(j)) if j.state == JobState::Cancelling)
    {
        ctl.cancel();
    }
    let started = Instant::now();
    let ticker = tokio::spawn(heartbeat::run(
        engine.clone(),
        job.project.clone(),
        id.clone(),
        ctl.clone(),
        started,
    ));
    let outcome = match run_job(engine, &job, &ctl).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!(job = %id, error = %e, "job failed on an internal error");
            Outcome::Failed {
                code: "GES.8301".into(),
                reason: format!("internal error: {e}"),
                detail: None,
            }
        }
    };
    ticker.abort();
    // The final counters (rows written…) are recorded with the outcome.
    let last = heartbeat::sample(&ctl, started.elapsed(), crate::time_fmt::now());
    if !last.counters.is_empty() {
        let _ = inner.store.report_progress(&id, &inner.owner, &last).await;
    }
    inner.running.lock().expect("running lock").remove(&id);
    let finished = inner.store.finish(&id, &inner.owner, &outcome).await;
    inner.events.changed(&job.project, &id);
    match finished {
        Ok(true) => {
            let state = match &outcome {
                Outcome::Succeeded { .. } => "succeeded",
                Outcome::Failed { .. } => "failed",
                Outcome::Cancelled => "cancelled",
            };
            let elapsed_ms = started.elapsed().as_millis() as u64;
            tracing::info!(job = %id, job_type = job.job_type.as_str(), state, elapsed_ms, "job finished");
        }
        Ok(false) => {
            tracing::warn!(job = %id, "job was taken from this worker; its outcome is discarded")
        }
        Err(e) => {
            tracing::error!(job = %id, error = %e, "cannot record the job's end; recovery will handle it")
        }
    }
}

/// Reads the job's stored spec and runs its kind's executor ([`super::kind`]).
async fn run_job(engine: &Engine, job: &JobRecord, ctl: &JobControl) -> Result<Outcome> {
    let spec = engine
        .inner
        .store
        .job_spec(&job.id.0)
        .await?
        .ok_or_else(|| Error::not_found("job spec"))?;
    let kind: JobKind =
        serde_json::from_value(spec).map_err(|e| Error::Internal(format!("job spec: {e}")))?;
    kind.run(Running { engine, job, ctl }).await
}
