//! A memory limit on an agent's processes: the node's `--compute-memory-limit` travels with
//! each start request and the agent applies it (the smaller of it and its own
//! `--memory-limit`) exactly as a loopback group does (`prlimit --as`); a process that needs
//! more aborts, and the job fails at once with the loopback path's out-of-memory reason,
//! naming the process's pid, host and agent, with no process left. (The tighter of the two
//! limits is checked on live processes in `compute_agents.rs`.)
//!
//! Sizes (debug build, one process, connected components, `VmPeak` sampled every 5 ms): a
//! process maps some 82 MB before it reads its part, and a graph of 500,000 vertices took it
//! to 100 MB; the graph here, 3 million vertices, to 196 MB without a limit. The limit, 136
//! MiB (142.6 MB), is some 55 MB from either. Time: the import about 15 s, the failure 1 s.

use engine::{FailKind, JobState};

use crate::agent_process::{AgentProcess, alive};
use crate::compute_agents::{distributed_wcc, group_of, node};
use crate::distributed_s3::{BUCKET, wait_until};
use crate::helpers::TestApp;
use crate::s3::S3Server;

/// Each process's address space, in bytes (the node's `--compute-memory-limit`).
const LIMIT: u64 = 136 << 20;
/// Vertices of the graph too big for one process under [`LIMIT`].
const VERTICES: u64 = 3_000_000;

/// A graph of `n` vertices and `m` pseudo-random edges (SplitMix64: the same every run),
/// imported as `graph` through the REST import.
async fn import_random(app: &TestApp, graph: &str, n: u64, m: u64) {
    let mut state = 7u64;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let vertices: String = (0..n).map(|i| format!("v{i},person,V\n")).collect();
    let edges: String = (0..m)
        .map(|_| format!("v{},v{},knows,1\n", next() % n, next() % n))
        .collect();
    let id = app.start_import(graph, &vertices, &edges).await;
    let job = wait_until(app, &id, |j| j.state.is_terminal()).await;
    assert_eq!(job.state, JobState::Succeeded, "{job:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_over_its_limit_on_an_agent_fails_the_job_out_of_memory() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let agent = [AgentProcess::for_bucket(&s3.endpoint, "10000", &[])];
    let app = node(&s3, &agent, 1, |c| {
        c.compute.retries = 1;
        c.compute.checkpoint_every = 0;
        c.compute.memory_limit = Some(LIMIT);
    })
    .await;
    import_random(&app, "big", VERTICES, VERTICES / 30).await;
    let id = distributed_wcc(&app, "big").await;
    let job = wait_until(&app, &id, |j| j.state.is_terminal()).await;
    assert_eq!(job.state, JobState::Failed, "{job:?}");
    assert_eq!(job.fail_kind, Some(FailKind::RunFailed));
    let reason = job.fail_reason.unwrap_or_default();
    // The loopback path's words, with the process's pid, host and agent; not retried.
    let pid: u32 = reason
        .split_once("compute process 0 of 1 (pid ")
        .and_then(|(_, rest)| rest.split_once(' '))
        .and_then(|(pid, _)| pid.parse().ok())
        .unwrap_or_else(|| panic!("{reason}"));
    let expected = format!(
        "compute process 0 of 1 (pid {pid} on 127.0.0.1, agent {}) ran out of memory: an allocation of ",
        agent[0].url
    );
    assert!(reason.contains(&expected), "{reason}");
    assert!(
        reason.contains(&format!(
            "bytes failed under its limit of {LIMIT} bytes (--compute-memory-limit); it aborted (SIGABRT)"
        )),
        "{reason}"
    );
    assert!(
        reason.ends_with("(after 1 attempt)"),
        "not retried: {reason}"
    );
    // No process left, nor its working dir.
    assert!(!alive(pid), "process {pid} is left behind");
    assert_eq!(group_of(&id), []);
    assert_eq!(std::fs::read_dir(agent[0].work()).unwrap().count(), 0);
    // Not a crash: the node and the agent go on running jobs under the same limit.
    app.import_tiny("tiny").await;
    let small = distributed_wcc(&app, "tiny").await;
    let job = app.wait_engine_job(&small).await;
    assert_eq!(job.state, JobState::Succeeded, "{:?}", job.fail_reason);
}
