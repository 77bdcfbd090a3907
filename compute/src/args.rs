//! The command line of one compute process (`graphjobs compute-worker …`).

use std::path::PathBuf;

/// One process of a compute group.
///
/// On one node the engine starts the whole group itself (`serve --compute-processes P`). On
/// several machines (plain hosts, or a Kubernetes Indexed Job whose completion index is the
/// process number) each machine runs one process with the same `--hosts` file and `--job`
/// file, on a directory every machine sees.
#[derive(Debug, Clone, clap::Args)]
pub struct WorkerArgs {
    /// This process's number, 0 ≤ I < P.
    #[arg(long)]
    pub process: u32,
    /// Processes in the group (P); the hosts file lists exactly P addresses.
    #[arg(long)]
    pub processes: u32,
    /// A file of `host:port` lines, process `i`'s address on line `i`.
    #[arg(long)]
    pub hosts: PathBuf,
    /// The task file (`engine::distributed::ComputeTask`, JSON).
    #[arg(long)]
    pub job: PathBuf,
    /// End the process when its standard input closes (the engine passes a pipe, so that
    /// processes never outlive the node that started them).
    #[arg(long)]
    pub exit_with_stdin: bool,
    /// Seconds to wait for every peer of the group to connect before giving up (timely
    /// itself would retry forever).
    #[arg(long, default_value_t = DEFAULT_CONNECT_TIMEOUT_SECS)]
    pub connect_timeout_secs: u64,
}

/// Default of `--connect-timeout-secs`.
pub const DEFAULT_CONNECT_TIMEOUT_SECS: u64 = 60;
