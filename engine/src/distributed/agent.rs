//! The compute agent's wire protocol: what a node (`serve --compute-agents URL,…`) asks of a
//! `graphjobs compute-agent` on another machine, and what it answers. The node side is the
//! remote process handle of the group module (`distributed/group/remote.rs`); the agent
//! itself is the server crate's (this crate has no web framework).
//!
//! Every request carries `Authorization: Bearer <token>` (the agent's `--agent-token`). A
//! request never names a program or an argument: it says which process of which group to
//! start, and the agent builds the `compute-worker` command line itself.
//!
//! - `POST /v1/ports` reserves a port for a process on the agent's machine (the agent holds
//!   it with a listener until the process starts) and answers [`PortReserved`];
//!   `DELETE /v1/ports/{address}` gives back one no process will use (a placement that
//!   failed), which the lease would otherwise hold;
//! - `POST /v1/processes` with [`StartProcess`] starts process `I` of `P` (under the smaller
//!   of the node's and the agent's memory limits, as a loopback process is started under the
//!   node's: [`super::limited_command`]), answering [`ProcessStarted`];
//! - `GET /v1/processes/{id}` answers [`ProcessReport`]; a process that no node has asked
//!   about for the agent's lease is killed (its node is gone), and a node that got no report
//!   for as long (the agent cannot be reached, or does not answer in time) counts it lost;
//! - `DELETE /v1/processes/{id}` kills and reaps it and forgets it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Default of an agent's `--lease-ms`: a node asks about each of its processes every 100 ms.
pub const DEFAULT_LEASE_MS: u64 = 10_000;

/// Path of the port reservations.
pub const PORTS: &str = "/v1/ports";
/// Path of the processes (`/v1/processes/{id}` for one).
pub const PROCESSES: &str = "/v1/processes";

/// The shared secret between a node and its agents (`--compute-agent-token`,
/// `--agent-token`, env `GRAPHJOBS_COMPUTE_AGENT_TOKEN`). `Debug` and `Display` print
/// `[redacted]`, so that the flags' structs, which derive `Debug`, and any log of them never
/// show it; [`AgentToken::expose`] is the one way to the text (the `Authorization` header,
/// the agent's comparison).
#[derive(Clone, PartialEq, Eq)]
pub struct AgentToken(String);

impl AgentToken {
    /// The token `secret`.
    pub fn new(secret: impl Into<String>) -> AgentToken {
        AgentToken(secret.into())
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AgentToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for AgentToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// From a flag's value: any text (an empty one is no token; the agent says so).
impl std::str::FromStr for AgentToken {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<AgentToken, Self::Err> {
        Ok(AgentToken::new(s))
    }
}

/// `HOST:PORT` as a hosts file lists it and a socket address parses it: an IPv6 literal in
/// brackets (`[::1]:7000`), a name or an IPv4 address as it is.
pub fn host_port(host: &str, port: u16) -> String {
    let host = bare_host(host);
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// A host as given (`--worker-host ::1` or `[::1]`) without the brackets of an IPv6 literal,
/// as a socket is bound to it.
pub fn bare_host(host: &str) -> &str {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
}

/// A reserved port: the address process `I` will listen on, `NAME:PORT` (the agent's
/// `--worker-host`), as the group's hosts file lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortReserved {
    /// `NAME:PORT` ([`host_port`]: `[ADDR]:PORT` for an IPv6 address).
    pub address: String,
}

/// Start process `process` of a group of `processes` on the task at key `task`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartProcess {
    /// This process's number, 0 ≤ I < P.
    pub process: u32,
    /// The group's size P.
    pub processes: u32,
    /// The task's key in the store (`compute/<job>/task.json`).
    pub task: String,
    /// The group's hosts file: P `host:port` lines, line `I` one of this agent's reserved
    /// addresses.
    pub hosts: String,
    /// Bytes of address space the process may map (the node's `--compute-memory-limit`);
    /// the agent caps it at its own `--memory-limit`. `None`: the agent's limit, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_limit: Option<u64>,
}

/// A started process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessStarted {
    /// The agent's id for it (the path segment of `/v1/processes/{id}`).
    pub id: u64,
    /// Its pid on the agent's machine.
    pub pid: u32,
    /// The agent's `--worker-host`.
    pub host: String,
    /// The bytes of address space it was started with: the smaller of the node's and the
    /// agent's limits (`None`: neither has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_limit: Option<u64>,
    /// The agent's lease (`--lease-ms`): how long the node may go without a report before the
    /// agent kills the process, and so how long the node bears with reports that do not come
    /// before it counts the process lost. Absent: [`DEFAULT_LEASE_MS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_ms: Option<u64>,
}

/// How a process is doing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProcessReport {
    /// Still running.
    pub running: bool,
    /// Its exit code, when it exited.
    pub code: Option<i32>,
    /// The signal that ended it, when one did.
    pub signal: Option<i32>,
    /// The last bytes it wrote on stderr (lossy UTF-8).
    pub stderr: String,
    /// The latest progress line it printed (process 0: `superstep k K`).
    pub progress: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_never_shows_itself() {
        let token: AgentToken = "s3cr3t-7f3e".parse().unwrap();
        assert_eq!(format!("{token:?}"), "[redacted]");
        assert_eq!(format!("{token}"), "[redacted]");
        assert_eq!(format!("{:?}", Some(&token)), "Some([redacted])");
        assert_eq!(token.expose(), "s3cr3t-7f3e");
    }

    #[test]
    fn ipv6_literals_are_bracketed_beside_their_port() {
        assert_eq!(host_port("::1", 7000), "[::1]:7000");
        assert_eq!(host_port("[::1]", 7000), "[::1]:7000");
        assert_eq!(host_port("fe80::2", 1), "[fe80::2]:1");
        assert_eq!(host_port("127.0.0.1", 7000), "127.0.0.1:7000");
        assert_eq!(host_port("m1.example", 7000), "m1.example:7000");
        assert_eq!(bare_host("[::1]"), "::1");
        assert_eq!(bare_host("::1"), "::1");
        // What the processes do with a hosts line: parse it as a socket address.
        let parsed: std::net::SocketAddr = host_port("::1", 7000).parse().unwrap();
        assert_eq!(parsed, "[::1]:7000".parse().unwrap());
    }
}
