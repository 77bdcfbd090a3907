//! CSR segmenting (Zhang et al., "Making caches work for graph analytics", 2017) for the
//! undirected pull over the degree-ordered view, on large graphs.
//!
//! There the pull's time goes into its random loads of `contrib`, an `f64` per vertex that no
//! longer fits the 2 MiB L2 (nor its pages the TLB). Segmenting cuts the source ids into
//! ranges whose slice of `contrib` fits in L2 and sums one range at a time, each vertex's sum
//! built up in `sums`. The first range holds the hubs, most of every row's entries: its part
//! of a row is the row's prefix in the view (rows are sorted), read in place. Each later range
//! `k` holds, for every vertex with a neighbour in it, that piece of its row, copied in vertex
//! order, so that its pass gathers from one L2-sized slice only; the last range may take every
//! remaining source (`most` caps the ranges).
//!
//! A vertex's sum is its ranges' piece sums added in range order, whatever the threads, so it
//! differs from the plain pull's in the last bits only (Kronecker 18-22: at most 5e-17 in a
//! rank after 20 iterations).
//! The pieces are built from the view (one scan to count, one to copy) on a graph's first
//! segmented run and kept with the graph (`Graph::derived`), as the view is.

use rayon::prelude::*;

use super::power::{Pull, gather};
use crate::algo::degree_view::DegreeView;
use crate::graph::derived::Footprint;

/// The key the segments are cached under (with their width and count).
pub(super) const KEY: &str = "pagerank-segments";

/// About this many entries per parallel task of a segment's pass.
const PART_ENTRIES: usize = 1 << 15;

/// See the [module docs](self).
pub(super) struct Segments {
    /// The first source id of each segment, then `n`.
    bounds: Vec<usize>,
    /// The entries of each row in the first segment (the hubs): the row's prefix in the view,
    /// read in place.
    firsts: Vec<u32>,
    /// The first segment's parallel tasks: the view's parts, as [`Segment::parts`].
    first_parts: Vec<(usize, usize)>,
    /// The later segments, their pieces copied.
    rest: Vec<Segment>,
}

/// `None` stands for segments that could not be built (so that the attempt is not repeated).
impl Footprint for Option<Segments> {
    fn memory_bytes(&self) -> u64 {
        let Some(s) = self else { return 0 };
        let rest: usize = (s.rest.iter())
            .map(|s| {
                (s.rows.capacity() + s.offsets.capacity() + s.srcs.capacity()) * 4
                    + s.parts.capacity() * 16
            })
            .sum();
        (rest + s.bounds.capacity() * 8 + s.firsts.capacity() * 4 + s.first_parts.capacity() * 16)
            as u64
    }
}

/// One later range of source ids.
struct Segment {
    /// The vertices with a neighbour in the range, ascending.
    rows: Vec<u32>,
    /// `rows[i]`'s piece is `srcs[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    srcs: Vec<u32>,
    /// Parallel tasks: `(first piece, first vertex)` of each, then `(pieces, n)`; the vertex
    /// ranges cover `0..n`.
    parts: Vec<(usize, usize)>,
}

