//! A process's share of the graph: its part's edges (out-edges of the vertices it owns) and,
//! for kernels that follow edges backwards, the reverse of the edges that point at its
//! vertices, received from their sources' owners in one round at load.

use std::path::Path;

use engine::graph::partition::{Manifest, PartReader, owner};
use timely::worker::Worker;

use crate::bsp::Channel;

/// One direction of the local adjacency, CSR over global vertex ids (rows of vertices owned
/// elsewhere are empty).
pub(crate) struct Adjacency {
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl Adjacency {
    /// Builds rows from `(row, entry)` pairs; entries keep their order within a row.
    fn from_pairs(n: usize, pairs: &[(u32, u32)]) -> Self {
        let mut offsets = vec![0usize; n + 1];
        for &(s, _) in pairs {
            offsets[s as usize + 1] += 1;
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        let mut cursor = offsets.clone();
        let mut targets = vec![0u32; pairs.len()];
        for &(s, t) in pairs {
            targets[cursor[s as usize]] = t;
            cursor[s as usize] += 1;
        }
        Self { offsets, targets }
    }

    /// The entries of row `v`.
    #[inline]
    pub(crate) fn row(&self, v: u32) -> &[u32] {
        &self.targets[self.offsets[v as usize]..self.offsets[v as usize + 1]]
    }
}

/// What this process holds of the graph.
pub(crate) struct LocalGraph {
    /// Vertices in the whole graph.
    pub(crate) n: usize,
    /// Processes in the group.
    pub(crate) peers: u32,
    /// The vertices this process owns, ascending.
    pub(crate) owned: Vec<u32>,
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
}

/// Loads this process's part from `dir` (described by `manifest`), and the in-edges of its
/// vertices when `with_in` (every process must pass the same `with_in`).
pub(crate) fn load(
    worker: &mut Worker,
    manifest: &Manifest,
    dir: &Path,
    with_in: bool,
) -> Result<LocalGraph, String> {
    let me = worker.index() as u32;
    let peers = worker.peers() as u32;
    let n = usize::try_from(manifest.vertices).map_err(|e| e.to_string())?;
    let key = manifest
        .part_keys
        .get(me as usize)
        .ok_or_else(|| format!("the partition has no part {me}"))?;
    let path = dir.join(key);
    let reader = PartReader::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut pairs = Vec::with_capacity(reader.remaining() as usize);
    let mut reversed: Vec<Vec<(u32, u32)>> = vec![Vec::new(); peers as usize];
    for edge in reader {
        let e = edge.map_err(|e| e.to_string())?;
        if e.source as usize >= n || e.target as usize >= n {
            return Err(format!("{} names a vertex past {n}", path.display()));
        }
        if owner(e.source, peers) != me {
            return Err(format!(
                "{} holds an edge of vertex {}, which process {me} does not own",
                path.display(),
                e.source
            ));
        }
        pairs.push((e.source, e.target));
        if with_in {
            reversed[owner(e.target, peers) as usize].push((e.target, e.source));
        }
    }
    let out = Adjacency::from_pairs(n, &pairs);
    drop(pairs);
    let inc = if with_in {
        let mut channel = Channel::<Vec<(u32, u32)>>::new(worker);
        let got = channel.round(
            worker,
            reversed.into_iter().enumerate().map(|(d, v)| (d as u32, v)),
        );
        let pairs: Vec<(u32, u32)> = got.into_iter().flat_map(|(_, v)| v).collect();
        Some(Adjacency::from_pairs(n, &pairs))
    } else {
        None
    };
    let owned = (0..n as u32).filter(|&v| owner(v, peers) == me).collect();
    Ok(LocalGraph {
        n,
        peers,
        owned,
        out,
        inc,
    })
}
