//! Two engine nodes on one PostgreSQL store (each with its own data dir): what one node does
//! reaches the other's listeners at once (LISTEN/NOTIFY), and a cancel asked of one node stops
//! the job the other runs. Skipped unless `GRAPHJOBS_TEST_PG_URL` names a server
//! (`scripts/pg_test.sh` runs these tests so).

mod common;

use std::path::Path;
use std::time::Duration;

use common::slow_import::{blocked_reader, fifo, import, release, write_inputs};
use engine::job::events::JobEvent;
use engine::{Engine, EngineConfig, JobKind, JobSpec, JobState};
use serde_json::json;
use tokio::sync::broadcast;

const P: &str = "proj1";

async fn node(dir: &Path, url: &str, workers: usize) -> Engine {
    let mut config = EngineConfig::new(dir);
    config.workers = workers;
    config.database_url = Some(url.to_owned());
    // Long leases: the heartbeat's own check of the job's state (every third of the lease)
    // must not be what stops the job in these tests, the notification must.
    config.lease = Duration::from_secs(120);
    let node = Engine::open(config).await.unwrap();
    common::wait_until_true(Duration::from_secs(10), || node.listening_to_other_nodes()).await;
    node
}

/// The next event about `job` on `rx`, within `timeout`.
async fn event_about(rx: &mut broadcast::Receiver<JobEvent>, job: &str, timeout: Duration) {
    let found = tokio::time::timeout(timeout, async {
        loop {
            match rx.recv().await {
                Ok(e) if e.job_id.as_deref() == Some(job) => return,
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => panic!("event channel closed"),
            }
        }
    })
    .await;
    assert!(found.is_ok(), "no event about job {job} within {timeout:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_submitted_on_one_node_is_announced_on_the_other() {
    let Some(url) = engine::testing::fresh_pg_database().await else {
        eprintln!("GRAPHJOBS_TEST_PG_URL not set: PostgreSQL skipped");
        return;
    };
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = node(da.path(), &url, 0).await;
    let b = node(db.path(), &url, 0).await;
    let mut on_b = b.job_events();
    let job = a
        .submit(P, JobSpec::new("g", JobKind::CreateGraph, json!({})))
        .await
        .unwrap();
    event_about(&mut on_b, &job.id.0, Duration::from_secs(5)).await;
    // B reads the job A queued from the shared store.
    assert_eq!(b.job(P, &job.id.0).await.unwrap().state, JobState::Queued);
    a.shutdown(Duration::from_secs(1)).await;
    b.shutdown(Duration::from_secs(1)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_asked_of_one_node_stops_the_job_the_other_runs() {
    let Some(url) = engine::testing::fresh_pg_database().await else {
        eprintln!("GRAPHJOBS_TEST_PG_URL not set: PostgreSQL skipped");
        return;
    };
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let input = write_inputs(da.path());
    let runner = node(da.path(), &url, 1).await;
    let other = node(db.path(), &url, 0).await;
    let slow = fifo(&input);
    let job = runner.submit(P, import("g", &input, slow)).await.unwrap();
    let id = job.id.0.clone();
    // The import is blocked on its FIFO, past its cancel checks: running on `runner`.
    let gate = blocked_reader(&input).await;
    common::wait_until(&runner, P, &id, Duration::from_secs(10), |j| {
        j.state == JobState::Running
    })
    .await;

    let mut on_runner = runner.job_events();
    let asked = other.cancel(P, &id, "alice", "wrong file").await.unwrap();
    assert_eq!(asked.state, JobState::Cancelling);
    // `runner` hears of it from `other` (it announces nothing itself meanwhile: a blocked
    // import reports no progress), and has stopped the job's compute by then.
    event_about(&mut on_runner, &id, Duration::from_secs(5)).await;
    release(gate);
    let done = common::wait(&runner, P, &id).await;
    assert_eq!(done.state, JobState::Cancelled, "{done:?}");
    assert_eq!(done.cancel_actor.as_deref(), Some("alice"));
    runner.shutdown(Duration::from_secs(1)).await;
    other.shutdown(Duration::from_secs(1)).await;
}
