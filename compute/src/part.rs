//! A process's share of the graph: its part's edges (out-edges of the vertices it owns) and,
//! for kernels that follow edges backwards, the reverse of the edges that point at its
//! vertices, received from their sources' owners in one round at load.

use engine::distributed::key_in;
use engine::graph::partition::{Manifest, PartReader, owner};
use engine::objects::ObjectClient;
use timely::worker::Worker;

use crate::bsp::Channel;
use crate::store_fault::{read_failed, store_failed};

/// One direction of the local adjacency, CSR over global vertex ids (rows of vertices owned
/// elsewhere are empty), with the edges' weights when the partition has them.
pub(crate) struct Adjacency {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl Adjacency {
    /// Builds rows from `(row, entry)` pairs and their `weights` (empty, or one per pair);
    /// entries keep their order within a row.
    fn from_pairs(n: usize, pairs: &[(u32, u32)], weights: &[f64]) -> Self {
        let mut offsets = vec![0usize; n + 1];
        for &(s, _) in pairs {
            offsets[s as usize + 1] += 1;
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        let mut cursor = offsets.clone();
        let mut targets = vec![0u32; pairs.len()];
        let mut placed = vec![0f64; weights.len()];
        for (i, &(s, t)) in pairs.iter().enumerate() {
            let at = cursor[s as usize];
            targets[at] = t;
            if let Some(&w) = weights.get(i) {
                placed[at] = w;
            }
            cursor[s as usize] += 1;
        }
        Self {
            offsets,
            targets,
            weights: placed,
        }
    }

    /// The entries of row `v`.
    #[inline]
    pub(crate) fn row(&self, v: u32) -> &[u32] {
        &self.targets[self.offsets[v as usize]..self.offsets[v as usize + 1]]
    }

    /// The weights of row `v`'s entries (empty when the partition has no weights).
    #[inline]
    pub(crate) fn row_weights(&self, v: u32) -> &[f64] {
        if self.weights.is_empty() {
            return &[];
        }
        &self.weights[self.offsets[v as usize]..self.offsets[v as usize + 1]]
    }
}

/// Reversed edges sent to their target's owner at load: `(target, source)` pairs and, for a
/// weighted partition, their weights.
type Reversed = (Vec<(u32, u32)>, Vec<f64>);

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
        pairs.push((e.source, e.target));
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
    let out = Adjacency::from_pairs(n, &pairs, &weights);
    drop((pairs, weights));
    let inc = if with_in {
        let mut channel = Channel::<Reversed>::new(worker);
        let sends = reversed.into_iter().enumerate().map(|(d, v)| (d as u32, v));
        let (mut pairs, mut weights) = (Vec::new(), Vec::new());
        for (_, (p, w)) in channel.round(worker, sends) {
            pairs.extend(p);
            weights.extend(w);
        }
        Some(Adjacency::from_pairs(n, &pairs, &weights))
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
