//! The distributed executor's contract: what a node hands to a group of compute processes and
//! what they hand back. The computation itself is in the `compute` crate (timely-dataflow);
//! the engine never links it, it starts processes.
//!
//! Everything a group reads or writes goes through the object store (`--object-store`,
//! [`crate::objects`]), so its processes need no file system shared with the node: with the
//! data dir as the store they are handed `file://<data dir>`, with a shared store its own URL
//! (and, for `s3://`, the endpoint on their command line and the node's keys in their
//! environment, `GRAPHJOBS_OBS_ACCESS_KEY`/`GRAPHJOBS_OBS_SECRET_KEY`, never in an argument).
//!
//! A distributed algorithm job (header `X-Executor: distributed`, [`Executor::Distributed`])
//! runs so:
//! 1. the node cuts the graph version into `P` parts ([`crate::graph::partition`]) unless the
//!    store has that partition already, beside the version's snapshot
//!    (`graphs/<project>/<graph>/v<version>.p<P>/`); with a shared store the parts are written
//!    to a temporary local dir, uploaded (the manifest last) and not kept locally;
//! 2. it puts a [`ComputeTask`] at `compute/<job>/task.json` in the store, writes a hosts file
//!    (`P` loopback addresses on free ports) into the group's working dir
//!    ([`ComputeConfig::work_dir`]), and starts `P` processes of [`ComputeConfig::command`] with
//!    `--process I --processes P --hosts FILE --job compute/<job>/task.json --exit-with-stdin`
//!    and the store's arguments ([`group`]); or, on a node with compute agents
//!    ([`ComputeConfig::agents`]), asks the agents to start them on their machines, process
//!    `I` on agent `I mod n`, on ports the agents reserve ([`agent`] has the protocol), and
//!    watches them over HTTP with the same loop;
//! 3. each process joins the timely group, streams its own part from the store (ranged reads,
//!    never the whole graph), runs the kernel and puts its [`Shard`] at
//!    `compute/<job>/shard-<I>.bin`; process 0 prints `superstep k K` lines on stdout, which
//!    become the job's progress;
//! 4. the node merges the shards into the job's ordinary paged result ([`job`]), so the result
//!    looks the same whichever executor ran it, and deletes `compute/<job>/` and the working
//!    dir.
//!
//! A cancel, or any process ending badly, kills every process of the group and reaps it; the
//! attempt then fails with a reason naming the process and its exit cause. Every
//! [`ComputeConfig::checkpoint_every`] supersteps each process puts its vertices' state under
//! `compute/<job>/checkpoints/` ([`checkpoint`]); a failed attempt is followed by a new group
//! that starts from the latest superstep all processes checkpointed, up to
//! [`ComputeConfig::retries`] times, and the job fails only when the retries are used up (its
//! detail lists the failed attempts of a job that succeeded after one).

use serde::{Deserialize, Serialize};

use crate::objects::ObjectClient;
use crate::{Error, Result};

pub mod agent;
pub mod checkpoint;
mod config;
pub(crate) mod group;
pub(crate) mod job;
mod kernel;
mod launch;
mod memory_limit;
mod merge;
mod parts;
pub mod seeds;
mod shard;
mod stderr_tail;
pub(crate) mod sweep;

