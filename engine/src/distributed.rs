//! The distributed executor's contract: what a node hands to a group of compute processes and
//! what they hand back. The computation itself is in the `compute` crate (timely-dataflow);
//! the engine never links it, it starts processes.
//!
//! A distributed algorithm job (header `X-Executor: distributed`, [`Executor::Distributed`])
//! runs so:
//! 1. the node cuts the graph version into `P` parts ([`crate::graph::partition`]) unless that
//!    partition exists already, beside the version's snapshot;
//! 2. it writes a [`ComputeTask`] (`task.json`) and a hosts file (`P` loopback addresses on
//!    free ports) into the job's scratch dir `<data dir>/compute/<job>/`, and starts `P`
//!    processes of [`ComputeConfig::command`] with `--process I --processes P --hosts FILE
//!    --job FILE --exit-with-stdin` ([`group`]);
//! 3. each process joins the timely group, loads its part, runs the kernel and writes its
//!    [`Shard`] (`shard-<I>.bin`) into the scratch dir; process 0 prints `superstep k K` lines
//!    on stdout, which become the job's progress;
//! 4. the node merges the shards into the job's ordinary paged result ([`job`]), so the result
//!    looks the same whichever executor ran it, and removes the scratch dir.
//!
//! A cancel, or any process ending badly, kills every process of the group and reaps it; the
//! attempt then fails with a reason naming the process and its exit cause. Every
//! [`ComputeConfig::checkpoint_every`] supersteps each process writes its vertices' state
//! ([`checkpoint`]); a failed attempt is followed by a new group that starts from the latest
//! superstep all processes checkpointed, up to [`ComputeConfig::retries`] times, and the job
//! fails only when the retries are used up (its detail lists the failed attempts of a job that
//! succeeded after one).

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub mod checkpoint;
pub(crate) mod group;
pub(crate) mod job;
mod kernel;
mod merge;

pub use kernel::ALGORITHMS;

/// Which executor runs an algorithm job.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Executor {
    /// The node's own engine, in memory (the default).
    #[default]
    Local,
    /// A group of timely processes over the partitioned graph.
    Distributed,
}

impl Executor {
    /// Whether this is the default (serde leaves it out of stored specs).
    pub fn is_local(&self) -> bool {
        *self == Executor::Local
    }

    /// Parses the `X-Executor` header's value (`local` or `distributed`, any case).
    pub fn parse(raw: &str) -> Option<Executor> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "local" => Some(Executor::Local),
            "distributed" => Some(Executor::Distributed),
            _ => None,
        }
    }
}

/// The exit code of a compute process whose task cannot succeed (bad input, a parameter the
/// kernel refuses): the group is not started again for it. Any other failure (a signal, a
/// panic when a peer died) is worth a retry.
pub const EXIT_TASK_FAILED: i32 = 2;

/// The most processes a group may have.
pub const MAX_PROCESSES: u32 = crate::graph::partition::MAX_PARTS;

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
}

impl Default for ComputeConfig {
    fn default() -> Self {
        Self {
            processes: 0,
            command: Vec::new(),
            retries: DEFAULT_RETRIES,
            checkpoint_every: DEFAULT_CHECKPOINT_EVERY,
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

/// A kernel with its parameters resolved to dense vertex ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Kernel {
    /// `pagerank` ([`crate::algo::pagerank`]), uniform teleport.
    PageRank {
        /// Damping factor.
        alpha: f64,
        /// L1 convergence threshold.
        convergence: f64,
        /// Iteration cap.
        max_iterations: u32,
        /// Follow edge directions.
        directed: bool,
    },
    /// `connected_component`: each vertex's label is its component's smallest vertex id.
    Wcc,
    /// `sssp`: distances from `source` (hops, or sums of the partition's weights when
    /// `weighted`), along out-edges or, when not `directed`, both ways.
    Sssp {
        /// Start vertex (dense id).
        source: u32,
        /// Follow edge directions.
        directed: bool,
        /// Use the partition's weights (else every edge has length 1).
        weighted: bool,
    },
    /// BFS levels from `source` for `k_hop`, at most `k` hops along `mode`.
    Levels {
        /// Start vertex (dense id).
        source: u32,
        /// Hop limit.
        k: u32,
        /// Edges followed.
        mode: Mode,
    },
}

/// Edge directions a traversal follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Out-edges.
    Out,
    /// In-edges.
    In,
    /// Both.
    All,
}

/// What one compute process is asked to do (`task.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComputeTask {
    /// The job, for logs.
    pub job: String,
    /// The kernel to run.
    pub kernel: Kernel,
    /// The partition's directory (holding `manifest.json`); its part count equals the group's.
    pub parts_dir: PathBuf,
    /// Where each process writes `shard-<I>.bin`.
    pub shard_dir: PathBuf,
    /// Where each process writes its [`checkpoint::Checkpoint`]s.
    pub checkpoint_dir: PathBuf,
    /// Supersteps between checkpoints (0: none).
    pub checkpoint_every: u32,
    /// The complete checkpoint to start from, if any (its superstep).
    pub resume_from: Option<u64>,
}