impl Segment {
    /// Row piece `i`: `rows[i]`'s neighbours in the range.
    #[inline]
    fn piece(&self, i: usize) -> &[u32] {
        &self.srcs[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// The first source id of each segment, `width` apart and at most `most` of them, then `n`.
pub(super) fn uniform(n: usize, width: usize, most: usize) -> Vec<usize> {
    let mut b: Vec<usize> = (0..n).step_by(width.max(1)).take(most.max(1)).collect();
    b.push(n);
    b
}

/// Calls `f(k, piece)` for each run of the sorted `row` that lies in segment `k` of `bounds`
/// (`row` holds no id below `bounds[0]`).
#[inline]
fn pieces(row: &[u32], bounds: &[usize], mut f: impl FnMut(usize, &[u32])) {
    let mut rest = row;
    while let Some(&first) = rest.first() {
        let k = bounds.partition_point(|&b| b <= first as usize) - 1;
        let end = bounds[k + 1];
        let (piece, tail) = rest.split_at(rest.partition_point(|&u| (u as usize) < end));
        f(k, piece);
        rest = tail;
    }
}

impl Segments {
    /// The segments of `view` that `bounds` delimit (`0` first, `n` last); `None` when a
    /// segment would hold `u32::MAX` entries or more (its offsets are `u32`).
    pub(super) fn new(view: &DegreeView, bounds: Vec<usize>) -> Option<Self> {
        let n = view.vertex_count();
        let hubs = bounds[1];
        let firsts: Vec<u32> = (0..n)
            .into_par_iter()
            .map(|x| view.row(x).partition_point(|&u| (u as usize) < hubs) as u32)
            .collect();
        let later = &bounds[1..];
        let s = later.len() - 1;
        let suffix = |x: usize| &view.row(x)[firsts[x] as usize..];
        // The view's row ranges, balanced by entries, are the build's tasks; their first
        // vertices are where a segment's passes may be cut.
        let chunks = &view.parts;
        let nc = chunks.len() - 1;
        // Pieces and entries of each chunk in each later segment.
        let counts: Vec<Vec<(usize, usize)>> = chunks
            .par_windows(2)
            .map(|w| {
                let mut c = vec![(0, 0); s];
                for x in w[0]..w[1] {
                    pieces(suffix(x), later, |k, p| {
                        c[k].0 += 1;
                        c[k].1 += p.len();
                    });
                }
                c
            })
            .collect();
        // Where each chunk starts in each segment, and the segments' totals (last).
        let starts: Vec<Vec<(usize, usize)>> = (0..s)
            .map(|k| {
                let mut at = (0, 0);
                let mut st = Vec::with_capacity(nc + 1);
                for c in &counts {
                    st.push(at);
                    at = (at.0 + c[k].0, at.1 + c[k].1);
                }
                st.push(at);
                st
            })
            .collect();
        if starts.iter().any(|st| st[nc].1 >= u32::MAX as usize) {
            return None;
        }
        let mut rest: Vec<Segment> = starts
            .iter()
            .map(|st| {
                let (p, e) = st[nc];
                Segment {
                    rows: vec![0; p],
                    offsets: vec![0; p + 1],
                    srcs: vec![0; e],
                    parts: Vec::new(),
                }
            })
            .collect();
        // Each chunk's slices of every later segment.
        type Slots<'a> = (&'a mut [u32], &'a mut [u32], &'a mut [u32]);
        let mut work: Vec<Vec<Slots<'_>>> = (0..nc).map(|_| Vec::with_capacity(s)).collect();
        for (k, seg) in rest.iter_mut().enumerate() {
            let Segment {
                rows,
                offsets,
                srcs,
                ..
            } = seg;
            let (mut rows, mut ends, mut srcs) = (&mut rows[..], &mut offsets[1..], &mut srcs[..]);
            for (slots, c) in work.iter_mut().zip(&counts) {
                let (p, e) = c[k];
                let (r, rt) = std::mem::take(&mut rows).split_at_mut(p);
                let (o, ot) = std::mem::take(&mut ends).split_at_mut(p);
                let (d, dt) = std::mem::take(&mut srcs).split_at_mut(e);
                (rows, ends, srcs) = (rt, ot, dt);
                slots.push((r, o, d));
            }
        }
        let starts = &starts;
        work.into_par_iter()
            .zip(chunks.par_windows(2))
            .enumerate()
            .for_each(|(c, (mut slots, w))| {
                let mut at = vec![(0usize, 0usize); s];
                for x in w[0]..w[1] {
                    pieces(suffix(x), later, |k, p| {
                        let (rows, ends, srcs) = &mut slots[k];
                        let (i, e) = at[k];
                        rows[i] = x as u32;
                        srcs[e..e + p.len()].copy_from_slice(p);
                        at[k] = (i + 1, e + p.len());
                        ends[i] = (starts[k][c].1 + e + p.len()) as u32;
                    });
                }
            });
        // A segment's passes are cut between chunks, once a part holds PART_ENTRIES.
        for (k, seg) in rest.iter_mut().enumerate() {
            let mut parts = vec![(0, 0)];
            let mut held = 0;
            for (c, count) in counts.iter().enumerate() {
                if held >= PART_ENTRIES {
                    parts.push((starts[k][c].0, chunks[c]));
                    held = 0;
                }
                held += count[k].1;
            }
            parts.push((starts[k][nc].0, n));
            seg.parts = parts;
        }
        let first_parts = chunks.iter().map(|&x| (x, x)).collect();
        Some(Segments {
            bounds,
            firsts,
            first_parts,
            rest,
        })
    }

    /// A pull over these segments of `view` (the view they were built from).
    pub(super) fn pull<'a>(&'a self, view: &'a DegreeView) -> SegmentedPull<'a> {
        SegmentedPull {
            segments: self,
            view,
            sums: vec![0.0; self.bounds[self.bounds.len() - 1]],
        }
    }
}

/// [`Segments`] as a [`Pull`]: each iteration's sums, segment by segment.
pub(super) struct SegmentedPull<'a> {
    segments: &'a Segments,
    view: &'a DegreeView,
    /// The current iteration's sum per vertex.
    sums: Vec<f64>,
}

/// `sums` cut at the vertex boundaries of `parts`: `(pieces, first vertex, &mut sums[range])`.
fn cut<'a>(
    mut sums: &'a mut [f64],
    parts: &[(usize, usize)],
) -> Vec<(std::ops::Range<usize>, usize, &'a mut [f64])> {
    parts
        .windows(2)
        .map(|w| {
            let (head, tail) = std::mem::take(&mut sums).split_at_mut(w[1].1 - w[0].1);
            sums = tail;
            (w[0].0..w[1].0, w[0].1, head)
        })
        .collect()
}

