//! Label propagation's seeds (`initial`) on the distributed executor: the node reads them from
//! the vertex property (it holds the vertices, [`crate::algo::label_propagation::seed_labels`])
//! and puts each process's share beside the job's shards, `seeds-<I>.bin`, the
//! `(vertex, seed label)` pairs of the seeded vertices process I owns
//! ([`crate::graph::partition::owner`]); a process reads only its own share.

use super::key_in;
use crate::graph::partition::owner;
use crate::objects::ObjectClient;
use crate::{Error, Result};

/// The object name of process `i`'s seeds.
fn seeds_name(i: u32) -> String {
    format!("seeds-{i:05}.bin")
}

/// Puts each of `processes` processes' share of the seed `labels` (by vertex, `u32::MAX`:
/// none) under `prefix`; returns the number of seeded vertices.
///
/// # Errors
/// The store refused an object.
pub(crate) fn write(
    store: &ObjectClient,
    prefix: &str,
    labels: &[u32],
    processes: u32,
) -> Result<u64> {
    let mut shares: Vec<Vec<(u32, u32)>> = vec![Vec::new(); processes as usize];
    for (v, &l) in (0u32..).zip(labels) {
        if l != u32::MAX {
            shares[owner(v, processes) as usize].push((v, l));
        }
    }
    let seeded = shares.iter().map(|s| s.len() as u64).sum();
    for (i, share) in (0u32..).zip(&shares) {
        let bytes = bincode::serialize(share).map_err(|e| Error::Internal(e.to_string()))?;
        store.put(&key_in(prefix, &seeds_name(i)), bytes)?;
    }
    Ok(seeded)
}

/// Process `i`'s seeds under `prefix`: `(vertex, seed label)` for the seeded vertices it owns.
///
/// # Errors
/// Missing, unreadable or malformed.
pub fn read(store: &ObjectClient, prefix: &str, i: u32) -> Result<Vec<(u32, u32)>> {
    let key = key_in(prefix, &seeds_name(i));
    let bytes = store
        .get(&key)?
        .ok_or_else(|| Error::not_found(format!("seeds {key}")))?;
    bincode::deserialize(&bytes).map_err(|e| Error::Internal(format!("seeds {key}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_process_reads_the_seeds_of_the_vertices_it_owns() {
        let tmp = tempfile::tempdir().unwrap();
        let store = super::super::test_store(tmp.path());
        let none = u32::MAX;
        let labels = [0, none, 1, none, 0, 2, none, 1];
        assert_eq!(write(&store, "compute/j", &labels, 3).unwrap(), 5);
        let mut all = Vec::new();
        for i in 0..3 {
            let share = read(&store, "compute/j", i).unwrap();
            assert!(share.iter().all(|&(v, _)| owner(v, 3) == i), "{share:?}");
            all.extend(share);
        }
        all.sort_unstable();
        assert_eq!(all, [(0, 0), (2, 1), (4, 0), (5, 2), (7, 1)]);
        assert!(read(&store, "compute/j", 3).is_err());
    }
}
