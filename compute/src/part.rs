//! A process's share of the graph: its part's edges (out-edges of the vertices it owns) and,
//! for kernels that follow edges backwards, the reverse of the edges that point at its
//! vertices, received from their sources' owners in one round at load.
//!
//! Everything a process keeps is sized by its own share, never by the whole graph: its owned
//! vertices are addressed by *local index* (their rank among the owned ids), and the
//! neighbours its edges reach by *slot* (their rank among the distinct neighbour ids), so a
//! kernel's per-vertex state is `owned.len()` long and its per-neighbour accumulators
//! `targets.len()` long. Ids travel between processes; local indices and slots never do.

use engine::distributed::key_in;
use engine::graph::partition::{Manifest, PartReader, owner};
use engine::objects::ObjectClient;
use timely::worker::Worker;

use crate::bsp::Channel;

mod adjacency;

use crate::store_fault::{read_failed, store_failed};
pub(crate) use adjacency::Adjacency;

/// Reversed edges sent to their target's owner at load: `(target, source)` pairs and, for a
/// weighted partition, their weights.
type Reversed = (Vec<(u32, u32)>, Vec<f64>);

/// What this process holds of the graph.
pub(crate) struct LocalGraph {
    /// Vertices in the whole graph.
    pub(crate) n: usize,
    /// Processes in the group.
    pub(crate) peers: u32,
    /// The vertices this process owns, ascending: local index `i` is vertex `owned[i]`.
    pub(crate) owned: Vec<u32>,
    /// The distinct neighbours of the owned vertices, ascending: slot `s` is vertex
    /// `targets[s]`.
    pub(crate) targets: Vec<u32>,
    /// Per slot, the neighbour's local index when this process owns it, else `u32::MAX`.
    pub(crate) target_local: Vec<u32>,
    /// Out-edges of the owned vertices.
    pub(crate) out: Adjacency,
    /// In-edges of the owned vertices (their sources), when the kernel asked for them.
    pub(crate) inc: Option<Adjacency>,
}

impl LocalGraph {
    /// The process owning `v`.
    #[inline]
    pub(crate) fn owner(&self, v: u32) -> u32 {
        owner(v, self.peers)
    }

    /// The local index of `v`, if this process owns it.
    #[inline]
    pub(crate) fn local_of(&self, v: u32) -> Option<u32> {
        self.owned.binary_search(&v).ok().map(|i| i as u32)
    }

    /// The local index of `v`, which a peer sent here as one of this process's vertices.
    ///
    /// # Errors
    /// This process does not own `v`.
    #[inline]
    pub(crate) fn local(&self, v: u32) -> Result<u32, String> {
        self.local_of(v)
            .ok_or_else(|| format!("vertex {v} was sent to a process that does not own it"))
    }

    /// The slot of `u`, which a peer sent here as a neighbour of this process's vertices.
    ///
    /// # Errors
    /// No owned vertex of this process neighbours `u`.
    #[inline]
    pub(crate) fn slot(&self, u: u32) -> Result<usize, String> {
        self.targets
            .binary_search(&u)
            .map_err(|_| format!("vertex {u} is no neighbour of this process's"))
    }

    /// The process owning the neighbour in slot `s`, and its id.
    #[inline]
    pub(crate) fn target(&self, s: u32) -> (u32, u32) {
        let v = self.targets[s as usize];
        (self.owner(v), v)
    }
}

