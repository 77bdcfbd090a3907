//! An agent that stops answering for a while, less than its lease, loses nothing: the node
//! bears with the reports that time out (5 s each) until the lease since the last one has
//! passed, and the job goes on. The agent is stopped (SIGSTOP) for longer than a report's
//! timeout, so that the node surely meets at least one that does not come, while its
//! processes (its children, not stopped) run on.

use std::process::Command;
use std::time::Duration;

use crate::agent_process::AgentProcess;
use crate::compute_agents::{long_job, node, same_as_local};
use crate::distributed_s3::{BUCKET, wait_until};
use crate::helpers::assert_succeeded;
use crate::s3::S3Server;

/// The agents' lease: far longer than the stop below.
const LEASE_MS: &str = "30000";
/// How long the agent is stopped: past one report's timeout (5 s, the node's), well inside
/// the lease.
const STOPPED: Duration = Duration::from_secs(7);

fn signal(pid: u32, sig: &str) {
    let sent = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_silent_for_less_than_its_lease_loses_no_process() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let agents = [
        AgentProcess::for_bucket(&s3.endpoint, LEASE_MS, &[]),
        AgentProcess::for_bucket(&s3.endpoint, LEASE_MS, &[]),
    ];
    // No retry: a process counted lost would fail the job.
    let app = node(&s3, &agents, 2, |c| {
        c.compute.retries = 0;
        c.compute.checkpoint_every = 0;
    })
    .await;
    let len = 6_000;
    let id = long_job(&app, len).await;
    let job = wait_until(&app, &id, |j| {
        j.counters.iterations.is_some_and(|k| k >= 50) || j.state.is_terminal()
    })
    .await;
    // Far from its end, so that the node is still asking when the agent stops.
    assert!(
        !job.state.is_terminal() && job.counters.iterations < Some(len as u64 / 2),
        "{job:?}"
    );
    let pid = agents[1].child.id();
    signal(pid, "-STOP");
    tokio::time::sleep(STOPPED).await;
    signal(pid, "-CONT");
    let job = wait_until(&app, &id, |j| j.state.is_terminal()).await;
    assert_succeeded(&job);
    assert!(
        job.detail
            .is_none_or(|d| d["distributed"]["failedAttempts"].is_null()),
        "no attempt failed"
    );
    same_as_local(&app, &id, len).await;
}
