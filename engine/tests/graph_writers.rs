//! The jobs that write one graph (imports, clears, deletes, deletes by filter) run one at a
//! time in submit order, each on the version the one before it published, however many
//! workers are free; and a delete followed at once by an import leaves the new graph whole.

mod common;

use std::path::Path;
use std::time::Duration;

use engine::job::ImportSpec;
use engine::{Engine, EngineConfig, JobKind, JobRecord, JobSpec, JobState};
use serde_json::{Map, json};

const P: &str = "proj1";

async fn open(dir: &Path) -> Engine {
    let mut c = EngineConfig::new(dir);
    c.workers = 4;
    Engine::open(c).await.unwrap()
}

/// An import of `vertices` vertices named `<tag>0…`, chained by edges, into graph `g`.
fn import(dir: &Path, tag: &str, vertices: usize) -> JobSpec {
    let input = dir.join(format!("input-{tag}"));
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>"#,
    )
    .unwrap();
    let names: Vec<String> = (0..vertices).map(|i| format!("{tag}{i}")).collect();
    let v: String = names.iter().map(|n| format!("{n},n\n")).collect();
    let e: String = names
        .windows(2)
        .map(|w| format!("{},{},e\n", w[0], w[1]))
        .collect();
    std::fs::write(input.join("v.csv"), v).unwrap();
    std::fs::write(input.join("e.csv"), e).unwrap();
    let p = |n: &str| input.join(n).display().to_string();
    let spec = ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("v.csv")],
        edge_paths: vec![p("e.csv")],
        ..Default::default()
    };
    JobSpec::new("g", JobKind::ImportGraph(spec), json!({"import": tag}))
}

async fn submit_all(engine: &Engine, specs: Vec<JobSpec>) -> Vec<JobRecord> {
    let mut ids = Vec::new();
    for spec in specs {
        ids.push(engine.submit(P, spec).await.unwrap().id.0);
    }
    let mut done = Vec::new();
    for id in ids {
        done.push(common::wait(engine, P, &id).await);
    }
    done
}

#[tokio::test]
async fn imports_into_one_graph_run_one_at_a_time_and_none_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open(tmp.path()).await;
    let tags = ["a", "b", "c", "d", "e", "f"];
    let specs = tags.iter().map(|t| import(tmp.path(), t, 200)).collect();
    let jobs = submit_all(&engine, specs).await;
    for job in &jobs {
        assert_eq!(job.state, JobState::Succeeded, "{job:?}");
    }
    // Each built on the version the one before it published.
    let versions: Vec<_> = jobs.iter().map(|j| j.graph_version).collect();
    assert_eq!(versions, (1..=6).map(Some).collect::<Vec<_>>());
    for pair in jobs.windows(2) {
        assert!(
            pair[1].started_at >= pair[0].ended_at,
            "{} started before {} ended",
            pair[1].id,
            pair[0].id
        );
    }
    let g = engine.graph(P, "g").await.unwrap();
    assert_eq!((g.vertices, g.edges, g.version), (1200, 6 * 199, 6));
    // Six components of 200: every import's rows are in the graph the last one published.
    let cc = engine
        .submit(
            P,
            JobSpec::algorithm("g", "connected_component", Map::new()),
        )
        .await
        .unwrap();
    let cc = common::wait(&engine, P, &cc.id.0).await;
    assert_eq!(cc.state, JobState::Succeeded, "{cc:?}");
    let page = engine.result_page(P, &cc.id.0, 0, 1).await.unwrap();
    assert_eq!(page.scalars["Max_WCC_size"], 200);
    assert_eq!(page.total, 1200);
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_delete_then_an_import_at_once_leave_the_new_graph_whole_after_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open(tmp.path()).await;
    let first = submit_all(&engine, vec![import(tmp.path(), "old", 50)]).await;
    assert_eq!(first[0].state, JobState::Succeeded, "{first:?}");
    let delete = JobSpec::new("g", JobKind::DeleteGraph, json!({}));
    let jobs = submit_all(&engine, vec![delete, import(tmp.path(), "new", 30)]).await;
    assert_eq!(jobs[0].state, JobState::Succeeded, "{jobs:?}");
    assert_eq!(
        jobs[0].graph_version,
        Some(1),
        "the delete names the version it deleted"
    );
    assert_eq!(jobs[1].state, JobState::Succeeded, "{jobs:?}");
    assert!(jobs[1].started_at >= jobs[0].ended_at, "{jobs:?}");
    // Version numbers are never given twice, even across a delete.
    assert_eq!(jobs[1].graph_version, Some(2));
    let g = engine.graph(P, "g").await.unwrap();
    assert_eq!((g.vertices, g.edges, g.version), (30, 29, 2));
    engine.shutdown(Duration::from_secs(5)).await;

    // A new process loads version 2 from its snapshot: the delete's cleanup left it alone.
    let engine = open(tmp.path()).await;
    let kh = JobSpec::algorithm(
        "g",
        "k_hop",
        json!({"source": "new0", "k": 2})
            .as_object()
            .unwrap()
            .clone(),
    );
    let kh = submit_all(&engine, vec![kh]).await.remove(0);
    assert_eq!(kh.state, JobState::Succeeded, "{kh:?}");
    let mut rows = engine.result_page(P, &kh.id.0, 0, 10).await.unwrap().rows;
    rows.sort_by_key(|r| r.to_string());
    assert_eq!(rows, vec![json!("new1"), json!("new2")]);
    let dir = tmp.path().join("graphs").join(P).join("g");
    let snapshots: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        snapshots,
        ["v2.bin"],
        "only the new version's snapshot is left"
    );
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_create_queued_behind_the_import_that_made_the_graph_fails_and_empties_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open(tmp.path()).await;
    let input = common::slow_import::write_inputs(tmp.path());
    let slow = common::slow_import::fifo(&input);
    // The import makes graph g; while it is blocked, g does not exist yet, so a create of g is
    // accepted and waits behind the import in g's FIFO.
    let import = engine
        .submit(P, common::slow_import::import("g", &input, slow))
        .await
        .unwrap();
    let gate = common::slow_import::blocked_reader(&input).await;
    let create = JobSpec::new("g", JobKind::CreateGraph, json!({"create": "g"}));
    let create = engine.submit(P, create).await.unwrap();
    common::slow_import::release(gate);
    let import = common::wait(&engine, P, &import.id.0).await;
    let create = common::wait(&engine, P, &create.id.0).await;
    assert_eq!(import.state, JobState::Succeeded, "{import:?}");
    assert_eq!(create.state, JobState::Failed, "{create:?}");
    assert!(
        create
            .fail_reason
            .as_deref()
            .unwrap_or_default()
            .contains("already exists"),
        "{create:?}"
    );
    let g = engine.graph(P, "g").await.unwrap();
    assert_eq!((g.vertices, g.edges, g.version), (5, 3, 1));
    engine.shutdown(Duration::from_secs(5)).await;
}