/// Loads this process's part (described by `manifest`) from the store under `at`'s prefix,
/// streaming (the part is read in windows and each edge placed as it comes, never the part
/// file whole), and the in-edges of its vertices when `with_in` (every process must pass the
/// same `with_in`).
pub(crate) fn load(
    worker: &mut Worker,
    manifest: &Manifest,
    at: (&ObjectClient, &str),
    with_in: bool,
) -> Result<LocalGraph, String> {
    let me = worker.index() as u32;
    let peers = worker.peers() as u32;
    let n = usize::try_from(manifest.vertices).map_err(|e| e.to_string())?;
    let key = manifest
        .part_keys
        .get(me as usize)
        .ok_or_else(|| format!("the partition has no part {me}"))?;
    let (store, prefix) = at;
    let path = key_in(prefix, key);
    let object = store.reader(&path).map_err(|e| store_failed(&path, &e))?;
    let reader = PartReader::new(object, path.clone()).map_err(|e| read_failed(&path, &e))?;
    let weighted = reader.weighted();
    // Only the owned ids are kept (about n / P of them); the scan over every id is time, not
    // memory.
    let owned: Vec<u32> = (0..n as u32).filter(|&v| owner(v, peers) == me).collect();
    let mut pairs = Vec::with_capacity(reader.remaining() as usize);
    let mut weights = Vec::new();
    let mut reversed: Vec<Reversed> = vec![(Vec::new(), Vec::new()); peers as usize];
    for edge in reader {
        let e = edge.map_err(|e| read_failed(&path, &e))?;
        if e.source as usize >= n || e.target as usize >= n {
            return Err(format!("{path} names a vertex past {n}"));
        }
        if owner(e.source, peers) != me {
            return Err(format!(
                "{path} holds an edge of vertex {}, which process {me} does not own",
                e.source
            ));
        }
        let row = owned.binary_search(&e.source).expect("an owned vertex") as u32;
        pairs.push((row, e.target));
        if weighted {
            weights.push(e.weight.unwrap_or(1.0));
        }
        if with_in {
            let (back, back_weights) = &mut reversed[owner(e.target, peers) as usize];
            back.push((e.target, e.source));
            if let Some(w) = e.weight {
                back_weights.push(w);
            }
        }
    }
    let mut out = Adjacency::from_pairs(owned.len(), &pairs, &weights);
    drop((pairs, weights));
    let mut inc = if with_in {
        let mut channel = Channel::<Reversed>::new(worker);
        let sends = reversed.into_iter().enumerate().map(|(d, v)| (d as u32, v));
        let (mut pairs, mut weights) = (Vec::new(), Vec::new());
        for (_, (p, w)) in channel.round(worker, sends) {
            for (target, source) in p {
                let row = owned.binary_search(&target).map_err(|_| {
                    format!(
                        "a peer sent process {me} an edge to vertex {target}, which it does not own"
                    )
                })?;
                pairs.push((row as u32, source));
            }
            weights.extend(w);
        }
        Some(Adjacency::from_pairs(owned.len(), &pairs, &weights))
    } else {
        None
    };
    let mut targets: Vec<u32> = out.ids().to_vec();
    if let Some(inc) = &inc {
        targets.extend_from_slice(inc.ids());
    }
    targets.sort_unstable();
    targets.dedup();
    targets.shrink_to_fit();
    out.ids_into_slots(&targets);
    if let Some(inc) = &mut inc {
        inc.ids_into_slots(&targets);
    }
    let target_local = targets
        .iter()
        .map(|v| owned.binary_search(v).map_or(u32::MAX, |i| i as u32))
        .collect();
    Ok(LocalGraph {
        n,
        peers,
        owned,
        targets,
        target_local,
        out,
        inc,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use engine::graph::{Graph, partition};
    use engine::objects::ObjectStoreUrl;
    use engine::obs::ObsConfig;

    use super::*;

    #[test]
    fn a_process_keeps_its_own_share_addressed_by_local_index_and_slot() {
        let n = 1000u32;
        let edges: Vec<(u32, u32)> = (0..n).map(|i| (i, (i * 7 + 3) % n)).collect();
        let g = Graph::from_edges(n as usize, &edges);
        let tmp = tempfile::tempdir().unwrap();
        let manifest = partition::write(&g, 1, 2, None, &tmp.path().join("parts")).unwrap();
        let url = ObjectStoreUrl::Dir(tmp.path().to_owned());
        let store = ObjectClient::connect(&url, &ObsConfig::default()).unwrap();
        let guards = timely::execute(timely::Config::process(2), move |worker| {
            let g = load(worker, &manifest, (&store, "parts"), true).unwrap();
            // Each row, read back through the slots, is the owned vertex's neighbours.
            let mut rows = Vec::new();
            for (i, &v) in g.owned.iter().enumerate() {
                let ids = |a: &Adjacency| -> Vec<u32> {
                    a.row(i as u32)
                        .iter()
                        .map(|&s| g.targets[s as usize])
                        .collect()
                };
                rows.push((v, ids(&g.out), ids(g.inc.as_ref().unwrap())));
            }
            let locals_ok = g
                .targets
                .iter()
                .enumerate()
                .all(|(s, &t)| g.target_local[s] == g.local_of(t).unwrap_or(u32::MAX));
            (g.owned.len(), g.targets.clone(), rows, locals_ok)
        })
        .unwrap();
        let mut owned_total = 0;
        for got in guards.join() {
            let (owned, targets, rows, locals_ok) = got.unwrap();
            assert!(locals_ok);
            assert!(
                owned < n as usize * 2 / 3,
                "a share, not the graph: {owned}"
            );
            owned_total += owned;
            let mut neighbours = BTreeSet::new();
            for (v, out, inc) in rows {
                assert_eq!(out, [(v * 7 + 3) % n]);
                let want: Vec<u32> = (0..n).filter(|&u| (u * 7 + 3) % n == v).collect();
                assert_eq!(inc, want);
                neighbours.extend(out.into_iter().chain(inc));
            }
            assert_eq!(targets, neighbours.into_iter().collect::<Vec<_>>());
        }
        assert_eq!(owned_total, n as usize);
    }
}
