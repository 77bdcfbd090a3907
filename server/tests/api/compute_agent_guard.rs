//! What keeps a `graphjobs compute-agent` from being an open remote-exec service: the token
//! (401 without it, nothing started), requests that name no program, an agent that will not
//! listen beyond loopback without a token, and the lease that kills a process its node
//! stopped asking about.

use std::process::Command;

use engine::distributed::agent::{PORTS, PROCESSES, PortReserved, ProcessReport, ProcessStarted};
use engine::distributed::{ComputeTask, Kernel};
use engine::graph::partition::Manifest;
use serde_json::json;

use crate::agent_process::{AgentProcess, TOKEN, alive};
use crate::distributed_s3::processes_with;

/// An agent on a directory store holding a task whose partition has two parts, so that
/// process 0 of 2 reads it and then waits (a minute) for a process 1 that never comes.
fn agent_on_a_waiting_task(lease_ms: &str) -> (AgentProcess, tempfile::TempDir) {
    let store = tempfile::tempdir().unwrap();
    let task = ComputeTask {
        job: "j1".into(),
        kernel: Kernel::Wcc,
        parts: "parts".into(),
        shards: "compute/j1".into(),
        checkpoints: "compute/j1/checkpoints".into(),
        checkpoint_every: 0,
        resume_from: None,
    };
    let manifest = Manifest {
        format: 1,
        vertices: 2,
        edges: 0,
        parts: 2,
        directed: true,
        weight: None,
        part_keys: vec!["part-00000.bin".into(), "part-00001.bin".into()],
        part_edges: vec![0, 0],
        names: "v1.bin".into(),
    };
    std::fs::create_dir_all(store.path().join("compute/j1")).unwrap();
    std::fs::create_dir_all(store.path().join("parts")).unwrap();
    std::fs::write(
        store.path().join("compute/j1/task.json"),
        serde_json::to_vec(&task).unwrap(),
    )
    .unwrap();
    std::fs::write(
        store.path().join("parts/manifest.json"),
        serde_json::to_vec(&manifest).unwrap(),
    )
    .unwrap();
    let url = format!("file://{}", store.path().display());
    let agent = AgentProcess::start(
        &[
            "--object-store",
            &url,
            "--agent-token",
            TOKEN,
            "--lease-ms",
            lease_ms,
        ],
        &[],
    );
    (agent, store)
}

