//! A placement that fails midway gives back the ports it reserved: an agent that gave a port
//! but refuses to start the process on it (here its working dir cannot be made: a file stands
//! where the dir would be, which stops root too) holds no reservation once the job has failed,
//! instead of holding it for its lease.

use std::collections::HashSet;

use crate::agent_process::AgentProcess;
use crate::compute_agents::{distributed_wcc, node};
use crate::distributed_s3::{BUCKET, wait_until};
use crate::s3::S3Server;

/// The TCP ports process `pid` listens on (its sockets in `/proc/PID/fd` that are in the
/// LISTEN state in `/proc/net/tcp` or `tcp6`).
fn listening_ports(pid: u32) -> Vec<u16> {
    let inodes: HashSet<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .flatten()
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter_map(|link| {
            let link = link.to_string_lossy().into_owned();
            Some(link.strip_prefix("socket:[")?.strip_suffix(']')?.to_owned())
        })
        .collect();
    let mut ports = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(table).unwrap_or_default();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // local_address is ADDR:PORT in hex; st 0A is LISTEN; column 9 the inode.
            if cols.len() > 9 && cols[3] == "0A" && inodes.contains(cols[9]) {
                let port = cols[1].rsplit(':').next().unwrap();
                ports.push(u16::from_str_radix(port, 16).unwrap());
            }
        }
    }
    ports.sort_unstable();
    ports
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ports_of_a_refused_start_are_given_back_at_once() {
    let s3 = S3Server::start(&[BUCKET]).await;
    // A lease far longer than the test: only the node's release can free the port.
    let agents = [
        AgentProcess::for_bucket(&s3.endpoint, "600000", &[]),
        AgentProcess::for_bucket(&s3.endpoint, "600000", &[]),
    ];
    std::fs::write(agents[1].work(), "not a dir").unwrap();
    let http_port =
        |a: &AgentProcess| -> u16 { a.url.rsplit(':').next().unwrap().parse().unwrap() };
    let refuser = agents[1].child.id();
    assert_eq!(listening_ports(refuser), [http_port(&agents[1])]);
    let app = node(&s3, &agents, 2, |c| c.compute.retries = 0).await;
    app.import_tiny("tiny").await;
    let id = distributed_wcc(&app, "tiny").await;
    let job = wait_until(&app, &id, |j| j.state.is_terminal()).await;
    assert_eq!(job.state, engine::JobState::Failed, "{job:?}");
    let reason = job.fail_reason.unwrap_or_default();
    assert!(
        reason.contains(&format!(
            "compute process 1 of 2 cannot be started: compute agent {} answered 503 Service Unavailable to starting a process: working dir",
            agents[1].url
        )),
        "{reason}"
    );
    // Process 1's port, reserved on the refusing agent, is no longer held: the agent
    // listens on its own port only.
    assert_eq!(listening_ports(refuser), [http_port(&agents[1])]);
}