pub use config::{ComputeConfig, DEFAULT_CHECKPOINT_EVERY, DEFAULT_RETRIES};
pub use kernel::ALGORITHMS;
pub use launch::{ACCESS_KEY_ENV, SECRET_KEY_ENV};
pub use memory_limit::{limited_command, limited_environment, tighter_limit};
pub use shard::{Shard, ShardValues, shard_name};
pub use stderr_tail::{STDERR_TAIL, keep_stderr_tail};

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
    /// `kcore`: every vertex's coreness on the undirected simple view; the rows keep the
    /// vertices whose coreness is at least `k`.
    KCore {
        /// Least coreness reported.
        k: u64,
    },
    /// `triangle_count`: the triangles through each vertex on the undirected simple view;
    /// with `statistics`, only their total.
    Triangles {
        /// Only the total, no rows.
        statistics: bool,
    },
    /// `shortest_path`: distances from `source` as `Sssp` computes them, each vertex with the
    /// neighbour its distance came from, so the node walks the path back from `target`.
    Path {
        /// Start vertex (dense id).
        source: u32,
        /// End vertex (dense id).
        target: u32,
        /// Follow edge directions.
        directed: bool,
        /// Use the partition's weights (else every edge has length 1).
        weighted: bool,
    },
    /// `label_propagation`, synchronous
    /// ([`crate::algo::label_propagation::synchronous`] defines it): each vertex's final label;
    /// the node names the communities after their smallest vertex, or by the seed values.
    LabelPropagation {
        /// Stop after a superstep that changed fewer than this share of the labels (of the
        /// unseeded vertices' labels, with seeds).
        convergence: f64,
        /// Superstep cap.
        max_iterations: u32,
        /// Weigh the votes with the partition's weights (else every edge votes 1).
        weighted: bool,
        /// Vertices with a seed label (`initial`), each process's share in `seeds-<I>.bin`
        /// beside the shards ([`seeds`]); 0: no seeds, every vertex starts with its own label.
        #[serde(default)]
        seeds: u64,
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

/// What one compute process is asked to do (`task.json`). Every location is a key in the
/// object store the process was pointed at (`--object-store`), never a local path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComputeTask {
    /// The job, for logs.
    pub job: String,
    /// The kernel to run.
    pub kernel: Kernel,
    /// The partition's key prefix (holding `manifest.json`); its part count equals the
    /// group's.
    pub parts: String,
    /// The key prefix each process puts `shard-<I>.bin` under.
    pub shards: String,
    /// The key prefix of the [`checkpoint::Checkpoint`]s.
    pub checkpoints: String,
    /// Supersteps between checkpoints (0: none).
    pub checkpoint_every: u32,
    /// The complete checkpoint to start from, if any (its superstep).
    pub resume_from: Option<u64>,
}

impl ComputeTask {
    /// Reads the task at `key`.
    ///
    /// # Errors
    /// Missing, unreadable or malformed.
    pub fn read(store: &ObjectClient, key: &str) -> Result<ComputeTask> {
        let bytes = store
            .get(key)?
            .ok_or_else(|| Error::not_found(format!("task {key} in {}", store.shown())))?;
        serde_json::from_slice(&bytes).map_err(|e| Error::Internal(format!("task {key}: {e}")))
    }

    /// Puts the task at `key`.
    ///
    /// # Errors
    /// The store refused it.
    pub fn write(&self, store: &ObjectClient, key: &str) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| Error::Internal(e.to_string()))?;
        store.put(key, bytes)
    }
}

/// `prefix/name` (`name` alone under an empty prefix).
pub fn key_in(prefix: &str, name: &str) -> String {
    let prefix = prefix.trim_end_matches('/');
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}/{name}")
    }
}

impl Kernel {
    /// The edge property whose weights the partition must carry.
    pub fn weight<'a>(
        &self,
        params: &'a serde_json::Map<String, serde_json::Value>,
    ) -> Option<&'a str> {
        match self {
            Kernel::Sssp { weighted: true, .. }
            | Kernel::Path { weighted: true, .. }
            | Kernel::LabelPropagation { weighted: true, .. } => {
                params.get("weight").and_then(|w| w.as_str())
            }
            _ => None,
        }
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

/// A directory store at `dir` with a runtime of its own, for unit tests.
#[cfg(test)]
pub(crate) fn test_store(dir: &std::path::Path) -> ObjectClient {
    let url = crate::objects::ObjectStoreUrl::Dir(dir.to_owned());
    ObjectClient::connect(&url, &crate::obs::ObsConfig::default()).unwrap()
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
        let store = test_store(tmp.path());
        s.write(&store, "compute/j").unwrap();
        assert_eq!(Shard::read(&store, "compute/j", 2).unwrap(), s);
        assert!(tmp.path().join("compute/j").join(shard_name(2)).is_file());
        assert!(Shard::read(&store, "compute/j", 1).is_err());
        assert_eq!(key_in("", "a"), "a");
        assert_eq!(key_in("p/", "a"), "p/a");
        assert_eq!(parse_progress(&progress_line(3, 20)), Some((3, 20)));
        assert_eq!(parse_progress("hello"), None);
        assert_eq!(Executor::parse(" Distributed"), Some(Executor::Distributed));
        assert_eq!(Executor::parse("elsewhere"), None);
    }
}