/// A port the agent reserves, asked for with the token.
async fn reserve(agent: &AgentProcess, client: &reqwest::Client) -> PortReserved {
    client
        .post(format!("{}{PORTS}", agent.url))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_request_without_the_token_is_refused_and_starts_nothing() {
    let (agent, _store) = agent_on_a_waiting_task("60000");
    let client = reqwest::Client::new();
    // A port truly reserved (with the token), so that a start without one would run if the
    // token were not checked. A key of its own: the lease test's process runs on
    // `compute/j1/task.json` meanwhile.
    let port = reserve(&agent, &client).await;
    let start = json!({"process": 0, "processes": 1, "task": "compute/refused/task.json",
                       "hosts": format!("{}\n", port.address)});
    for token in [None, Some("wrong-token-7f3e"), Some("")] {
        let with = |r: reqwest::RequestBuilder| match token {
            Some(t) => r.bearer_auth(t),
            None => r,
        };
        let calls = [
            with(client.post(format!("{}{PORTS}", agent.url))),
            with(
                client
                    .post(format!("{}{PROCESSES}", agent.url))
                    .json(&start),
            ),
            with(client.get(format!("{}{PROCESSES}/1", agent.url))),
            with(client.delete(format!("{}{PROCESSES}/1", agent.url))),
        ];
        for call in calls {
            assert_eq!(call.send().await.unwrap().status().as_u16(), 401);
        }
    }
    // With the token, a request naming anything but a plain task key is refused too.
    let bad = json!({"process": 0, "processes": 1, "task": "--help",
                     "hosts": format!("{}\n", port.address)});
    let r = client
        .post(format!("{}{PROCESSES}", agent.url))
        .bearer_auth(TOKEN)
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    // Nothing ran: no working dir, no process of the task.
    assert!(!agent.work().exists() || std::fs::read_dir(agent.work()).unwrap().count() == 0);
    assert_eq!(processes_with("compute/refused/task.json"), []);
    assert!(!agent.log().contains("compute process started"));
}

#[test]
fn an_agent_beyond_loopback_needs_a_token() {
    let mut agent = Command::new(env!("CARGO_BIN_EXE_graphjobs"))
        .args(["compute-agent", "--addr", "0.0.0.0:0", "--worker-host", "h"])
        .args(["--object-store", "file:///nonexistent"])
        .env_remove("GRAPHJOBS_COMPUTE_AGENT_TOKEN")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // It must refuse at once; one that serves instead is killed and fails the test, not hangs
    // it (the minute is only a bound on a refusal that never comes).
    let mut status = None;
    for _ in 0..6000 {
        status = agent.try_wait().unwrap();
        if status.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let Some(status) = status else {
        let _ = agent.kill();
        let _ = agent.wait();
        panic!("an agent on 0.0.0.0 without a token started serving");
    };
    assert!(!status.success());
    let mut said = String::new();
    std::io::Read::read_to_string(&mut agent.stderr.take().unwrap(), &mut said).unwrap();
    assert!(said.contains("give it --agent-token"), "{said}");
}

#[tokio::test]
async fn a_process_its_node_stopped_asking_about_is_killed() {
    // Long enough that the reservation and the first report come well inside it on a loaded
    // machine; the wait below is bounded by a minute.
    let (agent, _store) = agent_on_a_waiting_task("2000");
    let client = reqwest::Client::new();
    let port = reserve(&agent, &client).await;
    // Process 0 of 2 listens on its reserved port and waits for process 1 (never started).
    let hosts = format!("{}\n127.0.0.1:9\n", port.address);
    let start = json!({"process": 0, "processes": 2, "task": "compute/j1/task.json",
                       "hosts": hosts});
    let started: ProcessStarted = client
        .post(format!("{}{PROCESSES}", agent.url))
        .bearer_auth(TOKEN)
        .json(&start)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let report = client
        .get(format!("{}{PROCESSES}/{}", agent.url, started.id))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    let report: ProcessReport = report.json().await.unwrap();
    assert!(report.running, "{report:?}");
    // Nobody asks again: the agent kills it once the lease is over, and forgets it.
    for _ in 0..6000 {
        if !alive(started.pid) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(
        !alive(started.pid),
        "process {} outlived its lease",
        started.pid
    );
    assert!(
        agent
            .log()
            .contains("no node asked about a compute process for the lease")
    );
    let r = client
        .get(format!("{}{PROCESSES}/{}", agent.url, started.id))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
}

#[tokio::test]
async fn a_port_given_back_is_free_again() {
    let (agent, _store) = agent_on_a_waiting_task("60000");
    let client = reqwest::Client::new();
    let port = reserve(&agent, &client).await;
    // Held by the agent's listener meanwhile.
    assert!(std::net::TcpListener::bind(&port.address).is_err());
    let release = |token: &str| {
        client
            .delete(format!("{}{PORTS}/{}", agent.url, port.address))
            .bearer_auth(token.to_owned())
            .send()
    };
    assert_eq!(
        release("wrong-token-7f3e").await.unwrap().status().as_u16(),
        401
    );
    assert!(std::net::TcpListener::bind(&port.address).is_err());
    assert_eq!(release(TOKEN).await.unwrap().status().as_u16(), 204);
    // The agent no longer holds it (the port is free to the system) nor knows it.
    drop(std::net::TcpListener::bind(&port.address).expect("the port is free again"));
    assert_eq!(release(TOKEN).await.unwrap().status().as_u16(), 404);
}
