//! A node with `--compute-agents`: two real `graphjobs compute-agent` processes on loopback,
//! each with its own working dir, and an `s3://` store (s3s on loopback), so the node and the
//! agents share nothing but the bucket. The group's processes are the agents' children; the
//! node watches them over HTTP with the same loop, reasons, cancel and retries as a loopback
//! group.

use serde_json::{Value, json};

use crate::agent_process::{AgentProcess, TOKEN, address_space_limit, alive};
use crate::distributed_s3::{
    BUCKET, PAGERANK_L1, answer, demo_dir, import_movie, kill_and_resume, pagerank_l1,
    processes_with, wait_until,
};
use crate::helpers::{PROJECT, TestApp, assert_succeeded};
use crate::obs_app::spawn_obs_app_with;
use crate::s3::{AK, S3Server, SK};

/// The node's `--compute-memory-limit` in the tests that must succeed: far above what any of
/// their processes maps (a few hundred MB at most).
pub(crate) const GENEROUS: u64 = 4 << 30;
/// The second agent's `--memory-limit` in those tests: below the node's, so its processes
/// run under it, and as generous.
pub(crate) const AGENT_CEILING: u64 = 3 << 30;

/// Two agents on the bucket (the second with `--memory-limit` [`AGENT_CEILING`]) and a node
/// placing `processes` processes on them under [`GENEROUS`].
async fn cluster(
    s3: &S3Server,
    processes: u32,
    checkpoint_every: u32,
    retries: u32,
) -> (TestApp, [AgentProcess; 2]) {
    let ceiling = AGENT_CEILING.to_string();
    let agents = [
        AgentProcess::for_bucket(&s3.endpoint, "10000", &[]),
        AgentProcess::for_bucket(&s3.endpoint, "10000", &["--memory-limit", &ceiling]),
    ];
    let app = node(s3, &agents, processes, |c| {
        c.compute.checkpoint_every = checkpoint_every;
        c.compute.retries = retries;
        c.compute.memory_limit = Some(GENEROUS);
    })
    .await;
    (app, agents)
}

/// A node on the bucket placing `processes` processes on `agents`, configured further by
/// `tweak`.
pub(crate) async fn node(
    s3: &S3Server,
    agents: &[AgentProcess],
    processes: u32,
    tweak: impl FnOnce(&mut engine::EngineConfig),
) -> TestApp {
    let urls = agents.iter().map(|a| a.url.clone()).collect();
    spawn_obs_app_with(Some(&s3.endpoint), Some((AK, SK)), |c| {
        c.object_store = engine::objects::ObjectStoreUrl::S3 {
            bucket: BUCKET.into(),
            prefix: "node".into(),
        };
        c.compute.processes = processes;
        c.compute.agents = urls;
        c.compute.agent_token = Some(engine::distributed::agent::AgentToken::new(TOKEN));
        c.import_roots = vec![demo_dir()];
        tweak(c);
    })
    .await
}

/// Imports a path of `len` vertices (min-label propagation: `len` supersteps) and starts a
/// distributed connected_component job on it; returns the job's id.
pub(crate) async fn long_job(app: &TestApp, len: usize) -> String {
    let edges: String = (1..len)
        .map(|i| format!("p{},p{i},knows,1\n", i - 1))
        .collect();
    let vertices: String = (0..len).map(|i| format!("p{i},person,P{i}\n")).collect();
    app.import_with_vertices("path", &vertices, &edges).await;
    distributed_wcc(app, "path").await
}

/// Submits `connected_component` on `graph` to the distributed executor; the job's id.
pub(crate) async fn distributed_wcc(app: &TestApp, graph: &str) -> String {
    let url = app.graph_url(graph, "/action?action_id=execute-algorithm");
    let r = app
        .client
        .post(&url)
        .header("X-Auth-Token", &app.token)
        .header("X-Executor", "distributed")
        .json(&json!({"algorithmName": "connected_component", "parameters": {}}))
        .send()
        .await
        .unwrap();
    let resp: Value = r.json().await.unwrap();
    resp["jobId"].as_str().unwrap().to_owned()
}

