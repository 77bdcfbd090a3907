//! Two engine nodes on one PostgreSQL store (each with its own data dir): what one node does
//! reaches the other's listeners at once (LISTEN/NOTIFY), a cancel asked of one node stops
//! the job the other runs, and with one object store they share graphs, results and the key
//! access keys are verified with. Skipped unless `GRAPHJOBS_TEST_PG_URL` names a server
//! (`scripts/system/pg_test.sh` runs these tests so).

mod common;

use std::path::Path;
use std::time::Duration;

use common::slow_import::{blocked_reader, fifo, import, release, write_inputs};
use engine::auth::Role;
use engine::auth::signature::{RequestParts, sign};
use engine::job::ImportSpec;
use engine::job::events::JobEvent;
use engine::objects::ObjectStoreUrl;
use engine::upload::UploadSlot;
use engine::{Engine, EngineConfig, JobKind, JobSpec, JobState};
use serde_json::{Map, json};
use tokio::sync::broadcast;

const P: &str = "proj1";

async fn node(dir: &Path, url: &str, workers: usize) -> Engine {
    node_with(config(dir, url, workers)).await
}

fn config(dir: &Path, url: &str, workers: usize) -> EngineConfig {
    let mut config = EngineConfig::new(dir);
    config.workers = workers;
    config.database_url = Some(url.to_owned());
    // Long leases: the heartbeat's own check of the job's state (every third of the lease)
    // must not be what stops the job in these tests, the notification must.
    config.lease = Duration::from_secs(120);
    config
}

async fn node_with(config: EngineConfig) -> Engine {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_with_their_own_data_dirs_share_graphs_results_and_keys_through_the_stores() {
    let Some(url) = engine::testing::fresh_pg_database().await else {
        eprintln!("GRAPHJOBS_TEST_PG_URL not set: PostgreSQL skipped");
        return;
    };
    let (da, db, objects) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let shared = |dir: &Path, workers: usize| {
        let mut c = config(dir, &url, workers);
        c.object_store = ObjectStoreUrl::Dir(objects.path().to_owned());
        c
    };
    // Node A imports and runs; node B, which has never seen the graph, pages the result.
    let a = node_with(shared(da.path(), 1)).await;
    let input = write_inputs(da.path());
    let job = a.submit(P, import("g", &input, "v.csv")).await.unwrap();
    assert_eq!(
        common::wait(&a, P, &job.id.0).await.state,
        JobState::Succeeded
    );
    let pr = a
        .submit(P, JobSpec::algorithm("g", "pagerank", Map::new()))
        .await
        .unwrap();
    assert_eq!(
        common::wait(&a, P, &pr.id.0).await.state,
        JobState::Succeeded
    );
    let on_a = a.result_page(P, &pr.id.0, 0, 10).await.unwrap();
    a.shutdown(Duration::from_secs(1)).await;

    let b = node_with(shared(db.path(), 1)).await;
    let on_b = b.result_page(P, &pr.id.0, 0, 10).await.unwrap();
    assert_eq!((on_b.total, &on_b.rows), (5, &on_a.rows));
    // B runs a job on the graph A imported: it loads the snapshot from the object store.
    let params = json!({"source": "a", "k": 1}).as_object().unwrap().clone();
    let kh = b
        .submit(P, JobSpec::algorithm("g", "k_hop", params))
        .await
        .unwrap();
    let kh = common::wait(&b, P, &kh.id.0).await;
    assert_eq!(kh.state, JobState::Succeeded, "{kh:?}");
    assert_eq!(
        b.result_page(P, &kh.id.0, 0, 10).await.unwrap().rows,
        [json!("b")]
    );

    // An access key made with A's configuration verifies on B (one master key, in PostgreSQL).
    let (ak, sk) = engine::admin::create_access_key(&shared(da.path(), 0), P, Role::Operator, None)
        .await
        .unwrap();
    let date = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap();
    let headers = vec![
        ("host".to_owned(), "graphjobs.test".to_owned()),
        ("x-sdk-date".to_owned(), date.clone()),
    ];
    let parts = RequestParts {
        method: "GET",
        path: "/v2/proj1/graphs/jobs",
        query: "",
        headers: &headers,
        body: b"",
    };
    let signed = ["host".to_owned(), "x-sdk-date".to_owned()];
    let signature = sign(&parts, &signed, &sk, &date).unwrap();
    let authorization = format!(
        "SDK-HMAC-SHA256 Access={ak}, SignedHeaders=host;x-sdk-date, Signature={signature}"
    );
    assert_eq!(
        b.authenticate_signed(&authorization, &parts).await.unwrap(),
        [engine::auth::Grant::new(P, Role::Operator)]
    );
    b.shutdown(Duration::from_secs(1)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_uploaded_to_one_node_are_imported_by_another() {
    let Some(url) = engine::testing::fresh_pg_database().await else {
        eprintln!("GRAPHJOBS_TEST_PG_URL not set: PostgreSQL skipped");
        return;
    };
    let (da, db, objects) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let shared = |dir: &Path, workers: usize| {
        let mut c = config(dir, &url, workers);
        c.object_store = ObjectStoreUrl::Dir(objects.path().to_owned());
        c
    };
    // A runs no jobs: the import it queues can only run on B.
    let a = node_with(shared(da.path(), 0)).await;
    let b = node_with(shared(db.path(), 1)).await;
    let input = write_inputs(da.path());
    let mut upload = a.begin_upload(P).await.unwrap();
    for (slot, name) in [
        (UploadSlot::Schema, "schema.xml"),
        (UploadSlot::Vertices, "v.csv"),
        (UploadSlot::Edges, "e.csv"),
    ] {
        upload.start_file(slot, name).await.unwrap();
        upload
            .write(&std::fs::read(input.join(name)).unwrap())
            .await
            .unwrap();
    }
    let paths = upload.finish().await.unwrap();
    let spec = ImportSpec {
        schema_paths: vec![paths.schema.unwrap()],
        vertex_paths: vec![paths.vertices.unwrap()],
        edge_paths: vec![paths.edges.unwrap()],
        ..Default::default()
    };
    let job = a
        .submit(P, JobSpec::new("up", JobKind::ImportGraph(spec), json!({})))
        .await
        .unwrap();
    upload.commit();
    let done = common::wait(&b, P, &job.id.0).await;
    assert_eq!(done.state, JobState::Succeeded, "{done:?}");
    let g = b.graph(P, "up").await.unwrap();
    assert_eq!((g.vertices, g.edges), (5, 3));
    a.shutdown(Duration::from_secs(1)).await;
    b.shutdown(Duration::from_secs(1)).await;
}
