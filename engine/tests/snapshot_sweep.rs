//! The sweep removes the snapshots a job's own cleanup missed (its node died between recording
//! the job's end and the cleanup; a writer failed or was fenced after writing), and never the
//! current version, a version a writer may be writing, or a graph a job is writing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use engine::job::ImportSpec;
use engine::{Engine, EngineConfig, JobKind, JobSpec, JobState};
use serde_json::json;
use time::OffsetDateTime;

mod common;

const P: &str = "proj1";

async fn open(dir: &Path, workers: usize) -> Engine {
    let mut c = EngineConfig::new(dir);
    c.workers = workers;
    // Only the test's own sweeps run, at the times it gives.
    c.sweep_every = Duration::from_secs(3600);
    Engine::open(c).await.unwrap()
}

fn import(dir: &Path) -> JobSpec {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>"#,
    )
    .unwrap();
    std::fs::write(input.join("v.csv"), "a,n\nb,n\n").unwrap();
    std::fs::write(input.join("e.csv"), "a,b,e\n").unwrap();
    let p = |n: &str| input.join(n).display().to_string();
    let spec = ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("v.csv")],
        edge_paths: vec![p("e.csv")],
        ..Default::default()
    };
    JobSpec::new("g", JobKind::ImportGraph(spec), json!({}))
}

async fn run(engine: &Engine, spec: JobSpec) {
    let id = engine.submit(P, spec).await.unwrap().id.0;
    let job = common::wait(engine, P, &id).await;
    assert_eq!(job.state, JobState::Succeeded, "{job:?}");
}

/// The graph's snapshot directory and the names in it, sorted.
fn files(data: &Path) -> (PathBuf, Vec<String>) {
    let dir = data.join("graphs").join(P).join("g");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    (dir, names)
}

/// Leftovers as a dead node or a failed writer leaves them, next to the current `v2.bin`.
fn plant(dir: &Path, names: &[&str]) {
    for n in names {
        std::fs::copy(dir.join("v2.bin"), dir.join(n)).unwrap();
    }
}

#[tokio::test]
async fn the_sweep_removes_only_unused_versions_of_idle_graphs() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let engine = open(&data, 2).await;
    run(&engine, import(&data)).await;
    run(&engine, import(&data)).await;
    let (dir, names) = files(&data);
    assert_eq!(names, ["v2.bin"], "the second import pruned the first");

    // v1 and a stopped writer's temporary file are unused; v3 is above every version given
    // (a writer that started after the sweep looked would be writing it).
    plant(&dir, &["v1.bin", ".v1.bin.tmp-dead", "v3.bin"]);
    let t0 = OffsetDateTime::now_utc();
    let report = engine.sweep_at(t0).await.unwrap();
    assert_eq!(report.snapshots_removed, 2, "{report:?}");
    assert_eq!(files(&data).1, ["v2.bin", "v3.bin"]);

    // Not again before its period; then again.
    plant(&dir, &["v1.bin"]);
    let soon = engine
        .sweep_at(t0 + time::Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(soon.snapshots_removed, 0);
    let later = engine
        .sweep_at(t0 + time::Duration::minutes(11))
        .await
        .unwrap();
    assert_eq!(later.snapshots_removed, 1);
    assert_eq!(files(&data).1, ["v2.bin", "v3.bin"]);

    // A deleted graph whose cleanup never ran loses every version it was given.
    run(&engine, JobSpec::new("g", JobKind::DeleteGraph, json!({}))).await;
    assert_eq!(files(&data).1, ["v3.bin"], "the delete's own cleanup");
    std::fs::copy(dir.join("v3.bin"), dir.join("v2.bin")).unwrap();
    let swept = engine
        .sweep_at(t0 + time::Duration::minutes(22))
        .await
        .unwrap();
    assert_eq!(swept.snapshots_removed, 1);
    assert_eq!(files(&data).1, ["v3.bin"]);
    engine.shutdown(Duration::from_secs(5)).await;

    // A graph a job is about to write is left alone: here an import waits in the queue of an
    // engine without workers.
    let engine = open(&data, 0).await;
    engine.submit(P, import(&data)).await.unwrap();
    std::fs::copy(dir.join("v3.bin"), dir.join("v1.bin")).unwrap();
    let queued = engine
        .sweep_at(t0 + time::Duration::minutes(33))
        .await
        .unwrap();
    assert_eq!(queued.snapshots_removed, 0);
    assert_eq!(files(&data).1, ["v1.bin", "v3.bin"]);
    engine.shutdown(Duration::from_secs(5)).await;
}
