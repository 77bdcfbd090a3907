//! `graphjobs compute-agent` as a real process on loopback, for the agent tests: its own
//! working dir, its log in a file, the object store it is handed, killed (-9) when dropped.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The token the test agents and nodes share.
pub const TOKEN: &str = "agent-test-token-7f3e";

/// A running agent.
pub struct AgentProcess {
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// Holds its working dir (`work/`) and its log (`agent.log`).
    pub dir: tempfile::TempDir,
}

impl AgentProcess {
    /// Starts an agent on a free loopback port with `extra` arguments (the store's flags,
    /// `--agent-token`, `--lease-ms`) and `env`.
    pub fn start(extra: &[&str], env: &[(&str, &str)]) -> AgentProcess {
        let dir = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(dir.path().join("agent.log")).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_graphjobs"))
            .args([
                "compute-agent",
                "--addr",
                "127.0.0.1:0",
                "--worker-host",
                "127.0.0.1",
            ])
            .arg("--work-dir")
            .arg(dir.path().join("work"))
            .args(extra)
            .envs(env.iter().copied())
            .env_remove("GRAPHJOBS_COMPUTE_AGENT_TOKEN")
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let url = first
            .trim()
            .strip_prefix("compute agent listening on ")
            .unwrap_or_else(|| panic!("the agent said [{first}]"))
            .to_owned();
        AgentProcess { child, url, dir }
    }

    /// An agent for an `s3://graphjobs/node` store on `endpoint`, with the test keys and
    /// token, and `extra` arguments.
    pub fn for_bucket(endpoint: &str, lease_ms: &str, extra: &[&str]) -> AgentProcess {
        let mut args = vec![
            "--object-store",
            "s3://graphjobs/node",
            "--obs-endpoint",
            endpoint,
            "--agent-token",
            TOKEN,
            "--lease-ms",
            lease_ms,
        ];
        args.extend_from_slice(extra);
        AgentProcess::start(
            &args,
            &[
                (engine::distributed::ACCESS_KEY_ENV, crate::s3::AK),
                (engine::distributed::SECRET_KEY_ENV, crate::s3::SK),
            ],
        )
    }

    /// What the agent logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("agent.log")).unwrap_or_default()
    }

    /// Its working dir.
    pub fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    /// Kills it (-9) and reaps it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for AgentProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Whether process `pid` still exists (a zombie counts as gone: it no longer runs).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

/// The soft limit on process `pid`'s address space (`Max address space` of
/// `/proc/PID/limits`), `None` when unlimited.
pub fn address_space_limit(pid: u32) -> Option<u64> {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max address space"))
        .unwrap_or_else(|| panic!("{limits}"));
    let soft = line
        .trim_start_matches("Max address space")
        .split_whitespace()
        .next()
        .unwrap();
    (soft != "unlimited").then(|| soft.parse().unwrap())
}
