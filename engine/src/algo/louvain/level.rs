//! Louvain's levels: a symmetric weighted adjacency built from the input graph, collapsed
//! community by community, and the modularity of a partition of it.

use rayon::prelude::*;

use crate::algo::{Result, weights};
use crate::graph::{EdgeWeights, Graph};

/// Nodes per parallel task when building levels.
const CHUNK: usize = 1024;

/// A symmetric weighted adjacency: row `i` lists `(j, w)`; a self-loop of weight `w` is stored
/// as `(i, 2w)` so that a row's sum is the node's degree.
#[derive(Debug, Clone)]
pub(super) struct Level {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl Level {
    pub(super) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub(super) fn row(&self, i: usize) -> impl Iterator<Item = (u32, f64)> + '_ {
        let r = self.offsets[i]..self.offsets[i + 1];
        self.targets[r.clone()]
            .iter()
            .copied()
            .zip(self.weights[r].iter().copied())
    }

    /// Concatenates per-chunk rows (degrees, targets, weights) in order.
    fn from_rows(chunks: Vec<(Vec<usize>, Vec<u32>, Vec<f64>)>) -> Self {
        let mut offsets = vec![0];
        let (mut targets, mut weights) = (Vec::new(), Vec::new());
        for (lens, t, w) in chunks {
            for len in lens {
                offsets.push(offsets.last().copied().unwrap_or(0) + len);
            }
            targets.extend_from_slice(&t);
            weights.extend_from_slice(&w);
        }
        Self {
            offsets,
            targets,
            weights,
        }
    }

    /// The input graph as a level: out- and in-lists merged, equal neighbours summed.
    pub(super) fn from_graph(g: &Graph, w: Option<&EdgeWeights<'_>>) -> Result<Self> {
        let n = g.vertex_count();
        let starts: Vec<usize> = (0..n).step_by(CHUNK).collect();
        let chunks = starts
            .into_par_iter()
            .map(|c| -> Result<(Vec<usize>, Vec<u32>, Vec<f64>)> {
                let (mut lens, mut targets, mut ws) = (Vec::new(), Vec::new(), Vec::new());
                for v in c..(c + CHUNK).min(n) {
                    let v = v as u32;
                    let weight = |k: usize, from: u32, to: u32| -> Result<f64> {
                        w.map_or(Ok(1.0), |w| weights::non_negative(g, w, k, from, to))
                    };
                    let mut pairs = Vec::with_capacity(g.out_degree(v) + g.in_degree(v));
                    for (k, &u) in g.out_edge_range(v).zip(g.out_neighbors(v)) {
                        pairs.push((u, weight(k, v, u)?));
                    }
                    for (&k, &u) in g.in_edge_ids(v).iter().zip(g.in_neighbors(v)) {
                        pairs.push((u, weight(k as usize, u, v)?));
                    }
                    pairs.sort_by_key(|&(u, _)| u);
                    let before = targets.len();
                    for (u, x) in pairs {
                        if targets.len() > before && targets.last() == Some(&u) {
                            *ws.last_mut().expect("parallel to targets") += x;
                        } else {
                            targets.push(u);
                            ws.push(x);
                        }
                    }
                    lens.push(targets.len() - before);
                }
                Ok((lens, targets, ws))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self::from_rows(chunks))
    }

    /// The level whose nodes are the communities `comm` (numbered `0..count`) of this one.
    pub(super) fn collapse(&self, comm: &[u32], count: usize) -> Self {
        // Members of each community, by counting sort.
        let mut start = vec![0usize; count + 1];
        for &c in comm {
            start[c as usize + 1] += 1;
        }
        for c in 0..count {
            start[c + 1] += start[c];
        }
        let mut members = vec![0u32; comm.len()];
        let mut next = start.clone();
        for (i, &c) in comm.iter().enumerate() {
            members[next[c as usize]] = i as u32;
            next[c as usize] += 1;
        }
        let chunk_starts: Vec<usize> = (0..count).step_by(CHUNK).collect();
        let chunks = chunk_starts
            .into_par_iter()
            .map(|c0| {
                let (mut lens, mut targets, mut ws) = (Vec::new(), Vec::new(), Vec::new());
                let mut pairs: Vec<(u32, f64)> = Vec::new();
                for c in c0..(c0 + CHUNK).min(count) {
                    pairs.clear();
                    for &i in &members[start[c]..start[c + 1]] {
                        pairs.extend(self.row(i as usize).map(|(j, w)| (comm[j as usize], w)));
                    }
                    pairs.sort_by_key(|&(d, _)| d);
                    let before = targets.len();
                    for &(d, x) in &pairs {
                        if targets.len() > before && targets.last() == Some(&d) {
                            *ws.last_mut().expect("parallel to targets") += x;
                        } else {
                            targets.push(d);
                            ws.push(x);
                        }
                    }
                    lens.push(targets.len() - before);
                }
                (lens, targets, ws)
            })
            .collect();
        Self::from_rows(chunks)
    }

    /// Each node's degree (row sum).
    pub(super) fn degrees(&self) -> Vec<f64> {
        (0..self.len())
            .into_par_iter()
            .map(|i| self.row(i).map(|(_, w)| w).sum())
            .collect()
    }
}

/// Modularity of partition `comm` of `level`, whose total degree is `m2` (= 2m).
pub(super) fn modularity(level: &Level, comm: &[u32], degree: &[f64], m2: f64) -> f64 {
    if m2 <= 0.0 {
        return 0.0;
    }
    let inside: f64 = (0..level.len())
        .into_par_iter()
        .map(|i| {
            level
                .row(i)
                .filter(|&(j, _)| comm[j as usize] == comm[i])
                .map(|(_, w)| w)
                .sum::<f64>()
        })
        .sum();
    let mut tot = vec![0.0; level.len()];
    for (i, &c) in comm.iter().enumerate() {
        tot[c as usize] += degree[i];
    }
    inside / m2 - tot.iter().map(|t| (t / m2) * (t / m2)).sum::<f64>()
}
