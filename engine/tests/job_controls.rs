//! Job controls through the engine façade on a real SQLite store: lease heartbeats and the
//! periodic sweep, cancel deadlines, progress counters and ETA, retention, duplicate-submit
//! protection, priorities, clone-and-re-run.
//!
//! A long-running job is an import whose vertex file is a FIFO: it blocks (and ignores cancels)
//! until the test writes the rows, which makes "still running" and "did not stop" exact.

mod common;

use common::slow_import::{blocked_reader, fifo, import, release, write_inputs};

use std::path::{Path, PathBuf};
use std::time::Duration;

use engine::job::store::{JobStore, SqlStore};
use engine::time_fmt::now;
use engine::{Engine, EngineConfig, Error, JobKind, JobRecord, JobSpec, JobState, SubmitOptions};
use serde_json::{Map, json};

const P: &str = "proj1";

fn config(dir: &Path, workers: usize) -> EngineConfig {
    let mut c = EngineConfig::new(dir);
    c.workers = workers;
    // Short enough that a test sees several lease periods, long enough for a loaded machine.
    c.lease = Duration::from_millis(1000);
    c.sweep_every = Duration::from_millis(100);
    c
}

async fn wait_for(engine: &Engine, id: &str, what: impl Fn(&JobRecord) -> bool) -> JobRecord {
    common::wait_until(engine, P, id, Duration::from_secs(10), what).await
}

async fn wait(engine: &Engine, id: &str) -> JobRecord {
    wait_for(engine, id, |j| j.state.is_terminal()).await
}

