//! A process's result, [`Shard`]: the values of the vertices it owns, one whole object in the
//! store under `shard-<I>.bin` (a shard under its name is complete), merged by the node
//! ([`super::job`]).

use serde::{Deserialize, Serialize};

use super::key_in;
use crate::objects::ObjectClient;
use crate::{Error, Result};

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

/// A shard's values, `(vertex, value)` for each vertex the process owns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ShardValues {
    /// PageRank ranks, sssp distances (infinite: not reached).
    F64(Vec<(u32, f64)>),
    /// Component or community labels, core numbers, or BFS levels (`u32::MAX`: not
    /// reached).
    U32(Vec<(u32, u32)>),
    /// Triangles through each vertex.
    U64(Vec<(u32, u64)>),
    /// Shortest-path distances (infinite: not reached) and the vertex each came from
    /// (`u32::MAX`: none, the source or not reached).
    Paths(Vec<(u32, f64, u32)>),
}

/// The file name of process `i`'s shard.
pub fn shard_name(i: u32) -> String {
    format!("shard-{i:05}.bin")
}

impl Shard {
    /// Puts the shard at `prefix/shard-<process>.bin` (one whole object: a shard under its
    /// name is complete).
    ///
    /// # Errors
    /// The store refused it.
    pub fn write(&self, store: &ObjectClient, prefix: &str) -> Result<()> {
        let bytes = bincode::serialize(self).map_err(|e| Error::Internal(e.to_string()))?;
        store.put(&key_in(prefix, &shard_name(self.process)), bytes)
    }

    /// Reads process `i`'s shard from `prefix`.
    ///
    /// # Errors
    /// Missing, unreadable or malformed.
    pub fn read(store: &ObjectClient, prefix: &str, i: u32) -> Result<Shard> {
        let key = key_in(prefix, &shard_name(i));
        let bytes = store
            .get(&key)?
            .ok_or_else(|| Error::not_found(format!("shard {key}")))?;
        bincode::deserialize(&bytes).map_err(|e| Error::Internal(format!("shard {key}: {e}")))
    }
}