/// The group of job `id` as the machine sees it: `(pid, command line)` of each process.
pub(crate) fn group_of(id: &str) -> Vec<(u32, String)> {
    processes_with(&format!("compute/{id}/task.json"))
}

/// Asserts that distributed job `id` on the path graph of `len` vertices has the local
/// engine's answer.
pub(crate) async fn same_as_local(app: &TestApp, id: &str, len: usize) {
    let dist = app
        .engine
        .result_page(PROJECT, id, 0, 100_000)
        .await
        .unwrap();
    assert_eq!(dist.rows.len(), len);
    let url = app.graph_url("path", "/action?action_id=execute-algorithm");
    let body = json!({"algorithmName": "connected_component", "parameters": {}});
    let (code, resp) = app.post(&url, &body).await;
    assert_eq!(code, 200, "{resp}");
    let local = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    let local = app
        .engine
        .result_page(PROJECT, &local.id.0, 0, 100_000)
        .await
        .unwrap();
    assert_eq!((dist.scalars, dist.rows), (local.scalars, local.rows));
}

/// Waits (a minute at most) until none of `pids` runs.
pub(crate) async fn gone(pids: &[u32]) {
    for _ in 0..6000 {
        if !pids.iter().any(|p| alive(*p)) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("processes {pids:?} are left behind");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_over_two_agents_answers_as_the_local_engine() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let (app, agents) = cluster(&s3, 3, 10, 0).await;
    import_movie(&app).await;
    let pagerank = (
        answer(&app, "local", "pagerank", json!({})).await,
        answer(&app, "distributed", "pagerank", json!({})).await,
    );
    assert_eq!(pagerank.0.0["iterations"], pagerank.1.0["iterations"]);
    let l1 = pagerank_l1(&pagerank.0.1, &pagerank.1.1);
    assert!(l1 < PAGERANK_L1, "L1 distance {l1}");
    let wcc = json!({});
    assert_eq!(
        answer(&app, "local", "connected_component", wcc.clone()).await,
        answer(&app, "distributed", "connected_component", wcc).await
    );
    // Round-robin: processes 0 and 2 of each job on the first agent, 1 on the second; each
    // agent's working dirs are gone with their processes.
    let started = |a: &AgentProcess| a.log().matches("compute process started").count();
    assert_eq!((started(&agents[0]), started(&agents[1])), (4, 2));
    for a in &agents {
        assert_eq!(std::fs::read_dir(a.work()).unwrap().count(), 0);
    }
    assert_eq!(s3.keys(BUCKET, "node/compute").await, Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_under_an_agent_resumes_from_a_checkpoint() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let (app, agents) = cluster(&s3, 2, 200, 2).await;
    let len = 6_000;
    let id = long_job(&app, len).await;
    let job = wait_until(&app, &id, |j| {
        j.counters.iterations.is_some_and(|k| k >= 500) || j.state.is_terminal()
    })
    .await;
    assert!(!job.state.is_terminal(), "the job ended early: {job:?}");
    let group = group_of(&id);
    assert_eq!(group.len(), 2, "{group:?}");
    // Each process runs under the tighter of the node's limit and its agent's.
    let limit = |i: u32| {
        let (pid, _) = group
            .iter()
            .find(|(_, line)| line.contains(&format!("--process {i} ")))
            .unwrap();
        address_space_limit(*pid)
    };
    assert_eq!((limit(0), limit(1)), (Some(GENEROUS), Some(AGENT_CEILING)));
    let (victim, _, reason) = kill_and_resume(&app, &id, &group, 1).await;
    let expected = format!(
        "compute process 1 of 2 (pid {victim} on 127.0.0.1, agent {}) was killed by signal 9",
        agents[1].url
    );
    assert!(reason.contains(&expected), "{reason}");
    assert_eq!(group_of(&id), []);
    same_as_local(&app, &id, len).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_agent_fails_the_attempt_naming_it_and_the_retry_runs_on_the_other() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let (app, mut agents) = cluster(&s3, 2, 200, 1).await;
    let len = 6_000;
    let id = long_job(&app, len).await;
    let job = wait_until(&app, &id, |j| {
        j.counters.iterations.is_some_and(|k| k >= 500) || j.state.is_terminal()
    })
    .await;
    assert!(!job.state.is_terminal(), "the job ended early: {job:?}");
    let pids: Vec<u32> = group_of(&id).iter().map(|(pid, _)| *pid).collect();
    assert_eq!(pids.len(), 2);
    let dead = agents[1].url.clone();
    agents[1].kill();
    // The first attempt loses its process on the dead agent; the retry, placed on the live
    // agent alone, resumes from a checkpoint and ends the job.
    let job = wait_until(&app, &id, |j| j.state.is_terminal()).await;
    assert_succeeded(&job);
    let detail = &job.detail.expect("a retried job says so")["distributed"];
    let reason = detail["failedAttempts"][0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("compute process 1 of 2 (pid ")
            && reason.contains(&format!(
                "agent {dead}) was lost: compute agent {dead} cannot be reached"
            )),
        "{reason}"
    );
    assert!(detail["resumedFrom"].as_u64().is_some(), "{detail}");
    let started = agents[0].log().matches("compute process started").count();
    assert_eq!(started, 3, "process 0, then both processes of the retry");
    // The dead agent's process ended with its agent (its stdin closed); the others were
    // stopped by the live agent for the node.
    gone(&pids).await;
    assert_eq!(group_of(&id), []);
    assert_eq!(std::fs::read_dir(agents[0].work()).unwrap().count(), 0);
    same_as_local(&app, &id, len).await;
}

/// With every agent down, the job fails with a reason naming them, after its retries, and
/// never hangs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_agent_reachable_the_job_fails_naming_them() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let (app, mut agents) = cluster(&s3, 2, 0, 1).await;
    app.import_tiny("tiny").await;
    let urls: Vec<String> = agents.iter().map(|a| a.url.clone()).collect();
    agents.iter_mut().for_each(AgentProcess::kill);
    let id = distributed_wcc(&app, "tiny").await;
    let job = app.wait_engine_job(&id).await;
    assert_eq!(job.state, engine::JobState::Failed, "{job:?}");
    let reason = job.fail_reason.unwrap_or_default();
    for u in &urls {
        assert!(
            reason.contains(&format!(
                "compute agent {u} cannot be reached (reserving a port)"
            )),
            "{reason}"
        );
    }
    assert!(
        reason.contains("compute process 0 of 2 cannot be placed")
            && reason.ends_with("(after 2 attempts)"),
        "{reason}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_reaches_every_remote_process() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let (app, agents) = cluster(&s3, 3, 0, 0).await;
    let id = long_job(&app, 6_000).await;
    let job = wait_until(&app, &id, |j| {
        j.counters.iterations.is_some_and(|k| k >= 50) || j.state.is_terminal()
    })
    .await;
    assert!(!job.state.is_terminal(), "the job ended early: {job:?}");
    let pids: Vec<u32> = group_of(&id).iter().map(|(pid, _)| *pid).collect();
    assert_eq!(pids.len(), 3);
    app.engine
        .cancel(PROJECT, &id, "tester", "enough")
        .await
        .unwrap();
    let job = wait_until(&app, &id, |j| j.state.is_terminal()).await;
    assert_eq!(job.state, engine::JobState::Cancelled, "{job:?}");
    gone(&pids).await;
    for a in &agents {
        assert_eq!(std::fs::read_dir(a.work()).unwrap().count(), 0);
    }
}
