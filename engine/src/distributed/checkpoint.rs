//! Checkpoints of a distributed job: every few supersteps each process puts the state of the
//! vertices it owns in the object store (`ckpt-s<superstep>-p<process>.bin` under the job's
//! checkpoint prefix, `compute/<job>/checkpoints/`). A superstep's checkpoint is complete when
//! all processes wrote theirs; a group that lost a process is started again from the latest
//! complete one ([`prepare`]), wherever its processes run.
//!
//! The kernels are deterministic (PageRank's sums are all-reduced in process order; labels,
//! levels and distances are fixed points), so a job resumed from a checkpoint ends with exactly
//! the result of a run that never stopped.

use serde::{Deserialize, Serialize};

use super::{ShardValues, key_in};
use crate::objects::ObjectClient;
use crate::{Error, Result};

/// One process's state after a superstep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The process that wrote it.
    pub process: u32,
    /// The supersteps done when it was written.
    pub superstep: u64,
    /// The owned vertices' values (ranks, labels, levels or distances).
    pub values: ShardValues,
    /// PageRank: the L1 change of the last iteration (0 otherwise).
    pub delta: f64,
}

fn name(superstep: u64, process: u32) -> String {
    format!("ckpt-s{superstep}-p{process}.bin")
}

/// `(superstep, process)` of a checkpoint file name.
fn parse(name: &str) -> Option<(u64, u32)> {
    let rest = name.strip_prefix("ckpt-s")?.strip_suffix(".bin")?;
    let (s, p) = rest.split_once("-p")?;
    Some((s.parse().ok()?, p.parse().ok()?))
}

impl Checkpoint {
    /// Puts it under `prefix` (one whole object: a checkpoint under its name is complete).
    ///
    /// # Errors
    /// The store refused it.
    pub fn write(&self, store: &ObjectClient, prefix: &str) -> Result<()> {
        let bytes = bincode::serialize(self).map_err(|e| Error::Internal(e.to_string()))?;
        store.put(&key_in(prefix, &name(self.superstep, self.process)), bytes)
    }

    /// Reads process `process`'s checkpoint of `superstep` from `prefix`.
    ///
    /// # Errors
    /// Missing, unreadable or malformed.
    pub fn read(
        store: &ObjectClient,
        prefix: &str,
        superstep: u64,
        process: u32,
    ) -> Result<Checkpoint> {
        let key = key_in(prefix, &name(superstep, process));
        let bytes = store
            .get(&key)?
            .ok_or_else(|| Error::not_found(format!("checkpoint {key}")))?;
        bincode::deserialize(&bytes).map_err(|e| Error::Internal(format!("{key}: {e}")))
    }
}

/// The latest superstep all `processes` checkpointed under `prefix`; every other object there
/// is deleted, so the next group starts from that superstep alone.
///
/// # Errors
/// The store cannot be listed or refused a delete.
pub fn prepare(store: &ObjectClient, prefix: &str, processes: u32) -> Result<Option<u64>> {
    let mut found: Vec<(u64, u32)> = Vec::new();
    let mut keys = Vec::new();
    for key in store.list(prefix)? {
        let file = key.rsplit('/').next().unwrap_or_default().to_owned();
        if let Some(sp) = parse(&file) {
            found.push(sp);
        }
        keys.push((key, file));
    }
    found.sort_unstable();
    found.dedup();
    let complete = found
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() == processes as usize && run.iter().all(|&(_, p)| p < processes))
        .map(|run| run[0].0)
        .max();
    for (key, file) in keys {
        if parse(&file).is_some_and(|(s, _)| Some(s) == complete) {
            continue;
        }
        store.delete(&key)?;
    }
    Ok(complete)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ckpt(process: u32, superstep: u64) -> Checkpoint {
        Checkpoint {
            process,
            superstep,
            values: ShardValues::U32(vec![(process, 7)]),
            delta: 0.0,
        }
    }

    #[test]
    fn the_latest_complete_superstep_is_kept_and_the_rest_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let store = crate::distributed::test_store(tmp.path());
        let at = "compute/j/checkpoints";
        assert_eq!(prepare(&store, at, 2).unwrap(), None);
        for (p, s) in [(0, 10), (1, 10), (0, 20), (1, 20), (0, 30)] {
            ckpt(p, s).write(&store, at).unwrap();
        }
        store
            .put(&format!("{at}/stray.bin"), b"half".to_vec())
            .unwrap();
        assert_eq!(prepare(&store, at, 2).unwrap(), Some(20));
        let mut left = store.list(at).unwrap();
        left.sort();
        assert_eq!(
            left,
            [
                format!("{at}/ckpt-s20-p0.bin"),
                format!("{at}/ckpt-s20-p1.bin")
            ]
        );
        assert_eq!(Checkpoint::read(&store, at, 20, 1).unwrap(), ckpt(1, 20));
        // With three processes superstep 20 is not complete.
        assert_eq!(prepare(&store, at, 3).unwrap(), None);
        assert!(store.list(at).unwrap().is_empty());
    }
}
