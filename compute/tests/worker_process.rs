//! One `graphjobs-compute` process on its own: it ends when the node that started it is gone
//! (its stdin closes), gives up on peers that never connect, and refuses a hosts file that
//! does not fit the group, each with its own exit code and a message naming what is wrong; so
//! does a process whose object store does not answer.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};

use engine::distributed::{ComputeTask, Kernel};
use engine::graph::{Graph, partition};

/// A task (connected components over a 2-part partition of a small graph) in `dir` as a
/// `file://` object store, and a hosts file of `hosts` free loopback addresses.
fn setup(dir: &Path, hosts: usize) {
    let g = Graph::from_edges(6, &[(0, 1), (2, 3), (4, 5)]);
    let parts = dir.join("parts");
    partition::write(&g, 1, 2, None, &parts).unwrap();
    let task = ComputeTask {
        job: "j".into(),
        kernel: Kernel::Wcc,
        parts: "parts".into(),
        shards: String::new(),
        checkpoints: "checkpoints".into(),
        checkpoint_every: 0,
        resume_from: None,
    };
    std::fs::write(dir.join("task.json"), serde_json::to_vec(&task).unwrap()).unwrap();
    let listeners: Vec<TcpListener> = (0..hosts)
        .map(|_| TcpListener::bind("127.0.0.1:0").unwrap())
        .collect();
    let lines: String = listeners
        .iter()
        .map(|l| format!("{}\n", l.local_addr().unwrap()))
        .collect();
    std::fs::write(dir.join("hosts"), lines).unwrap();
}

/// `graphjobs-compute` as process 0 of 2 in `dir`, with `extra` arguments.
fn process_zero(dir: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_graphjobs-compute"));
    c.args(["--process", "0", "--processes", "2", "--hosts"])
        .arg(dir.join("hosts"))
        .args(["--job", "task.json", "--object-store"])
        .arg(format!("file://{}", dir.display()))
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

#[test]
fn a_process_ends_when_its_node_is_gone() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path(), 2);
    // Process 1 never starts, so process 0 waits for it until its stdin closes.
    let mut child = process_zero(
        tmp.path(),
        &["--exit-with-stdin", "--connect-timeout-secs", "600"],
    )
    .stdin(Stdio::piped())
    .spawn()
    .unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(compute::ORPHANED), "{out:?}");
}

#[test]
fn peers_that_never_connect_are_given_up_on() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path(), 2);
    let out = process_zero(tmp.path(), &["--connect-timeout-secs", "1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(compute::UNREACHABLE), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    let hosts = std::fs::read_to_string(tmp.path().join("hosts")).unwrap();
    let second = hosts.lines().nth(1).unwrap();
    assert!(
        said.contains("did not form within 1 s") && said.contains(second),
        "{said}"
    );
}

#[test]
fn a_hosts_file_that_does_not_fit_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path(), 1);
    let out = process_zero(tmp.path(), &[])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(engine::distributed::EXIT_TASK_FAILED)
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("process 0 of 2 does not fit the hosts file")
            && said.contains("(1 addresses)"),
        "{said}"
    );
}

#[test]
fn a_store_that_does_not_answer_ends_the_process_with_its_own_code() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path(), 2);
    // A port nobody listens on.
    let gone = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_graphjobs-compute"))
        .args(["--process", "0", "--processes", "2", "--hosts"])
        .arg(tmp.path().join("hosts"))
        .args([
            "--job",
            "compute/j/task.json",
            "--object-store",
            "s3://graphjobs/node",
        ])
        .args(["--obs-endpoint", &format!("http://{gone}")])
        .env(engine::distributed::ACCESS_KEY_ENV, "AK")
        .env(engine::distributed::SECRET_KEY_ENV, "SK")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(compute::STORE_UNAVAILABLE),
        "{out:?}"
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("task compute/j/task.json") && said.contains("s3://graphjobs/node"),
        "{said}"
    );
}
