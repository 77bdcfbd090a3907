//! Job lifecycle through the engine façade on a real SQLite store in a temp dir:
//! submit → run → succeed, cancel, restart recovery, fencing, persistence of graphs and results.

mod common;

use std::path::Path;
use std::time::Duration;

use engine::job::ImportSpec;
use engine::job::store::{JobStore, Outcome, SqlStore};
use engine::{Engine, EngineConfig, JobFilter, JobKind, JobSpec, JobState};
use serde_json::{Map, json};

const P: &str = "proj1";

fn config(dir: &Path, workers: usize) -> EngineConfig {
    let mut c = EngineConfig::new(dir);
    c.workers = workers;
    c
}

fn write_tiny(dir: &Path) -> ImportSpec {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>"#,
    )
    .unwrap();
    std::fs::write(input.join("v.csv"), "a,n\nb,n\nc,n\nx,n\ny,n\n").unwrap();
    std::fs::write(input.join("e.csv"), "a,b,e\nb,c,e\nx,y,e\n").unwrap();
    let p = |n: &str| input.join(n).display().to_string();
    ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("v.csv")],
        edge_paths: vec![p("e.csv")],
        ..Default::default()
    }
}

fn import_spec(dir: &Path) -> JobSpec {
    JobSpec::new(
        "g",
        JobKind::ImportGraph(write_tiny(dir)),
        json!({"note": "import"}),
    )
}

async fn wait(engine: &Engine, id: &str) -> engine::JobRecord {
    common::wait(engine, P, id).await
}