impl ComputeTask {
    /// Reads a task file.
    ///
    /// # Errors
    /// Missing or malformed.
    pub fn read(path: &Path) -> io::Result<ComputeTask> {
        serde_json::from_slice(&std::fs::read(path)?)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

/// One process's result: the values of the vertices it owns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    /// The process that wrote it.
    pub process: u32,
    /// Supersteps (PageRank: iterations) the kernel ran.
    pub iterations: u32,
    /// PageRank: the L1 change of the last iteration (0 for other kernels).
    pub delta: f64,
    /// Per owned vertex.
    pub values: ShardValues,
}

impl Kernel {
    /// The edge property whose weights the partition must carry.
    pub fn weight<'a>(
        &self,
        params: &'a serde_json::Map<String, serde_json::Value>,
    ) -> Option<&'a str> {
        match self {
            Kernel::Sssp { weighted: true, .. } => params.get("weight").and_then(|w| w.as_str()),
            _ => None,
        }
    }
}

/// A shard's values, `(vertex, value)` for each vertex the process owns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ShardValues {
    /// PageRank ranks, sssp distances (infinite: not reached).
    F64(Vec<(u32, f64)>),
    /// Component labels, or BFS levels (`u32::MAX`: not reached).
    U32(Vec<(u32, u32)>),
}

/// The file name of process `i`'s shard.
pub fn shard_name(i: u32) -> String {
    format!("shard-{i:05}.bin")
}

impl Shard {
    /// Writes the shard to `dir/shard-<process>.bin` (a temporary file renamed into place, so
    /// a shard under its name is complete).
    ///
    /// # Errors
    /// I/O.
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        let tmp = dir.join(format!(".{}.tmp", shard_name(self.process)));
        let bytes = bincode::serialize(self).map_err(io::Error::other)?;
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, dir.join(shard_name(self.process)))
    }

    /// Reads process `i`'s shard from `dir`.
    ///
    /// # Errors
    /// Missing or malformed.
    pub fn read(dir: &Path, i: u32) -> io::Result<Shard> {
        let bytes = std::fs::read(dir.join(shard_name(i)))?;
        bincode::deserialize(&bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

/// The progress line process 0 prints after each superstep: `superstep <k> <K>` (`K` = 0 when
/// the number of supersteps is not known in advance).
pub fn progress_line(k: u64, total: u64) -> String {
    format!("superstep {k} {total}")
}

/// Parses a [`progress_line`].
pub fn parse_progress(line: &str) -> Option<(u64, u64)> {
    let mut words = line.strip_prefix("superstep ")?.split(' ');
    let k = words.next()?.parse().ok()?;
    let total = words.next()?.parse().ok()?;
    Some((k, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_round_trip_and_progress_lines_parse() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Shard {
            process: 2,
            iterations: 7,
            delta: 0.5,
            values: ShardValues::U32(vec![(1, 0), (4, u32::MAX)]),
        };
        s.write(tmp.path()).unwrap();
        assert_eq!(Shard::read(tmp.path(), 2).unwrap(), s);
        assert!(Shard::read(tmp.path(), 1).is_err());
        assert_eq!(parse_progress(&progress_line(3, 20)), Some((3, 20)));
        assert_eq!(parse_progress("hello"), None);
        assert_eq!(Executor::parse(" Distributed"), Some(Executor::Distributed));
        assert_eq!(Executor::parse("elsewhere"), None);
    }
}
