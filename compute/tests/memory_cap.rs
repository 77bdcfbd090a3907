//! Bigger than one process (issue 23): compute processes under a memory limit
//! (`ComputeConfig::memory_limit`, `serve --compute-memory-limit`, `prlimit --as`). A
//! partitioned Kronecker graph (scale 19: 524,288 vertices, 8.4 million edges) whose CSR is
//! larger than the limit runs PageRank with 4 processes on loopback, each holding a quarter of
//! the edges; the same graph in one part, under the same limit, fails cleanly: the job is
//! `failed` at once (not retried) with a reason that says out of memory and names the process,
//! the engine goes on running jobs, and no process is left behind.
//!
//! Sizes (measured on the 2-core machine of session 20, debug build, with other builds
//! running; `VmPeak` of every compute process sampled every 10 ms from `/proc`):
//! - the graph's CSR, as the single-node engine holds it (out and in lists: `u64` offsets,
//!   `u32` targets, and the in-lists' edge ids) is [`csr_bytes`] = 109 MB, above the limit of
//!   96 MiB (100.7 MB); the whole graph in the engine's memory (names, the weight column,
//!   labels: `Graph::stats().memory_bytes`) is 240 MB;
//! - a process maps some 50-60 MB before it reads an edge (the debug binary, thread stacks,
//!   timely's buffers); PageRank on a quarter of the edges peaked at 77.6-82.2 MB per process
//!   (under a 1 GiB limit, so with `MALLOC_ARENA_MAX=1` as under this one), 19 MB under the limit; `k_hop` at
//!   78-80 MB; the lone process needs about twice the limit (8.4 million edges are 100 MB of
//!   load buffers and lists on their own) and aborts on its first failed allocation.
//!   Connected components would not do: with the in-edges a quarter of the graph peaked at
//!   127-185 MB, above the CSR.
//!
//! Time (about 45 s under load): writing the graph's files ~7 s, the two partitioned imports
//! ~10 s each, PageRank on 4 processes ~10 s (20 iterations in the debug build), the lone
//! process's failure and the last `k_hop` a few seconds each.

mod common;

use common::{engine_with, import_parts, processes_with, run, submit, wait, write_kronecker};
use engine::distributed::Executor;
use engine::{FailKind, JobState};
use serde_json::json;

/// Each process's address space, in bytes.
const LIMIT: u64 = 96 << 20;
/// The Kronecker graph's scale (16 edges per vertex, repeats and self-loops kept).
const SCALE: u32 = 19;

/// The bytes of the CSR the single-node engine builds for `2^SCALE` vertices and `16 ·
/// 2^SCALE` edges: out and in lists (`u64` offsets, `u32` targets) and the in-lists' edge ids
/// (`engine::graph::Graph`).
const fn csr_bytes() -> u64 {
    let (n, m) = (1u64 << SCALE, 16u64 << SCALE);
    2 * (n + 1) * 8 + 2 * m * 4 + m * 4
}

// The test's premise: the graph's CSR does not fit in one process's limit.
const _: () = assert!(csr_bytes() > LIMIT);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_capped_processes_run_what_one_cannot_and_one_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kron");
    let limit = LIMIT;
    let hub = write_kronecker(&dir, SCALE, 16, 7);
    let engine = engine_with(&tmp.path().join("data"), 4, &[&dir], |c| {
        c.memory_limit = Some(limit);
    })
    .await;
    import_parts(&engine, "four", &dir, Some(4)).await;
    import_parts(&engine, "one", &dir, Some(1)).await;
    // Directed PageRank: a process holds its part's out-edges only.
    let pagerank = json!({"directed": true});
    let four = run(
        &engine,
        "four",
        "pagerank",
        pagerank.clone(),
        Executor::Distributed,
    )
    .await;
    assert_eq!(four.rows.len(), 1 << SCALE);
    let job = submit(&engine, "one", "pagerank", pagerank, Executor::Distributed).await;
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
    let hop = json!({"source": hub, "k": 1});
    let after = run(&engine, "four", "k_hop", hop, Executor::Distributed).await;
    assert!(!after.rows.is_empty());
}