#[tokio::test]
async fn import_then_algorithm_then_paged_result_survive_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = Engine::open(config(tmp.path(), 2)).await.unwrap();
    let import = engine.submit(P, import_spec(tmp.path())).await.unwrap();
    let import = wait(&engine, &import.id.0).await;
    assert_eq!(import.state, JobState::Succeeded, "{import:?}");
    assert_eq!(import.graph_version, Some(1));
    let files = import.detail.as_ref().unwrap()["files"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        files
            .iter()
            .any(|f| f["kind"] == "edge" && f["successfulLines"] == 3),
        "{files:?}"
    );
    let g = engine.graph(P, "g").await.unwrap();
    assert_eq!((g.vertices, g.edges, g.version), (5, 3, 1));

    let cc = engine
        .submit(
            P,
            JobSpec::algorithm("g", "connected_component", Map::new()),
        )
        .await
        .unwrap();
    let cc = wait(&engine, &cc.id.0).await;
    assert_eq!(cc.state, JobState::Succeeded, "{cc:?}");
    assert_eq!(cc.result_total, Some(5));
    assert_eq!(cc.graph_version, Some(1));
    let page = engine.result_page(P, &cc.id.0, 3, 10).await.unwrap();
    assert_eq!((page.offset, page.total, page.rows.len()), (3, 5, 2));
    assert_eq!(page.scalars["Max_WCC_size"], 3);
    engine.shutdown(Duration::from_secs(5)).await;

    // A new process: the graph comes back from its snapshot, old results stay readable.
    let engine = Engine::open(config(tmp.path(), 2)).await.unwrap();
    let again = engine.result_page(P, &cc.id.0, 0, 100).await.unwrap();
    assert_eq!(again.total, 5);
    let kh = engine
        .submit(
            P,
            JobSpec::algorithm(
                "g",
                "k_hop",
                json!({"source": "a", "k": 1}).as_object().unwrap().clone(),
            ),
        )
        .await
        .unwrap();
    let kh = wait(&engine, &kh.id.0).await;
    assert_eq!(kh.state, JobState::Succeeded, "{kh:?}");
    let page = engine.result_page(P, &kh.id.0, 0, 10).await.unwrap();
    assert_eq!(page.rows, vec![json!("b")]);
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_queued_job_cancels_at_once_and_a_finished_one_refuses() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = Engine::open(config(tmp.path(), 0)).await.unwrap();
    let job = engine.submit(P, import_spec(tmp.path())).await.unwrap();
    assert_eq!(job.state, JobState::Queued);
    let done = engine
        .cancel(P, &job.id.0, "alice", "wrong file")
        .await
        .unwrap();
    assert_eq!(done.state, JobState::Cancelled);
    assert_eq!(done.cancel_actor.as_deref(), Some("alice"));
    assert_eq!(done.cancel_reason.as_deref(), Some("wrong file"));
    assert!(done.ended_at.is_some());
    let again = engine.cancel(P, &job.id.0, "alice", "again").await;
    assert!(
        matches!(again, Err(engine::Error::Conflict { .. })),
        "{again:?}"
    );
    // Another project cannot see or cancel it.
    assert!(matches!(
        engine.job("other", &job.id.0).await,
        Err(engine::Error::NotFound { .. })
    ));
    assert!(matches!(
        engine.cancel("other", &job.id.0, "x", "y").await,
        Err(engine::Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn after_a_crash_no_job_is_lost_or_left_running() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = Engine::open(config(tmp.path(), 0)).await.unwrap();
    let import = engine.submit(P, import_spec(tmp.path())).await.unwrap();
    engine.shutdown(Duration::from_secs(1)).await;

    // Run the import for real so the graph exists, then queue three algorithm jobs and let a
    // "dead" worker claim two of them, as if the process died mid-run.
    let engine = Engine::open(config(tmp.path(), 1)).await.unwrap();
    assert_eq!(wait(&engine, &import.id.0).await.state, JobState::Succeeded);
    engine.shutdown(Duration::from_secs(5)).await;
    let engine = Engine::open(config(tmp.path(), 0)).await.unwrap();
    let mut ids = Vec::new();
    for alpha in [0.85, 0.8, 0.75] {
        // Distinct requests: identical in-flight ones would return the same job.
        let params = json!({ "alpha": alpha }).as_object().unwrap().clone();
        ids.push(
            engine
                .submit(P, JobSpec::algorithm("g", "pagerank", params))
                .await
                .unwrap()
                .id
                .0,
        );
    }
    let second_import = engine.submit(P, import_spec(tmp.path())).await.unwrap();
    engine.shutdown(Duration::from_secs(1)).await;
    let store = SqlStore::open_sqlite(&tmp.path().join("graphjobs.db"))
        .await
        .unwrap();
    let a = store.claim_next("dead-worker").await.unwrap().unwrap();
    let b = store.claim_next("dead-worker").await.unwrap().unwrap();
    assert_eq!(
        (a.id.0.as_str(), b.id.0.as_str()),
        (ids[0].as_str(), ids[1].as_str())
    );
    let c = store.claim_next("dead-worker").await.unwrap().unwrap();
    let d = store.claim_next("dead-worker").await.unwrap().unwrap();
    assert_eq!(d.id.0, second_import.id.0);
    store
        .request_cancel(P, &c.id.0, "bob", "stop")
        .await
        .unwrap(); // cancelling at the crash
    store.close().await;

    let engine = Engine::open(config(tmp.path(), 2)).await.unwrap();
    assert_eq!(
        wait(&engine, &ids[0]).await.state,
        JobState::Succeeded,
        "re-run after restart"
    );
    assert_eq!(wait(&engine, &ids[1]).await.state, JobState::Succeeded);
    assert_eq!(wait(&engine, &ids[2]).await.state, JobState::Cancelled);
    let interrupted = wait(&engine, &second_import.id.0).await;
    assert_eq!(interrupted.state, JobState::Failed);
    assert!(
        interrupted
            .fail_reason
            .unwrap()
            .contains("interrupted by restart")
    );
    let running = JobFilter {
        states: vec![JobState::Queued, JobState::Running, JobState::Cancelling],
        limit: 10,
        ..Default::default()
    };
    assert_eq!(engine.jobs(P, &running).await.unwrap().total, 0);
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_worker_that_lost_its_lease_cannot_write() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = Engine::open(config(tmp.path(), 0)).await.unwrap();
    let job = engine.submit(P, import_spec(tmp.path())).await.unwrap();
    engine.shutdown(Duration::from_secs(1)).await;
    let store2 = SqlStore::open_sqlite(&tmp.path().join("graphjobs.db"))
        .await
        .unwrap();
    let claimed = store2.claim_next("w1").await.unwrap().unwrap();
    assert_eq!(claimed.id, job.id);
    assert!(
        !store2
            .set_progress(&job.id.0, "w2", Some(50))
            .await
            .unwrap()
    );
    assert!(
        !store2
            .finish(&job.id.0, "w2", &Outcome::Cancelled)
            .await
            .unwrap()
    );
    assert!(
        store2
            .set_progress(&job.id.0, "w1", Some(50))
            .await
            .unwrap()
    );
    let ok = Outcome::Succeeded {
        result_total: 0,
        graph_version: None,
        detail: None,
        partial: false,
        graph_change: None,
    };
    assert!(store2.finish(&job.id.0, "w1", &ok).await.unwrap());
    assert!(
        !store2.finish(&job.id.0, "w1", &ok).await.unwrap(),
        "a finished job takes no second outcome"
    );
    store2.close().await;
}

#[tokio::test]
async fn tokens_authenticate_only_their_project() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = Engine::open(config(tmp.path(), 0)).await.unwrap();
    let t = engine.create_token("alpha").await.unwrap();
    assert_eq!(
        engine.authenticate(&t).await.unwrap(),
        vec![engine::auth::Grant::new("alpha", engine::auth::Role::Admin)]
    );
    let v = engine
        .create_token_with("alpha", engine::auth::Role::Viewer)
        .await
        .unwrap();
    assert_eq!(
        engine.authenticate(&v).await.unwrap(),
        vec![engine::auth::Grant::new(
            "alpha",
            engine::auth::Role::Viewer
        )]
    );
    assert!(matches!(
        engine.authenticate("gjt_forged").await,
        Err(engine::Error::Unauthenticated)
    ));
    assert!(matches!(
        engine.authenticate("").await,
        Err(engine::Error::Unauthenticated)
    ));
    assert!(engine.create_token("bad-id!").await.is_err());
    engine.shutdown(Duration::from_secs(1)).await;
    for file in ["graphjobs.db", "graphjobs.db-wal"] {
        let bytes = std::fs::read(tmp.path().join(file)).unwrap_or_default();
        assert!(
            !bytes.windows(t.len()).any(|w| w == t.as_bytes()),
            "the token itself is never stored ({file})"
        );
    }
}
