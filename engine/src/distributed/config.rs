//! How a node runs distributed jobs: [`ComputeConfig`] (`serve --compute-processes P` and
//! the options beside it) and its defaults.

use std::ffi::OsString;
use std::io;
use std::path::PathBuf;

use super::agent::AgentToken;

/// Default of [`ComputeConfig::retries`].
pub const DEFAULT_RETRIES: u32 = 2;
/// Default of [`ComputeConfig::checkpoint_every`].
pub const DEFAULT_CHECKPOINT_EVERY: u32 = 10;

/// How a node runs distributed jobs (`serve --compute-processes P`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputeConfig {
    /// Processes per distributed job (`--compute-processes`, env
    /// `GRAPHJOBS_COMPUTE_PROCESSES`); 0 turns the distributed executor off.
    pub processes: u32,
    /// The program and leading arguments that start one compute process. The server sets
    /// `[current_exe(), "compute-worker"]`; tests name the `compute` crate's own binary
    /// (`graphjobs-compute`, found by cargo's `CARGO_BIN_EXE_graphjobs-compute`). Empty means
    /// the first: the running executable with `compute-worker`.
    pub command: Vec<OsString>,
    /// Times a group that lost a process is started again (from the latest complete
    /// checkpoint) before the job fails.
    pub retries: u32,
    /// Supersteps between checkpoints (0: none, a retry starts over).
    pub checkpoint_every: u32,
    /// Where each group runs: its processes' working dir is `<work_dir>/<job>` (holding only
    /// the group's hosts file), removed with the job. `None`: `<data dir>/compute`. The
    /// processes are never given a path in the data dir other than, with the data dir as the
    /// store, the store itself.
    pub work_dir: Option<PathBuf>,
    /// Bytes of address space each process may map (`--compute-memory-limit`, env
    /// `GRAPHJOBS_COMPUTE_MEMORY_LIMIT`): the processes are started under util-linux's
    /// `prlimit --as`, with `MALLOC_ARENA_MAX=1` so that glibc does not reserve 64 MB of
    /// address space per thread. A process that hits it aborts ("memory allocation of N bytes
    /// failed"), and the job fails at once with a reason that says so and names it. Processes
    /// on compute agents get it too, or the agent's own `--memory-limit` when that is
    /// smaller. `None`: no limit (an agent's own still applies).
    pub memory_limit: Option<u64>,
    /// Base URLs of the `graphjobs compute-agent`s a group's processes are placed on,
    /// round-robin (`--compute-agents`, env `GRAPHJOBS_COMPUTE_AGENTS`); empty: the node
    /// starts them itself, on loopback. The agents run the processes with their own store
    /// flags, so [`ComputeConfig::command`] is the loopback group's only;
    /// [`ComputeConfig::memory_limit`] is asked of the agents too (each caps it at its own
    /// `--memory-limit`).
    pub agents: Vec<String>,
    /// The secret the agents share with the node (`--compute-agent-token`, env
    /// `GRAPHJOBS_COMPUTE_AGENT_TOKEN`), sent as `Authorization: Bearer`.
    pub agent_token: Option<AgentToken>,
}

impl Default for ComputeConfig {
    fn default() -> Self {
        Self {
            processes: 0,
            command: Vec::new(),
            retries: DEFAULT_RETRIES,
            checkpoint_every: DEFAULT_CHECKPOINT_EVERY,
            work_dir: None,
            memory_limit: None,
            agents: Vec::new(),
            agent_token: None,
        }
    }
}

impl ComputeConfig {
    /// The program and leading arguments, resolved.
    ///
    /// # Errors
    /// The running executable cannot be found (only when `command` is empty).
    pub fn resolved_command(&self) -> io::Result<Vec<OsString>> {
        if !self.command.is_empty() {
            return Ok(self.command.clone());
        }
        Ok(vec![
            std::env::current_exe()?.into_os_string(),
            "compute-worker".into(),
        ])
    }
}