async fn with_graph(dir: &Path, workers: usize) -> (Engine, PathBuf) {
    let input = write_inputs(dir);
    let engine = Engine::open(config(dir, workers.max(1))).await.unwrap();
    let job = engine
        .submit(P, import("g", &input, "v.csv"))
        .await
        .unwrap();
    assert_eq!(wait(&engine, &job.id.0).await.state, JobState::Succeeded);
    if workers == 0 {
        engine.shutdown(Duration::from_secs(5)).await;
        return (Engine::open(config(dir, 0)).await.unwrap(), input);
    }
    (engine, input)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn heartbeats_keep_a_live_job_and_the_sweep_takes_a_dead_nodes_job() {
    let tmp = tempfile::tempdir().unwrap();
    let (engine, input) = with_graph(tmp.path(), 1).await;
    // The only worker is busy with a long import…
    let slow = engine
        .submit(P, import("h", &input, fifo(&input)))
        .await
        .unwrap();
    wait_for(&engine, &slow.id.0, |j| j.state == JobState::Running).await;
    let gate = blocked_reader(&input).await;
    // …so a job submitted now waits, and a "node" that then dies takes it with a short lease.
    let job = engine
        .submit(P, JobSpec::algorithm("g", "pagerank", Map::new()))
        .await
        .unwrap();
    let dead = SqlStore::open_sqlite(&tmp.path().join("graphjobs.db"))
        .await
        .unwrap();
    let taken = dead
        .claim_next_leased("dead-node", Duration::from_millis(200))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(taken.id, job.id);
    // The sweep re-queues it once the lease runs out, without any restart.
    wait_for(&engine, &job.id.0, |j| j.state == JobState::Queued).await;
    assert!(
        !dead
            .renew_lease(&job.id.0, "dead-node", Duration::from_secs(9))
            .await
            .unwrap()
    );
    // Meanwhile the live import, several leases long, kept its lease by heartbeat.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let live = engine.job(P, &slow.id.0).await.unwrap();
    assert_eq!(live.state, JobState::Running);
    assert!(live.lease_expires_at.unwrap() > now(), "{live:?}");
    release(gate);
    let imported = wait(&engine, &slow.id.0).await;
    assert_eq!(imported.state, JobState::Succeeded, "{imported:?}");
    assert_eq!(imported.counters.vertices, Some(5));
    let rerun = wait(&engine, &job.id.0).await;
    assert_eq!(rerun.state, JobState::Succeeded, "{rerun:?}");
    assert!(
        !dead
            .finish(
                &job.id.0,
                "dead-node",
                &engine::job::store::Outcome::Cancelled
            )
            .await
            .unwrap(),
        "the dead node's late outcome is ignored"
    );
    dead.close().await;
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_that_ignores_its_cancel_is_failed_at_the_deadline() {
    let tmp = tempfile::tempdir().unwrap();
    let input = write_inputs(tmp.path());
    let mut c = config(tmp.path(), 1);
    c.cancel_deadline = Duration::from_secs(1);
    let engine = Engine::open(c).await.unwrap();
    let slow = engine
        .submit(P, import("h", &input, fifo(&input)))
        .await
        .unwrap();
    wait_for(&engine, &slow.id.0, |j| j.state == JobState::Running).await;
    let gate = blocked_reader(&input).await;
    let cancelling = engine
        .cancel(P, &slow.id.0, "alice", "stuck on input")
        .await
        .unwrap();
    assert_eq!(cancelling.state, JobState::Cancelling);
    let deadline = cancelling.cancel_deadline.expect("deadline recorded");
    let failed = wait(&engine, &slow.id.0).await;
    assert!(
        now() >= deadline,
        "ended before its deadline {deadline}: {failed:?}"
    );
    assert_eq!(failed.state, JobState::Failed);
    let reason = failed.fail_reason.clone().unwrap();
    assert!(
        reason.starts_with("cancelled by alice: stuck on input")
            && reason.contains("1 s cancel deadline"),
        "{reason}"
    );
    assert_eq!(failed.cancel_actor.as_deref(), Some("alice"));
    // The worker finally stops; what it reports changes nothing.
    release(gate);
    tokio::time::sleep(Duration::from_millis(700)).await;
    let after = engine.job(P, &slow.id.0).await.unwrap();
    assert_eq!(
        (after.state, after.fail_reason),
        (JobState::Failed, Some(reason))
    );
    assert!(matches!(
        engine.graph(P, "h").await,
        Err(Error::NotFound { .. })
    ));
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counters_are_recorded_and_eta_is_unknown_when_done() {
    let tmp = tempfile::tempdir().unwrap();
    let (engine, _) = with_graph(tmp.path(), 1).await;
    let cc = engine
        .submit(
            P,
            JobSpec::algorithm("g", "connected_component", Map::new()),
        )
        .await
        .unwrap();
    let cc = wait(&engine, &cc.id.0).await;
    assert_eq!(cc.state, JobState::Succeeded);
    assert_eq!((cc.counters.vertices, cc.counters.rows), (Some(5), Some(5)));
    assert_eq!((cc.eta, cc.lease_expires_at), (None, None));
    let imports = engine
        .jobs(
            P,
            &engine::JobFilter {
                job_types: vec![engine::JobType::ImportGraph],
                limit: 1,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let imp = &imports.jobs[0];
    // 1 schema label line per label (2) + 5 vertex rows + 3 edge rows.
    assert_eq!(imp.counters.vertices, Some(5));
    assert!(imp.counters.rows.unwrap() >= 8, "{imp:?}");
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_deletes_old_jobs_and_their_results_failed_ones_last() {
    let tmp = tempfile::tempdir().unwrap();
    let (engine, input) = with_graph(tmp.path(), 1).await;
    let ok = engine
        .submit(
            P,
            JobSpec::algorithm("g", "connected_component", Map::new()),
        )
        .await
        .unwrap();
    assert_eq!(wait(&engine, &ok.id.0).await.state, JobState::Succeeded);
    let bad = engine
        .submit(P, import("h", &input, "missing.csv"))
        .await
        .unwrap();
    assert_eq!(wait(&engine, &bad.id.0).await.state, JobState::Failed);
    let result_dir = tmp.path().join("results").join(&ok.id.0);
    assert!(result_dir.exists());
    let day = Duration::from_secs(24 * 3600);
    let r = engine.sweep_at(now() + 8 * day).await.unwrap();
    assert!(r.deleted.contains(&ok.id.0), "{r:?}");
    assert!(
        !r.deleted.contains(&bad.id.0),
        "failed jobs are kept longer"
    );
    assert!(!result_dir.exists(), "the result files go with the row");
    assert!(matches!(
        engine.job(P, &ok.id.0).await,
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        engine.job(P, &bad.id.0).await.unwrap().state,
        JobState::Failed
    );
    let r = engine.sweep_at(now() + 31 * day).await.unwrap();
    assert!(r.deleted.contains(&bad.id.0), "{r:?}");
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn duplicate_submits_and_idempotency_keys_return_the_same_job() {
    let tmp = tempfile::tempdir().unwrap();
    let (engine, _) = with_graph(tmp.path(), 0).await;
    let pr = |alpha: f64| {
        JobSpec::algorithm(
            "g",
            "pagerank",
            json!({ "alpha": alpha }).as_object().unwrap().clone(),
        )
    };
    let a = engine.submit(P, pr(0.85)).await.unwrap();
    let b = engine.submit(P, pr(0.85)).await.unwrap();
    assert_eq!(a.id, b.id, "identical in-flight request");
    let c = engine.submit(P, pr(0.8)).await.unwrap();
    assert_ne!(a.id, c.id);

    let keyed = |k: &str| SubmitOptions {
        idempotency_key: Some(k.into()),
        ..Default::default()
    };
    let create = || JobSpec::new("fresh", JobKind::CreateGraph, json!({}));
    let first = engine.submit_with(P, create(), keyed("k1")).await.unwrap();
    let again = engine.submit_with(P, create(), keyed("k1")).await.unwrap();
    assert_eq!(first.id, again.id);
    assert!(matches!(
        engine.submit_with(P, pr(0.5), keyed("k1")).await,
        Err(Error::Conflict { .. })
    ));
    assert!(matches!(
        engine.submit_with(P, pr(0.5), keyed("bad key")).await,
        Err(Error::InvalidArgument { .. })
    ));
    engine.shutdown(Duration::from_secs(1)).await;

    // After the job ran (the graph now exists, which a plain re-submit refuses), the key
    // still returns the original job.
    let engine = Engine::open(config(tmp.path(), 1)).await.unwrap();
    assert_eq!(wait(&engine, &first.id.0).await.state, JobState::Succeeded);
    let late = engine.submit_with(P, create(), keyed("k1")).await.unwrap();
    assert_eq!((late.id, late.state), (first.id, JobState::Succeeded));
    assert!(matches!(
        engine.submit(P, create()).await,
        Err(Error::Conflict { .. })
    ));
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn priority_is_kept_and_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let (engine, _) = with_graph(tmp.path(), 0).await;
    let urgent = SubmitOptions {
        priority: 50,
        ..Default::default()
    };
    let low = engine
        .submit(P, JobSpec::algorithm("g", "pagerank", Map::new()))
        .await
        .unwrap();
    let high = engine
        .submit_with(
            P,
            JobSpec::algorithm("g", "connected_component", Map::new()),
            urgent,
        )
        .await
        .unwrap();
    assert_eq!((low.priority, high.priority), (0, 50));
    assert_eq!(engine.job(P, &high.id.0).await.unwrap().priority, 50);
    let too_high = SubmitOptions {
        priority: 101,
        ..Default::default()
    };
    assert!(matches!(
        engine
            .submit_with(P, JobSpec::algorithm("g", "kcore", Map::new()), too_high)
            .await,
        Err(Error::InvalidArgument { .. })
    ));
    engine.shutdown(Duration::from_secs(1)).await;
    // The high-priority job, submitted last, is claimed first.
    let store = SqlStore::open_sqlite(&tmp.path().join("graphjobs.db"))
        .await
        .unwrap();
    assert_eq!(store.claim_next("w").await.unwrap().unwrap().id, high.id);
    assert_eq!(store.claim_next("w").await.unwrap().unwrap().id, low.id);
    store.close().await;
}

#[tokio::test]
async fn a_stored_job_can_be_cloned_and_run_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (engine, _) = with_graph(tmp.path(), 1).await;
    let params = json!({"source": "a", "k": 1}).as_object().unwrap().clone();
    let first = engine
        .submit(P, JobSpec::algorithm("g", "k_hop", params))
        .await
        .unwrap();
    let first = wait(&engine, &first.id.0).await;
    assert_eq!(first.state, JobState::Succeeded);
    let again = engine
        .rerun(P, &first.id.0, SubmitOptions::default())
        .await
        .unwrap();
    assert_ne!(again.id, first.id);
    assert_eq!(
        (
            again.request.clone(),
            again.algorithm.clone(),
            again.graph.clone()
        ),
        (
            first.request.clone(),
            first.algorithm.clone(),
            first.graph.clone()
        )
    );
    let again = wait(&engine, &again.id.0).await;
    assert_eq!(again.state, JobState::Succeeded);
    let page = engine.result_page(P, &again.id.0, 0, 10).await.unwrap();
    assert_eq!(page.rows, vec![json!("b")]);
    assert!(matches!(
        engine
            .rerun("other", &first.id.0, SubmitOptions::default())
            .await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        engine.rerun(P, "nope", SubmitOptions::default()).await,
        Err(Error::NotFound { .. })
    ));
    engine.shutdown(Duration::from_secs(5)).await;
}
