//! The command line of `graphjobs compute-agent`.

use std::net::SocketAddr;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::time::Duration;

use engine::distributed::agent::AgentToken;

/// One machine's compute agent: starts `compute-worker` processes for the nodes that hold
/// its token (`serve --compute-agents`).
#[derive(Debug, Clone, clap::Args)]
pub struct AgentArgs {
    /// Address the agent listens on. Anything but a loopback address needs `--agent-token`.
    #[arg(
        long,
        env = "GRAPHJOBS_COMPUTE_AGENT_ADDR",
        default_value = "127.0.0.1:7070"
    )]
    pub addr: SocketAddr,
    /// The name (or address) of this machine the other processes of a group reach its
    /// processes at: a process listens on `NAME:PORT`, as the group's hosts file lists it (an
    /// IPv6 address, `::1` or `[::1]`, is listed `[::1]:PORT`).
    #[arg(long, env = "GRAPHJOBS_COMPUTE_AGENT_WORKER_HOST")]
    pub worker_host: String,
    /// The ports the processes may listen on, `A-B` (for a firewall that opens only those).
    /// Default: any free port.
    #[arg(long, env = "GRAPHJOBS_COMPUTE_AGENT_PORTS", value_parser = parse_ports)]
    pub ports: Option<RangeInclusive<u16>>,
    /// Where each process gets a working dir of its own (holding its group's hosts file),
    /// removed with the process.
    #[arg(
        long,
        env = "GRAPHJOBS_COMPUTE_AGENT_WORK_DIR",
        default_value = "./compute-agent"
    )]
    pub work_dir: PathBuf,
    /// The secret a node must send (`Authorization: Bearer`, the node's
    /// `--compute-agent-token`). Required unless `--addr` is a loopback address.
    #[arg(long, env = super::table::TOKEN_ENV, hide_env_values = true)]
    pub agent_token: Option<AgentToken>,
    /// Milliseconds a process may go without its node asking about it before the agent kills
    /// it (its node is gone); reserved ports unused for as long are released.
    #[arg(long, env = "GRAPHJOBS_COMPUTE_AGENT_LEASE_MS", default_value_t = DEFAULT_LEASE_MS)]
    pub lease_ms: u64,
    /// Bytes of address space each process may map at most (`prlimit --as`, as a node's
    /// `--compute-memory-limit` caps its loopback processes): a node asking for more, or for
    /// no limit, gets this one. Unset: the node's limit, if any.
    #[arg(long, env = "GRAPHJOBS_COMPUTE_AGENT_MEMORY_LIMIT")]
    pub memory_limit: Option<u64>,
    /// The object store the processes read and write, handed to each as `compute-worker`
    /// takes it (the keys in its environment).
    #[command(flatten)]
    pub store: compute::StoreArgs,
}

pub use engine::distributed::agent::DEFAULT_LEASE_MS;

impl AgentArgs {
    /// `--lease-ms` as a duration.
    pub fn lease(&self) -> Duration {
        Duration::from_millis(self.lease_ms.max(1))
    }
}

/// `A-B`, `A` ≤ `B`.
fn parse_ports(raw: &str) -> Result<RangeInclusive<u16>, String> {
    let (a, b) = raw
        .split_once('-')
        .ok_or_else(|| format!("[{raw}] is not a port range A-B"))?;
    let port = |p: &str| {
        p.trim()
            .parse::<u16>()
            .map_err(|e| format!("[{p}] is not a port: {e}"))
    };
    let (a, b) = (port(a)?, port(b)?);
    if a == 0 || a > b {
        return Err(format!("[{raw}] is not a port range A-B with 0 < A ≤ B"));
    }
    Ok(a..=b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_ranges_parse_and_bad_ones_are_refused() {
        assert_eq!(parse_ports("7100-7199"), Ok(7100..=7199));
        assert_eq!(parse_ports("7100-7100"), Ok(7100..=7100));
        assert!(parse_ports("7199-7100").is_err());
        assert!(parse_ports("0-10").is_err());
        assert!(parse_ports("7100").is_err());
    }
}
