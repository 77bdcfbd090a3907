//! The Kronecker (R-MAT) input graph, as Graph500 and GAP generate it, from a fixed seed.
//!
//! `16 · 2^scale` edges are drawn with the Graph500 quadrant probabilities A = 0.57, B = 0.19,
//! C = 0.19 (D = 0.05), vertex ids are shuffled with a seeded permutation (so vertex 0 is not
//! the hub), and every edge gets a uniform weight in 1..=255 (GAP's SSSP weights). The graph
//! is then made simple and undirected the way GAP's builder does it: self-loops dropped,
//! each edge stored once as `(min, max)`, duplicates removed (the first weight drawn is kept).
//! Every library in the comparison reads exactly this list, from the file [`write_edge_list`]
//! writes.

use std::io::{BufWriter, Write};
use std::path::Path;

/// Graph500 edge factor: edges drawn per vertex.
pub(crate) const EDGE_FACTOR: usize = 16;
const A: f64 = 0.57;
const B: f64 = 0.19;
const C: f64 = 0.19;

/// SplitMix64: tiny, fast and fully specified, so the graph never changes with a crate
/// version.
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..bound (bound > 0; the modulo bias is negligible for our bounds).
    pub(crate) fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }
}

/// A simple undirected weighted graph: each edge once, `u < v`, sorted.
pub(crate) struct KronGraph {
    pub(crate) n: usize,
    pub(crate) edges: Vec<(u32, u32, u8)>,
    /// Edges drawn before self-loops and duplicates were removed.
    pub(crate) drawn: usize,
}

/// Generates the scale-`scale` Kronecker graph for `seed`.
pub(crate) fn generate(scale: u32, seed: u64) -> KronGraph {
    let n = 1usize << scale;
    let drawn = EDGE_FACTOR * n;
    let mut rng = SplitMix64::new(seed);
    // Fisher–Yates permutation of the vertex ids.
    let mut perm: Vec<u32> = (0..n as u32).collect();
    for i in (1..n).rev() {
        perm.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut edges: Vec<(u32, u32, u8)> = Vec::with_capacity(drawn);
    for _ in 0..drawn {
        let (mut u, mut v) = (0u32, 0u32);
        for _ in 0..scale {
            let r = rng.next_f64();
            u <<= 1;
            v <<= 1;
            if r < A + B {
                if r >= A {
                    v |= 1;
                }
            } else {
                u |= 1;
                if r >= A + B + C {
                    v |= 1;
                }
            }
        }
        let w = 1 + rng.below(255) as u8;
        let (u, v) = (perm[u as usize], perm[v as usize]);
        if u != v {
            edges.push((u.min(v), u.max(v), w));
        }
    }
    // Stable sort on the endpoints keeps the first weight drawn for a repeated edge.
    edges.sort_by_key(|&(u, v, _)| (u, v));
    edges.dedup_by_key(|&mut (u, v, _)| (u, v));
    KronGraph { n, edges, drawn }
}

/// Writes `u v w` lines (space separated, no header) to `path`, via a temporary file.
pub(crate) fn write_edge_list(g: &KronGraph, path: &Path) -> std::io::Result<()> {
    let tmp = path.with_extension("el.tmp");
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
    for &(u, v, w) in &g.edges {
        writeln!(out, "{u} {v} {w}")?;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(tmp, path)
}

/// `count` distinct vertices of non-zero degree, drawn from `seed` (GAP also skips isolated
/// sources: a BFS from one would measure nothing).
pub(crate) fn pick_sources(g: &KronGraph, count: usize, seed: u64) -> Vec<u32> {
    let mut has_edge = vec![false; g.n];
    for &(u, v, _) in &g.edges {
        has_edge[u as usize] = true;
        has_edge[v as usize] = true;
    }
    let mut rng = SplitMix64::new(seed ^ 0x5eed_5eed);
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let v = rng.below(g.n as u64) as u32;
        if has_edge[v as usize] && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}
