//! A degree-ordered undirected view of a graph, kept with it (`Graph::derived`) for PageRank
//! and the bottom-up levels of an undirected BFS (`k_hop/on_view.rs`).
//!
//! Vertices get new ids by undirected degree (in + out, parallel edges and self-loops counted as
//! stored), highest first, ties by index. Row `x` lists `x`'s neighbours over both directions
//! in new ids, with multiplicity, ascending. The hubs, whose values every gather reads most,
//! then sit in a small contiguous prefix of any per-vertex array, which stays in cache; and a
//! row lists its hub neighbours first, so a bottom-up BFS level, which stops at the first
//! neighbour in the frontier, mostly stops at the first or second entry. (Sorting the rows
//! costs about a third of the build; for PageRank alone it gained nothing measurable.)
//! Outputs are mapped back to the original ids by the caller (`new_of`).

use rayon::prelude::*;

use crate::graph::Graph;
use crate::graph::derived::Footprint;

/// The key the view is cached under.
pub(super) const KEY: &str = "undirected-degree-order";
/// Rows per parallel task while building.
const ROWS: usize = 1024;
/// About this many row entries per part of [`DegreeView::parts`].
const PART_EDGES: usize = 1 << 15;

/// See the [module docs](self).
pub(super) struct DegreeView {
    /// New id of each original vertex.
    pub(super) new_of: Vec<u32>,
    /// Row `x` is `targets[offsets[x]..offsets[x + 1]]`.
    offsets: Vec<usize>,
    targets: Vec<u32>,
    /// Boundaries (new ids, `0` first and `n` last) of row ranges holding about the same number
    /// of entries, for balanced parallel passes (the hub rows are long).
    pub(super) parts: Vec<usize>,
}

impl Footprint for DegreeView {
    fn memory_bytes(&self) -> u64 {
        (self.new_of.capacity() * 4
            + self.offsets.capacity() * 8
            + self.targets.capacity() * 4
            + self.parts.capacity() * 8) as u64
    }
}

/// Vertices by undirected degree (in + out), highest first, ties by index: the original id of
/// each new one and the new id of each original one.
pub(super) fn degree_order(g: &Graph) -> (Vec<u32>, Vec<u32>) {
    let n = g.vertex_count();
    let mut keys: Vec<u64> = (0..n as u32)
        .into_par_iter()
        .map(|v| {
            let d = (g.in_degree(v) + g.out_degree(v)).min(u32::MAX as usize) as u32;
            (u64::from(!d) << 32) | u64::from(v)
        })
        .collect();
    keys.par_sort_unstable();
    let old_of: Vec<u32> = keys.into_par_iter().map(|k| k as u32).collect();
    let mut new_of = vec![0u32; n];
    for (x, &v) in old_of.iter().enumerate() {
        new_of[v as usize] = x as u32;
    }
    (old_of, new_of)
}

impl DegreeView {
    /// Row `x`: its neighbours in new ids.
    #[inline]
    pub(super) fn row(&self, x: usize) -> &[u32] {
        &self.targets[self.offsets[x]..self.offsets[x + 1]]
    }

    /// Vertices in the view.
    #[inline]
    pub(super) fn vertex_count(&self) -> usize {
        self.new_of.len()
    }

    /// Builds the view of `g` in parallel.
    pub(super) fn new(g: &Graph) -> Self {
        let n = g.vertex_count();
        let degree = |v: u32| g.in_degree(v) + g.out_degree(v);
        let (old_of, new_of) = degree_order(g);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut parts = vec![0];
        let mut sum = 0;
        for (x, &v) in old_of.iter().enumerate() {
            offsets.push(sum);
            if sum >= parts.len() * PART_EDGES || x - parts[parts.len() - 1] >= PART_EDGES {
                parts.push(x);
            }
            sum += degree(v);
        }
        offsets.push(sum);
        parts.push(n);
        parts.dedup();
        let mut targets = vec![0u32; sum];
        // Split the targets at group boundaries so that each task owns its rows.
        let mut groups = Vec::with_capacity(n.div_ceil(ROWS));
        let mut rest = &mut targets[..];
        for first in (0..n).step_by(ROWS) {
            let last = (first + ROWS).min(n);
            let (head, tail) = rest.split_at_mut(offsets[last] - offsets[first]);
            groups.push((first, last, head));
            rest = tail;
        }
        let (old_of, new_of_ref, offsets_ref) = (&old_of, &new_of, &offsets);
        groups.into_par_iter().for_each(|(first, last, mut slots)| {
            for x in first..last {
                let size = offsets_ref[x + 1] - offsets_ref[x];
                let (row, tail) = std::mem::take(&mut slots).split_at_mut(size);
                slots = tail;
                let v = old_of[x];
                let (inn, out) = (g.in_neighbors(v), g.out_neighbors(v));
                for (slot, &u) in row.iter_mut().zip(inn.iter().chain(out)) {
                    *slot = new_of_ref[u as usize];
                }
                row.sort_unstable();
            }
        });
        DegreeView {
            new_of,
            offsets,
            targets,
            parts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_in_degree_order_with_multiplicity() {
        // Degrees (in + out): 0 → 3, 1 → 1, 2 → 4 (the self-loop counts twice), 3 → 0.
        let g = Graph::from_edges(4, &[(0, 1), (0, 2), (2, 0), (2, 2)]);
        let view = DegreeView::new(&g);
        assert_eq!(view.new_of, [1, 2, 0, 3]);
        let rows: Vec<Vec<u32>> = (0..4).map(|x| view.row(x).to_vec()).collect();
        assert_eq!(rows, [vec![0, 0, 1, 1], vec![0, 0, 2], vec![1], vec![]]);
        assert_eq!((view.parts[0], *view.parts.last().unwrap()), (0, 4));
    }
}
