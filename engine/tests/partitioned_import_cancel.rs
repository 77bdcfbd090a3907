//! A partitioned import cancelled midway leaves nothing: no part file, no parts marker, no
//! vertices snapshot and no catalogue row of the graph it was making.
//!
//! The edge file is a FIFO, so the import is exactly "midway" when the test cancels it: its
//! partition directories are written and it is blocked reading edge rows; the cancel lands,
//! then the test closes the FIFO and the import stops at its next cancel check. One that
//! fails after writing every part (its vertices cannot be saved) removes them alike.

mod common;

use std::io::Write;
use std::path::Path;

use common::slow_import::{blocked_reader, fifo, write_inputs};
use engine::{Engine, EngineConfig, JobKind, JobSpec, JobState};

const P: &str = "proj1";

fn partitioned_import(graph: &str, input: &Path, edges: &str) -> JobSpec {
    let p = |n: &str| input.join(n).display().to_string();
    let spec = engine::job::ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("v.csv")],
        edge_paths: vec![p(edges)],
        partitions: Some(2),
        ..Default::default()
    };
    JobSpec::new(
        graph,
        JobKind::ImportGraph(spec),
        serde_json::json!({ "graph": graph }),
    )
}

/// The names in `dir` (none when it does not exist), sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partitioned_import_cancelled_midway_removes_its_parts() {
    let tmp = tempfile::tempdir().unwrap();
    let input = write_inputs(tmp.path());
    let mut config = EngineConfig::new(tmp.path());
    config.workers = 1;
    let engine = Engine::open(config).await.unwrap();
    let job = engine
        .submit(P, partitioned_import("parts", &input, fifo(&input)))
        .await
        .unwrap();
    let mut gate = blocked_reader(&input).await;
    // Midway: the schema and the vertices are read, the partition is open, edge rows flow.
    let graph_dir = tmp.path().join("graphs").join(P).join("parts");
    let open = names(&graph_dir);
    assert!(
        open.iter().any(|n| n.ends_with(".p2")),
        "the partition is being written: {open:?}"
    );
    let part_files = names(&graph_dir.join(&open[0]));
    assert!(
        part_files.iter().any(|n| n.starts_with("part-")),
        "{part_files:?}"
    );
    gate.write_all(b"a,b,e\nb,c,e\n").unwrap();
    let cancelling = engine.cancel(P, &job.id.0, "tester", "midway").await;
    assert_eq!(cancelling.unwrap().state, JobState::Cancelling);
    // The rest of the rows, then the end of the file: the import meets its cancel check.
    gate.write_all(b"x,y,e\n").unwrap();
    drop(gate);
    let ended = common::wait(&engine, P, &job.id.0).await;
    assert_eq!(ended.state, JobState::Cancelled, "{ended:?}");

    assert_eq!(names(&graph_dir), Vec::<String>::new(), "no file is left");
    let row = engine.graph(P, "parts").await;
    assert!(row.is_err(), "no catalogue row: {row:?}");
    assert!(engine.graphs(P).await.unwrap().is_empty());

    // The same import, let through, makes the graph (so the above is the cancel's doing).
    std::fs::remove_file(input.join("slow.csv")).unwrap();
    std::fs::copy(input.join("e.csv"), input.join("edges.csv")).unwrap();
    let job = engine
        .submit(P, partitioned_import("parts", &input, "edges.csv"))
        .await
        .unwrap();
    let done = common::wait(&engine, P, &job.id.0).await;
    assert_eq!(done.state, JobState::Succeeded, "{done:?}");
    let v = done.graph_version.unwrap();
    assert!(
        names(&graph_dir).contains(&format!("v{v}.parts.json")),
        "{:?}",
        names(&graph_dir)
    );
    engine.shutdown(std::time::Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partitioned_import_failing_after_its_parts_removes_them() {
    let tmp = tempfile::tempdir().unwrap();
    let input = write_inputs(tmp.path());
    let mut config = EngineConfig::new(tmp.path());
    config.workers = 1;
    let engine = Engine::open(config).await.unwrap();
    // The first version of a new graph is 1; a directory where its vertices' snapshot goes
    // makes the import fail once every part is written.
    let graph_dir = tmp.path().join("graphs").join(P).join("parts");
    std::fs::create_dir_all(graph_dir.join("v1.names.bin")).unwrap();
    let job = engine
        .submit(P, partitioned_import("parts", &input, "e.csv"))
        .await
        .unwrap();
    let ended = common::wait(&engine, P, &job.id.0).await;
    assert_eq!(ended.state, JobState::Failed, "{ended:?}");
    assert_eq!(names(&graph_dir), Vec::<String>::new(), "no file is left");
    assert!(engine.graphs(P).await.unwrap().is_empty());
    engine.shutdown(std::time::Duration::from_secs(5)).await;
}
