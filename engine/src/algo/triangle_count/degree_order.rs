//! The triangle total on degree-ordered forward lists (GAP's `RelabelByDegree`, then a
//! bitmap probe in place of GAP's `OrderedCount` merge).
//!
//! Vertices get new ids by degree, highest first (ties by index). Row `x` of the forward
//! adjacency holds `x`'s distinct neighbours with a smaller new id, sorted ascending: the hubs
//! have the shortest rows. Every triangle `u > v > w` (new ids) is then found once, at `u`: `v`
//! and `w` are in `F(u)` and `w` is in `F(v)`. For each `u` its row is marked in a per-thread
//! bitmap (n bits, in cache), and every `w` of every `F(v)`, `v` in `F(u)`, is one independent
//! bit test: no merge and no chain of dependent compares. The bits set are cleared after each
//! `u`. The total does not depend on the order chosen, only on it being strict.

use std::cell::RefCell;

use rayon::prelude::*;

use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// Vertices per block between cancellation checks.
const BLOCK: usize = 1 << 14;
/// Rows per parallel task while building.
const ROWS: usize = 1024;

thread_local! {
    /// Each thread's marks of the current row (all clear between rows).
    static MARKS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// The forward rows; row `x` is `targets[start[x]..start[x] + len[x]]`.
struct Forward {
    start: Vec<usize>,
    len: Vec<u32>,
    targets: Vec<u32>,
}

impl Forward {
    #[inline]
    fn row(&self, x: u32) -> &[u32] {
        let s = self.start[x as usize];
        &self.targets[s..s + self.len[x as usize] as usize]
    }
}

/// The number of triangles of `g` on its undirected simple view (directions, parallel edges and
/// self-loops ignored).
///
/// # Errors
/// [`Cancelled`], checked between blocks of vertices.
pub(super) fn total(g: &Graph, ctl: &JobControl) -> Result<u64, Cancelled> {
    let f = forward(g, ctl)?;
    let n = g.vertex_count();
    let mut total = 0;
    let words = n.div_ceil(64);
    for start in (0..n).step_by(BLOCK) {
        ctl.check()?;
        total += (start as u32..(start + BLOCK).min(n) as u32)
            .into_par_iter()
            .with_min_len(64)
            .map(|u| {
                MARKS.with(|m| {
                    let mut m = m.borrow_mut();
                    if m.len() < words {
                        m.resize(words, 0);
                    }
                    let fu = f.row(u);
                    for &v in fu {
                        m[v as usize / 64] |= 1 << (v % 64);
                    }
                    let mut t = 0;
                    for &v in fu {
                        for &w in f.row(v) {
                            t += (m[w as usize / 64] >> (w % 64)) & 1;
                        }
                    }
                    for &v in fu {
                        m[v as usize / 64] = 0;
                    }
                    t
                })
            })
            .sum::<u64>();
        ctl.set_progress(start as u64, n as u64);
    }
    ctl.set_progress(n as u64, n as u64);
    Ok(total)
}

/// Builds the degree-ordered forward rows in parallel: new ids from a sort of
/// `(degree descending, index)`, a counting pass for each row's bound, then each row filled,
/// sorted and deduplicated in place.
fn forward(g: &Graph, ctl: &JobControl) -> Result<Forward, Cancelled> {
    let n = g.vertex_count();
    let (old_of, new_of) = crate::algo::degree_view::degree_order(g);
    ctl.check()?;
    let (old_of, new_of) = (&old_of, &new_of);
    let earlier = |x: usize| {
        let v = old_of[x];
        let (inn, out) = (g.in_neighbors(v), g.out_neighbors(v));
        inn.iter()
            .chain(out)
            .map(move |&u| new_of[u as usize])
            .filter(move |&y| (y as usize) < x)
    };
    let bound: Vec<usize> = (0..n)
        .into_par_iter()
        .with_min_len(ROWS)
        .map(|x| earlier(x).count())
        .collect();
    let mut start = Vec::with_capacity(n);
    let mut sum = 0;
    for &b in &bound {
        start.push(sum);
        sum += b;
    }
    ctl.check()?;
    let mut targets = vec![0u32; sum];
    // Split the targets at group boundaries so that each task owns its rows' slots.
    let mut groups = Vec::with_capacity(n.div_ceil(ROWS));
    let mut rest = &mut targets[..];
    for first in (0..n).step_by(ROWS) {
        let last = (first + ROWS).min(n);
        let size: usize = bound[first..last].iter().sum();
        let (head, tail) = rest.split_at_mut(size);
        groups.push((first, last, head));
        rest = tail;
    }
    let len: Vec<u32> = groups
        .into_par_iter()
        .flat_map_iter(|(first, last, mut slots)| {
            let mut lens = Vec::with_capacity(last - first);
            for (x, &b) in (first..last).zip(&bound[first..last]) {
                let (row, tail) = std::mem::take(&mut slots).split_at_mut(b);
                slots = tail;
                for (slot, y) in row.iter_mut().zip(earlier(x)) {
                    *slot = y;
                }
                row.sort_unstable();
                lens.push(dedup_len(row) as u32);
            }
            lens
        })
        .collect();
    Ok(Forward {
        start,
        len,
        targets,
    })
}

/// Moves the distinct values of sorted `row` to its front; returns how many there are.
fn dedup_len(row: &mut [u32]) -> usize {
    let mut k = 0;
    for i in 0..row.len() {
        if k == 0 || row[i] != row[k - 1] {
            row[k] = row[i];
            k += 1;
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_distinct_and_earlier() {
        // Vertex 0 has the highest degree, so it gets new id 0; repeated, reversed edges and a
        // self-loop collapse.
        let g = Graph::from_edges(4, &[(0, 1), (1, 0), (0, 2), (0, 3), (2, 3), (3, 3), (3, 2)]);
        let f = forward(&g, &JobControl::new()).unwrap();
        let rows: Vec<Vec<u32>> = (0..4).map(|x| f.row(x).to_vec()).collect();
        // Degrees (in + out): 0 → 4, 3 → 5, 2 → 3, 1 → 2, so new ids 3 → 0, 0 → 1, 2 → 2, 1 → 3.
        assert_eq!(rows, [vec![], vec![0], vec![0, 1], vec![1]]);
        assert_eq!(total(&g, &JobControl::new()).unwrap(), 1);
    }

    #[test]
    fn dedup() {
        let mut row = [1, 1, 2, 5, 5, 5, 9];
        assert_eq!(dedup_len(&mut row), 4);
        assert_eq!(row[..4], [1, 2, 5, 9]);
        assert_eq!(dedup_len(&mut []), 0);
    }
}
