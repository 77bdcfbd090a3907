//! node2vec's second-order random walks, by rejection sampling.

use crate::algo::rng::SplitMix64;
use crate::algo::simple_graph::SimpleGraph;

/// Rejections before a walk step samples exactly.
const MAX_REJECTIONS: usize = 32;

/// The second-order walk's unnormalised step weights.
pub(super) struct Bias {
    back: f64,
    out: f64,
    max: f64,
}

impl Bias {
    pub(super) fn new(p: f64, q: f64) -> Self {
        let (back, out) = (1.0 / p, 1.0 / q);
        Self {
            back,
            out,
            max: back.max(out).max(1.0),
        }
    }

    fn weight(&self, s: &SimpleGraph, prev: u32, x: u32) -> f64 {
        if x == prev {
            self.back
        } else if s.adjacent(prev, x) {
            1.0
        } else {
            self.out
        }
    }
}

/// One walk of at most `length` vertices from `start` into `out`.
pub(super) fn walk(
    s: &SimpleGraph,
    start: u32,
    length: usize,
    bias: &Bias,
    rng: &mut SplitMix64,
    out: &mut Vec<u32>,
) {
    out.clear();
    out.push(start);
    while out.len() < length {
        let cur = out[out.len() - 1];
        let nbrs = s.neighbors(cur);
        if nbrs.is_empty() {
            break;
        }
        let next = match out.len().checked_sub(2).map(|i| out[i]) {
            None => nbrs[rng.below(nbrs.len())],
            Some(prev) => step(s, prev, nbrs, bias, rng),
        };
        out.push(next);
    }
}

/// A biased step among `nbrs`, having arrived from `prev`.
fn step(s: &SimpleGraph, prev: u32, nbrs: &[u32], bias: &Bias, rng: &mut SplitMix64) -> u32 {
    for _ in 0..MAX_REJECTIONS {
        let x = nbrs[rng.below(nbrs.len())];
        if rng.unit() * bias.max < bias.weight(s, prev, x) {
            return x;
        }
    }
    // Exact sampling when rejections keep failing (extreme P or Q).
    let total: f64 = nbrs.iter().map(|&x| bias.weight(s, prev, x)).sum();
    let mut r = rng.unit() * total;
    for &x in nbrs {
        r -= bias.weight(s, prev, x);
        if r < 0.0 {
            return x;
        }
    }
    nbrs[nbrs.len() - 1]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Graph;
    use crate::job::control::JobControl;

    #[test]
    fn walks_follow_edges_and_the_bias() {
        // A path 0-1-2-3 and a triangle 4-5-6.
        let g = Graph::from_edges(7, &[(0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (6, 4)]);
        let s = SimpleGraph::build(&g, &JobControl::new()).unwrap();
        let mut rng = SplitMix64::new(1);
        let mut w = Vec::new();
        for _ in 0..50 {
            walk(&s, 1, 10, &Bias::new(1.0, 1.0), &mut rng, &mut w);
            assert_eq!(w.len(), 10);
            assert!(w.windows(2).all(|p| s.adjacent(p[0], p[1])));
        }
        // A huge P all but forbids stepping back: on a path the walk goes straight on to the
        // end (3), where stepping back is the only way (found by the exact fallback).
        walk(&s, 0, 5, &Bias::new(1e9, 1.0), &mut rng, &mut w);
        assert_eq!(w, [0, 1, 2, 3, 2]);
        // An isolated start stays put.
        let lonely = SimpleGraph::build(&Graph::from_edges(1, &[]), &JobControl::new()).unwrap();
        walk(&lonely, 0, 5, &Bias::new(1.0, 1.0), &mut rng, &mut w);
        assert_eq!(w, [0]);
    }
}
