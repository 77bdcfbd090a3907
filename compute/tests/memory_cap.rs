//! Bigger than one process (issue 23): compute processes under a memory limit
//! (`ComputeConfig::memory_limit`, `serve --compute-memory-limit`, `prlimit --as`). A
//! partitioned Kronecker graph (scale 18, 4.2 million edges) that one process cannot hold
//! under the limit runs with 4 processes on loopback, each holding a quarter of the edges; the
//! same graph in one part, under the same limit, fails cleanly: the job is `failed` at once
//! (not retried) with a reason that says out of memory and names the process, the engine goes
//! on running jobs, and no process is left behind.
//!
//! The limit is on address space, which also holds what a process maps before it reads any
//! edge (its binary, thread stacks, buffers: some 50-60 MB for this test's debug build), so
//! the whole graph's CSR (about 60 MB here) is not larger than the limit; what the test shows
//! is the split: measured with `VmPeak` sampled every 10 ms, one process of four peaked at
//! 84-110 MB, the lone process past 127 MB, and the limit sits between them.

mod common;

use common::{engine_with, import_parts, processes_with, run, submit, wait, write_kronecker};
use engine::distributed::Executor;
use engine::{FailKind, JobState};
use serde_json::json;

/// Each process's address space, in bytes.
const LIMIT: u64 = 120 << 20;
/// The Kronecker graph's scale (16 edges per vertex).
const SCALE: u32 = 18;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_capped_processes_run_what_one_cannot_and_one_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kron");
    let limit = LIMIT;
    write_kronecker(&dir, SCALE, 16, 7);
    let engine = engine_with(&tmp.path().join("data"), 4, &[&dir], |c| {
        c.memory_limit = Some(limit);
    })
    .await;
    import_parts(&engine, "four", &dir, Some(4)).await;
    import_parts(&engine, "one", &dir, Some(1)).await;
    let wcc = json!({});
    let four = run(
        &engine,
        "four",
        "connected_component",
        wcc.clone(),
        Executor::Distributed,
    )
    .await;
    assert_eq!(four.rows.len(), 1 << SCALE);
    let job = submit(
        &engine,
        "one",
        "connected_component",
        wcc,
        Executor::Distributed,
    )
    .await;
    let id = job.id.0.clone();
    let job = wait(&engine, &id).await;
    assert_eq!(job.state, JobState::Failed);
    let reason = job.fail_reason.unwrap_or_default();
    assert!(
        reason.contains("compute process 0 of 1 (pid ") && reason.contains("ran out of memory"),
        "{reason}"
    );
    assert!(
        reason.contains(&format!("under its limit of {limit} bytes")),
        "{reason}"
    );
    assert!(
        reason.ends_with("(after 1 attempt)"),
        "not retried: {reason}"
    );
    assert_eq!(job.fail_kind, Some(FailKind::RunFailed));
    assert_eq!(processes_with(&format!("compute/{id}/")), []);
    // The engine goes on: the four-part graph still answers.
    let hop = json!({"source": "k0", "k": 1});
    let after = run(&engine, "four", "k_hop", hop, Executor::Distributed).await;
    assert!(!after.rows.is_empty());
}
