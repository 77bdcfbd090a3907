//! A task error met by one process only: the job fails at once, is not run again, names the
//! process that met the error with its words, and leaves no process behind.
//!
//! - Every kernel that can refuse its input mid-run (`sssp` and `shortest_path`: a length that
//!   is not > 0 on an edge the search reaches; `label_propagation`: a negative vote weight),
//!   with 3 processes on a path whose one bad edge lives in a single part (parts hold the edges
//!   by source, and the searches go along the edges only, so no other process sees it).
//! - Every kernel on a partition one of whose parts its process refuses at load (an edge of a
//!   vertex that process does not own), before any kernel's superstep.
//!
//! Before `give_up` (compute/src/worker.rs) the process returned its error to timely, which
//! steps a returning worker until the group's dataflows are complete and, at its clean
//! shutdown, waits for every peer: with the error at load the peers waited forever for the
//! first round of a dataflow that process never built (the second test hung, for `pagerank`
//! already); mid-run the peers ran on without its vertices to an answer nobody used and the job
//! failed once they were done (the first test passed, in the time the peers took). A regression
//! shows as a job stuck past `common`'s job timeout or as a reason that names another process.

mod common;

use common::{engine, import, processes_with, run, submit, wait, write_plain_graph};
use engine::distributed::Executor;
use engine::graph::partition::owner;
use engine::{FailKind, JobState};
use serde_json::{Value, json};

/// Vertices of the path `v0 → v1 → …`.
const LEN: u32 = 40;
/// The bad edge is `v(BAD) → v(BAD + 1)`, reached at superstep `BAD` of a search from `v0`.
const BAD: u32 = 25;
/// Processes of the group.
const PROCESSES: u32 = 3;

/// The path, every edge of weight 1 but the bad one's, -1; import order is the vertices'
/// dense ids (`v<i>` is vertex `i`).
fn write_path_with_a_bad_edge(dir: &std::path::Path) {
    let vertices: String = (0..LEN).map(|i| format!("v{i},n\n")).collect();
    let edges: String = (1..LEN)
        .map(|i| {
            let w = if i == BAD + 1 { -1 } else { 1 };
            format!("v{},v{i},e,{w}\n", i - 1)
        })
        .collect();
    write_plain_graph(dir, &vertices, &edges);
    std::fs::write(
        dir.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"><properties><property name="w" cardinality="single" dataType="int"/></properties></label></labels></PMML>"#,
    )
    .unwrap();
}

/// Runs `name` with `params` distributed; the reason it failed with, once it did.
async fn fails_in_one_process(engine: &engine::Engine, name: &str, params: Value) -> String {
    let job = submit(engine, "path", name, params, Executor::Distributed).await;
    let id = job.id.0.clone();
    let job = wait(engine, &id).await;
    assert_eq!(job.state, JobState::Failed, "{name}: {:?}", job.fail_reason);
    assert_eq!(job.fail_kind, Some(FailKind::RunFailed), "{name}");
    assert_eq!(processes_with(&format!("compute/{id}/")), [], "{name}");
    job.fail_reason.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_in_one_process_fails_the_job_at_once_naming_that_process() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("path");
    write_path_with_a_bad_edge(&dir);
    let engine = engine(&tmp.path().join("data"), PROCESSES, &[&dir]).await;
    import(&engine, "path", &dir).await;
    let culprit = owner(BAD, PROCESSES);
    let names = format!("compute process {culprit} of {PROCESSES} (pid ");
    let searches = [
        (
            "sssp",
            json!({"source": "v0", "directed": true, "weight": "w"}),
        ),
        (
            "shortest_path",
            json!({"source": "v0", "target": format!("v{}", LEN - 1), "directed": true, "weight": "w"}),
        ),
        ("label_propagation", json!({"weight": "w"})),
    ];
    for (name, params) in searches {
        let reason = fails_in_one_process(&engine, name, params).await;
        assert!(reason.contains(&names), "{name}: {reason}");
        assert!(reason.contains("exited with code 2"), "{name}: {reason}");
        assert!(
            reason.contains("parameter [weight] is invalid!"),
            "{name}: {reason}"
        );
        assert!(
            reason.contains(&format!("between vertices {BAD} and {}", BAD + 1)),
            "{name}: the edge is named: {reason}"
        );
        assert!(
            reason.ends_with("(after 1 attempt)"),
            "{name}: not retried: {reason}"
        );
    }
    // The group is gone and the engine goes on: the same searches without weights succeed.
    let hop = json!({"source": "v0", "directed": true});
    let found = run(&engine, "path", "sssp", hop, Executor::Distributed).await;
    assert_eq!(found.rows.len(), LEN as usize);
}

/// Replaces part `i` of every partition under `data` with a part holding one edge from vertex
/// `stranger`, which process `i` does not own: that process, and only that one, refuses its
/// part when it loads it, before any kernel starts.
fn damage_part(data: &std::path::Path, i: u32, stranger: u32) -> usize {
    let name = format!("part-{i:05}.bin");
    let mut damaged = 0;
    let mut dirs = vec![data.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if entry.file_name().to_string_lossy() == name {
                let mut bytes = b"GJPART01".to_vec();
                bytes.extend(1u64.to_le_bytes());
                bytes.push(0);
                bytes.extend(stranger.to_le_bytes());
                bytes.extend(0u32.to_le_bytes());
                std::fs::write(&path, bytes).unwrap();
                damaged += 1;
            }
        }
    }
    damaged
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_part_one_process_refuses_fails_every_kernel_at_once_naming_that_process() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("path");
    write_path_with_a_bad_edge(&dir);
    let data = tmp.path().join("data");
    let engine = engine(&data, PROCESSES, &[&dir]).await;
    common::import_parts(&engine, "path", &dir, Some(PROCESSES)).await;
    let victim = 1;
    let stranger = (0..LEN).find(|&v| owner(v, PROCESSES) != victim).unwrap();
    // The plain partition and the one weighted by `w`.
    assert_eq!(damage_part(&data, victim, stranger), 2);
    let names = format!("compute process {victim} of {PROCESSES} (pid ");
    let kernels = [
        ("pagerank", json!({})),
        ("connected_component", json!({})),
        ("k_hop", json!({"source": "v0", "k": 3})),
        ("sssp", json!({"source": "v0"})),
        (
            "shortest_path",
            json!({"source": "v0", "target": format!("v{}", LEN - 1)}),
        ),
        ("label_propagation", json!({})),
        ("kcore", json!({"k": 0})),
        ("triangle_count", json!({})),
    ];
    for (name, params) in kernels {
        let reason = fails_in_one_process(&engine, name, params).await;
        assert!(reason.contains(&names), "{name}: {reason}");
        assert!(
            reason.contains(&format!(
                "holds an edge of vertex {stranger}, which process {victim} does not own"
            )),
            "{name}: {reason}"
        );
        assert!(
            reason.ends_with("(after 1 attempt)"),
            "{name}: not retried: {reason}"
        );
    }
}