impl Pull for SegmentedPull<'_> {
    fn prepare(&mut self, contrib: &[f64]) {
        let SegmentedPull {
            segments,
            view,
            sums,
        } = self;
        let (view, firsts) = (&**view, &segments.firsts);
        // The first segment sets each sum, the later ones add to it.
        cut(&mut sums[..], &segments.first_parts)
            .into_par_iter()
            .for_each(|(range, first, out)| {
                for x in range {
                    out[x - first] = gather(contrib, &view.row(x)[..firsts[x] as usize]);
                }
            });
        for seg in &segments.rest {
            cut(&mut sums[..], &seg.parts)
                .into_par_iter()
                .for_each(|(range, first, out)| {
                    for i in range {
                        out[seg.rows[i] as usize - first] += gather(contrib, seg.piece(i));
                    }
                });
        }
    }

    #[inline(always)]
    fn sum_at(&self, v: usize, _contrib: &[f64]) -> f64 {
        self.sums[v]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Graph;

    #[test]
    fn segments_hold_every_row_in_pieces_and_sum_like_the_rows() {
        // Self-loops, parallel edges and an isolated vertex (7).
        let edges = [
            (0, 1),
            (0, 1),
            (0, 2),
            (2, 2),
            (3, 0),
            (4, 5),
            (5, 6),
            (6, 0),
            (1, 6),
        ];
        let g = Graph::from_edges(8, &edges);
        let view = DegreeView::new(&g);
        let segments = Segments::new(&view, uniform(8, 3, 8)).unwrap();
        assert_eq!(segments.rest.len(), 2, "ids 0..3 in place, then 3..6, 6..8");
        let mut rebuilt: Vec<Vec<u32>> = (0..8)
            .map(|x| view.row(x)[..segments.firsts[x] as usize].to_vec())
            .collect();
        for seg in &segments.rest {
            for (i, &x) in seg.rows.iter().enumerate() {
                let piece = seg.piece(i);
                assert!(!piece.is_empty());
                rebuilt[x as usize].extend_from_slice(piece);
            }
        }
        for (x, row) in rebuilt.iter().enumerate() {
            assert_eq!(row, view.row(x), "row {x}");
        }
        // Sums of distinct powers of two are exact in any order.
        let contrib: Vec<f64> = (0..8).map(|u| f64::from(1u32 << u)).collect();
        let mut pull = segments.pull(&view);
        pull.prepare(&contrib);
        for x in 0..8 {
            let want: f64 = view.row(x).iter().map(|&u| contrib[u as usize]).sum();
            assert_eq!(pull.sum_at(x, &contrib), want, "vertex {x}");
        }
        // Two segments at most: the second takes every source from 3 on.
        assert_eq!(
            Segments::new(&view, uniform(8, 3, 2)).unwrap().rest.len(),
            1
        );
    }
}
