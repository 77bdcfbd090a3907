//! Bulk cancel through the façade (selected ids, and everything matching a filter) and the
//! job change events the console's live stream relays. A submit-only engine (no workers)
//! keeps every job queued, so what is cancellable is exact.

use std::path::Path;

use engine::job::ImportSpec;
use engine::job::JobFilter;
use engine::{Engine, EngineConfig, JobKind, JobSpec, JobState, JobType};
use serde_json::json;

const P: &str = "proj1";

async fn submit_only(dir: &Path) -> Engine {
    std::fs::write(
        dir.join("schema.xml"),
        "<PMML version=\"3.0\"><labels/></PMML>",
    )
    .unwrap();
    std::fs::write(dir.join("v.csv"), "a,n\n").unwrap();
    std::fs::write(dir.join("e.csv"), "").unwrap();
    let mut c = EngineConfig::new(dir);
    c.workers = 0;
    Engine::open(c).await.unwrap()
}

/// A queued import of graph `graph` (never runs: no workers).
async fn queued_import(engine: &Engine, dir: &Path, graph: &str) -> String {
    let p = |n: &str| dir.join(n).display().to_string();
    let spec = ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("v.csv")],
        edge_paths: vec![p("e.csv")],
        ..Default::default()
    };
    let spec = JobSpec::new(graph, JobKind::ImportGraph(spec), json!({ "graph": graph }));
    engine.submit(P, spec).await.unwrap().id.0
}

fn sub_job_ids(parent: &engine::JobRecord) -> Vec<String> {
    parent.detail.as_ref().unwrap()["subJobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["jobId"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn cancel_matching_reaches_only_the_filtered_live_jobs_and_records_a_parent() {
    let dir = tempfile::tempdir().unwrap();
    let engine = submit_only(dir.path()).await;
    let a = queued_import(&engine, dir.path(), "ga").await;
    let b = queued_import(&engine, dir.path(), "gb").await;
    let c = queued_import(&engine, dir.path(), "gc").await;
    let any = JobFilter::default();
    assert_eq!(engine.count_cancellable(P, &any).await.unwrap(), 3);
    let only_b = JobFilter {
        graph: Some("gb".into()),
        ..Default::default()
    };
    assert_eq!(engine.count_cancellable(P, &only_b).await.unwrap(), 1);

    let done = engine
        .cancel_matching(P, &only_b, "console", "tidy up")
        .await
        .unwrap();
    assert_eq!(done.reached.len(), 1);
    assert_eq!(done.reached[0].id.0, b);
    assert_eq!(done.reached[0].state, JobState::Cancelled);
    assert_eq!(done.left, 0);
    assert_eq!(done.parent.job_type, JobType::CancelJobs);
    assert_eq!(done.parent.state, JobState::Succeeded);
    assert_eq!(sub_job_ids(&done.parent), vec![b.clone()]);
    // The parent is an ordinary job of the project, and the others are untouched.
    let stored = engine.job(P, &done.parent.id.0).await.unwrap();
    assert_eq!(sub_job_ids(&stored), vec![b.clone()]);
    assert_eq!(engine.job(P, &a).await.unwrap().state, JobState::Queued);
    assert_eq!(engine.job(P, &c).await.unwrap().state, JobState::Queued);
    assert_eq!(engine.count_cancellable(P, &any).await.unwrap(), 2);

    // A filter for finished states reaches nothing, and still records what was asked.
    let failed = JobFilter {
        states: vec![JobState::Failed],
        ..Default::default()
    };
    assert_eq!(engine.count_cancellable(P, &failed).await.unwrap(), 0);
    let none = engine
        .cancel_matching(P, &failed, "console", "none")
        .await
        .unwrap();
    assert!(none.reached.is_empty() && sub_job_ids(&none.parent).is_empty());
}

#[tokio::test]
async fn cancel_jobs_skips_finished_and_foreign_ids() {
    let dir = tempfile::tempdir().unwrap();
    let engine = submit_only(dir.path()).await;
    let a = queued_import(&engine, dir.path(), "ga").await;
    let b = queued_import(&engine, dir.path(), "gb").await;
    engine.cancel(P, &b, "api", "first").await.unwrap();
    let ids = vec![a.clone(), b.clone(), "no-such-job".to_owned()];
    let done = engine
        .cancel_jobs(P, &ids, "console", "selected")
        .await
        .unwrap();
    assert_eq!(
        done.reached
            .iter()
            .map(|j| j.id.0.clone())
            .collect::<Vec<_>>(),
        vec![a.clone()]
    );
    assert_eq!(done.skipped, vec![(b.clone(), JobState::Cancelled)]);
    assert_eq!(sub_job_ids(&done.parent), vec![a.clone()]);
    let job = engine.job(P, &a).await.unwrap();
    assert_eq!(job.cancel_actor.as_deref(), Some("console"));
    assert_eq!(job.cancel_reason.as_deref(), Some("selected"));
    // Another project's credential reaches nothing of P's.
    let foreign = engine
        .cancel_jobs("proj2", std::slice::from_ref(&a), "x", "y")
        .await
        .unwrap();
    assert!(foreign.reached.is_empty() && foreign.skipped.is_empty());
    assert!(engine.cancel_jobs(P, &[], "x", "y").await.is_err());
}

#[tokio::test]
async fn every_write_about_a_job_is_announced_to_listeners() {
    let dir = tempfile::tempdir().unwrap();
    let engine = submit_only(dir.path()).await;
    let mut events = engine.job_events();
    let a = queued_import(&engine, dir.path(), "ga").await;
    let submitted = events.recv().await.unwrap();
    assert_eq!(submitted.job_id.as_deref(), Some(a.as_str()));
    assert!(submitted.concerns(P) && !submitted.concerns("proj2"));
    engine.cancel(P, &a, "api", "why").await.unwrap();
    assert_eq!(
        events.recv().await.unwrap().job_id.as_deref(),
        Some(a.as_str())
    );
    let done = engine
        .cancel_matching(P, &JobFilter::default(), "console", "all")
        .await
        .unwrap();
    assert_eq!(
        events.recv().await.unwrap().job_id.as_deref(),
        Some(done.parent.id.0.as_str())
    );
    assert!(events.try_recv().is_err(), "nothing else happened");
}
