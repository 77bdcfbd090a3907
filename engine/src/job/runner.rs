//! The worker pool: a semaphore of `workers` permits, one claim per permit, compute on blocking
//! threads (rayon inside), a heartbeat per job (progress, counters, ETA, lease renewal; see
//! [`super::heartbeat`]), every write fenced on this process's lease owner id.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use super::control::JobControl;
use super::heartbeat;
use super::kind::Running;
use super::store::{GraphChange, JobStore, Outcome};
use super::{JobKind, JobRecord, JobState};
use crate::engine::Engine;
use crate::{Error, FailKind, Result};

const IDLE_POLL: Duration = Duration::from_secs(1);
/// How long a job waits, in all, for a shared part that is away (the object store, PostgreSQL)
/// before it fails: it runs again after 0.5, 1, 2, 4, 8, 8… s, its lease renewed meanwhile.
const OUTAGE_BUDGET: Duration = Duration::from_secs(60);

/// Runs until the engine shuts down, then waits for the jobs in flight.
pub(crate) async fn run(engine: Engine) {
    let (config, store) = (engine.config(), engine.store());
    let shutdown = engine.shutdown_signal();
    let permits = Arc::new(Semaphore::new(config.workers));
    let mut tasks = tokio::task::JoinSet::new();
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => p.expect("semaphore never closes"),
            _ = shutdown.cancelled() => break,
        };
        let fence = fence_token(&engine);
        match store.claim_next_leased(&fence, config.lease).await {
            Ok(Some(job)) => {
                let engine = engine.clone();
                tasks.spawn(async move {
                    execute(&engine, job, fence).await;
                    drop(permit);
                });
            }
            Ok(None) => {
                drop(permit);
                tokio::select! {
                    _ = engine.wake().notified() => {}
                    _ = tokio::time::sleep(IDLE_POLL) => {}
                    _ = shutdown.cancelled() => break,
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

/// Runs the job; when a shared part is away (a result could not be uploaded, a snapshot not
/// fetched) it runs it again after a pause, until [`OUTAGE_BUDGET`] is spent or it is
/// cancelled. Every job kind may run again: results and snapshots are written whole under
/// their final names only at the end, and a rerun starts them afresh.
async fn run_riding_out_outages(
    engine: &Engine,
    job: &JobRecord,
    ctl: &JobControl,
) -> Result<Outcome> {
    let mut pause = Duration::from_millis(500);
    let mut waited = Duration::ZERO;
    loop {
        match run_job(engine, job, ctl).await {
            Err(e) if e.is_unavailable() && waited < OUTAGE_BUDGET && !ctl.is_cancelled() => {
                tracing::warn!(job = %job.id, error = %e, retry_in_ms = pause.as_millis() as u64,
                    "a shared part is unavailable; the job runs again");
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = engine.shutdown_signal().cancelled() => return Err(e),
                }
                waited += pause;
                pause = (pause * 2).min(Duration::from_secs(8));
            }
            other => return other,
        }
    }
}

/// The lease owner a claim is made and fenced under: this process's id and the claim's number.
/// Each claim has its own, so a worker of this process that lost its job (paused past its
/// lease, the job swept back to the queue and claimed again, by another node or by this one)
/// cannot overwrite what the later attempt writes.
fn fence_token(engine: &Engine) -> String {
    let n = engine.next_claim();
    format!("{}/{n}", engine.node_id())
}

/// Runs one claimed job to a terminal state; every write is fenced on `fence`.
async fn execute(engine: &Engine, job: JobRecord, fence: String) {
    let (store, events) = (engine.store(), engine.events());
    let id = job.id.0.clone();
    let ctl = JobControl::new();
    events.changed(&job.project, &id);
    engine.running().insert(&id, ctl.clone());
    // A cancel that landed between the claim and the registration above found no control.
    if matches!(store.job(&job.project, &id).await, Ok(Some(j)) if j.state == JobState::Cancelling)
    {
        ctl.cancel();
    }
    let started = Instant::now();
    let ticker = tokio::spawn(heartbeat::run(
        engine.clone(),
        job.project.clone(),
        id.clone(),
        fence.clone(),
        ctl.clone(),
        started,
    ));
    let outcome = match run_riding_out_outages(engine, &job, &ctl).await {
        Ok(outcome) => outcome,
        // Asked to stop, and stopped: what it met on the way (a store that was away) is logged,
        // the job ends as the user asked.
        Err(e) if ctl.is_cancelled() => {
            tracing::warn!(job = %id, error = %e, "a cancelled job stopped on an error");
            Outcome::Cancelled
        }
        Err(e) => {
            tracing::error!(job = %id, error = %e, "job failed on an internal error");
            Outcome::Failed {
                kind: FailKind::RunFailed,
                reason: format!("internal error: {e}"),
                detail: None,
            }
        }
    };
    ticker.abort();
    // The final counters (rows written…) are recorded with the outcome.
    let last = heartbeat::sample(&ctl, started.elapsed(), crate::time_fmt::now());
    if !last.counters.is_empty() {
        let _ = store.report_progress(&id, &fence, &last).await;
    }
    engine.running().remove(&id);
    let finished = store.finish(&id, &fence, &outcome).await;
    events.changed(&job.project, &id);
    match finished {
        Ok(true) => {
            let state = match &outcome {
                Outcome::Succeeded { .. } => "succeeded",
                Outcome::Failed { .. } => "failed",
                Outcome::Cancelled => "cancelled",
            };
            let elapsed_ms = started.elapsed().as_millis() as u64;
            tracing::info!(job = %id, job_type = job.job_type.as_str(), state, elapsed_ms, "job finished");
            if let Outcome::Succeeded {
                graph_change: Some(change),
                graph_version,
                ..
            } = &outcome
            {
                // The new version is current (older snapshots may go), or the graph is gone.
                let (engine, project, name) =
                    (engine.clone(), job.project.clone(), job.graph.clone());
                let (change, deleted) = (change.clone(), graph_version.unwrap_or(0));
                let removed = tokio::task::spawn_blocking(move || match change {
                    GraphChange::Publish(graph) => {
                        engine.catalog().prune(&project, &graph.name, graph.version)
                    }
                    GraphChange::Delete => engine.catalog().remove(&project, &name, deleted),
                });
                let _ = removed.await;
            }
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
        .store()
        .job_spec(&job.id.0)
        .await?
        .ok_or_else(|| Error::not_found("job spec"))?;
    let kind: JobKind =
        serde_json::from_value(spec).map_err(|e| Error::Internal(format!("job spec: {e}")))?;
    kind.run(Running { engine, job, ctl }).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::job::store::JobStore;
    use crate::job::{JobKind, JobSpec};
    use crate::{EngineConfig, time_fmt};

    #[tokio::test]
    async fn each_claim_is_fenced_apart_so_a_stale_worker_of_this_process_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = EngineConfig::new(dir.path());
        config.workers = 0; // no runner: this test claims by hand, as the runner does
        let engine = Engine::open(config).await.unwrap();
        let store = engine.store();
        let spec = JobSpec::new("g", JobKind::CreateGraph, serde_json::json!({}));
        let id = engine.submit("p1", spec).await.unwrap().id.0;
        let lease = Duration::from_secs(30);

        let first = fence_token(&engine);
        let claimed = store.claim_next_leased(&first, lease).await.unwrap();
        assert_eq!(claimed.map(|j| j.id.0), Some(id.clone()));
        // Its lease runs out (the process was paused): the sweep puts the job back, and this
        // same process claims it again.
        let later = time_fmt::now() + time::Duration::hours(1);
        assert_eq!(store.expire_leases(later).await.unwrap().requeued, 1);
        let second = fence_token(&engine);
        assert_ne!(first, second);
        let again = store.claim_next_leased(&second, lease).await.unwrap();
        assert_eq!(again.map(|j| j.id.0), Some(id.clone()));

        // The first worker wakes up: its writes change nothing; the second's do.
        assert!(!store.renew_lease(&id, &first, lease).await.unwrap());
        assert!(
            !store
                .finish(&id, &first, &Outcome::Cancelled)
                .await
                .unwrap()
        );
        let done = Outcome::Succeeded {
            result_total: 0,
            graph_version: None,
            detail: None,
            partial: false,
            graph_change: None,
        };
        assert!(store.finish(&id, &second, &done).await.unwrap());
        assert_eq!(
            engine.job("p1", &id).await.unwrap().state,
            JobState::Succeeded
        );
    }

    #[tokio::test]
    async fn a_stale_claim_writing_its_result_late_leaves_the_recorded_one_alone() {
        use crate::result::ResultKey;
        let dir = tempfile::tempdir().unwrap();
        let mut config = EngineConfig::new(dir.path());
        config.workers = 0;
        let engine = Engine::open(config).await.unwrap();
        let store = engine.store();
        let spec = JobSpec::new("g", JobKind::CreateGraph, serde_json::json!({}));
        let id = engine.submit("p1", spec).await.unwrap().id.0;
        let lease = Duration::from_secs(30);
        let (first, second) = (fence_token(&engine), fence_token(&engine));
        let stale = store.claim_next_leased(&first, lease).await.unwrap();
        let later = time_fmt::now() + time::Duration::hours(1);
        store.expire_leases(later).await.unwrap();
        let winner = store.claim_next_leased(&second, lease).await.unwrap();
        let (stale, winner) = (stale.unwrap(), winner.unwrap());
        assert_eq!((stale.attempt, winner.attempt), (1, 2));
        let write = |job: &JobRecord, rows: &[&str]| {
            let mut w = engine.results().writer(&ResultKey::of_claim(job)).unwrap();
            for r in rows {
                w.push(r).unwrap();
            }
            w.finish("vertices", Default::default(), None).unwrap()
        };
        write(&winner, &["w1", "w2"]);
        let done = Outcome::Succeeded {
            result_total: 2,
            graph_version: None,
            detail: None,
            partial: false,
            graph_change: None,
        };
        assert!(store.finish(&id, &second, &done).await.unwrap());
        // The first worker wakes up after the job succeeded and writes its result anyway.
        write(&stale, &["s1", "s2", "s3"]);
        assert!(!store.finish(&id, &first, &done).await.unwrap());
        let page = engine.result_page("p1", &id, 0, 10).await.unwrap();
        assert_eq!((page.total, page.rows.len()), (2, 2));
        assert_eq!(
            page.rows,
            vec![serde_json::json!("w1"), serde_json::json!("w2")]
        );
        // Retention deletes every claim's result.
        engine.results().remove(&id).unwrap();
        assert!(!dir.path().join("results").join(&id).exists());
    }
}
