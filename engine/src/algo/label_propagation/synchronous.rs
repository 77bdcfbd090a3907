//! Synchronous label propagation: the definition the distributed executor's kernel computes
//! (`compute/src/kernels/label_propagation.rs`), run sequentially on one node as its reference.
//!
//! The single-node kernel is asynchronous, in a pseudo-random order, which a group of processes
//! exchanging labels once per superstep cannot reproduce. The synchronous variant is:
//! - superstep 0: every vertex's label is its own index;
//! - superstep k: every vertex adopts the label with the most votes among the labels of
//!   superstep k − 1 of its neighbours, over both edge directions (an edge `u → v` is one vote
//!   of `u`'s label at `v` and one of `v`'s at `u`; parallel edges vote once each), weighted by
//!   `weight` as the local kernel weighs them (missing values count 1, values ≥ 0),
//!   self-loops ignored; **its own label of superstep k − 1 votes too, with weight
//!   [`OWN_VOTE`]**, so two vertices joined by one edge cannot swap their labels forever (the
//!   oscillation of plain synchronous propagation), and a label held by most of a vertex's
//!   neighbourhood stays;
//! - ties go to the **smallest** label (not the current one: every label starts with one vote,
//!   so keeping the current label among equals would end the run in its first superstep with
//!   nothing changed);
//! - a vote's weights are added in the order of ([`winner`]) label then weight, so the sums do
//!   not depend on how the edges are stored or split among processes;
//! - the run stops after the first superstep that changed fewer than `convergence` × n labels
//!   (or none), or after `max_iterations` supersteps;
//! - each community is then named after its smallest vertex, as the local kernel names them.
//!
//! **With seeds** (`initial`, a vertex property), as the local kernel spreads them: the
//! vertices having a value keep it as a fixed label (the values interned in vertex order, so
//! "smallest label" means the value met first); the others start with none, and each superstep
//! adopts the heaviest label among its neighbours' labels of the previous superstep, its own
//! (once it has one) voting with [`OWN_VOTE`], vertices without a label not voting; a vertex
//! that hears no label keeps none. The convergence share is of the unseeded vertices (those
//! that update); communities are named by the seed values, and vertices no seed reaches have
//! none (`null` in the result).

use super::{
    LabelPropagationConfig, Labels, NONE, edge_weights, name_by_first_member, seed_labels,
};
use crate::algo::Result;
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The weight of a vertex's vote for its own label.
pub const OWN_VOTE: f64 = 1.0;

/// Vertex updates between cancellation checks.
const CHECK_EVERY: usize = 1 << 16;

/// Synchronous label propagation (see the module's definition), the sequential reference of
/// the distributed kernel: both give exactly the same labels and supersteps.
///
/// # Arguments
/// `graph`, settings `cfg` (`initial` names a vertex property with seed labels, `weight` an
/// edge property) and `ctl`.
///
/// # Errors
/// `parameter [initial] is invalid!` for an unknown property or seeds on no vertex or on every
/// vertex; `parameter [weight] is invalid!` for an unknown property or a negative weight;
/// [`crate::algo::AlgoError::Cancelled`].
///
/// # Complexity
/// O((n + m log d) · supersteps), `d` the largest degree.
///
/// # Example
/// ```
/// use engine::algo::label_propagation::{synchronous, LabelPropagationConfig};
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// // Two triangles joined by one edge 2-3.
/// let g = Graph::from_edges(6, &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)]);
/// let r = synchronous(&g, &LabelPropagationConfig::default(), &JobControl::new()).unwrap();
/// assert_eq!(r.labels, [0, 0, 0, 3, 3, 3]);
/// ```
pub fn synchronous(
    graph: &Graph,
    cfg: &LabelPropagationConfig,
    ctl: &JobControl,
) -> Result<Labels> {
    ctl.check()?;
    let weight = edge_weights(graph, cfg.weight.as_deref())?;
    let w = |k: usize| weight.as_ref().map_or(1.0, |w| w[k]);
    let n = graph.vertex_count();
    let (mut labels, names) = match &cfg.initial {
        None => ((0..n as u32).collect::<Vec<_>>(), Vec::new()),
        Some(property) => seed_labels(graph, property)?,
    };
    let seeded = !names.is_empty();
    // Seeds are fixed: only the vertices without one update.
    let fixed: Vec<bool> = labels.iter().map(|&l| seeded && l != NONE).collect();
    let updating = fixed.iter().filter(|&&f| !f).count();
    let mut next = labels.clone();
    let mut votes = Vec::new();
    let mut iterations = 0;
    while iterations < cfg.max_iterations {
        ctl.check()?;
        let mut changed = 0usize;
        for v in 0..n as u32 {
            if v as usize % CHECK_EVERY == CHECK_EVERY - 1 {
                ctl.check()?;
            }
            if fixed[v as usize] {
                continue;
            }
            votes.clear();
            let own = labels[v as usize];
            if own != NONE {
                votes.push((own, OWN_VOTE));
            }
            let mut vote = |u: u32, k: usize| {
                let l = labels[u as usize];
                if u != v && l != NONE {
                    votes.push((l, w(k)));
                }
            };
            for (k, &u) in graph.out_edge_range(v).zip(graph.out_neighbors(v)) {
                vote(u, k);
            }
            for (&k, &u) in graph.in_edge_ids(v).iter().zip(graph.in_neighbors(v)) {
                vote(u, k as usize);
            }
            // No vote at all (an unseeded vertex no label has reached yet): still none.
            let l = winner(&mut votes);
            changed += usize::from(l != own);
            next[v as usize] = l;
        }
        std::mem::swap(&mut labels, &mut next);
        // `next` keeps the fixed seeds; the others are all written again next superstep.
        iterations += 1;
        ctl.set_progress(iterations as u64, cfg.max_iterations as u64);
        if changed == 0 || (changed as f64) < cfg.convergence * updating as f64 {
            break;
        }
    }
    ctl.set_progress(1, 1);
    let communities = if seeded {
        distinct_seeds(&labels, names.len())
    } else {
        name_by_first_member(&mut labels)
    };
    Ok(Labels {
        labels,
        names,
        communities,
        iterations,
    })
}

/// The number of seed labels (of `count`) some vertex holds at the end.
pub(crate) fn distinct_seeds(labels: &[u32], count: usize) -> usize {
    let mut used = vec![false; count];
    for &l in labels.iter().filter(|&&l| l != NONE) {
        used[l as usize] = true;
    }
    used.iter().filter(|&&u| u).count()
}

/// The label with the most votes among `(label, weight)` pairs, the smallest label among
/// equals (`u32::MAX`, no label, when there is no vote). The pairs are sorted by label, then weight, and each label's weights
/// added in that order: the same multiset of votes gives bit-identical sums however it was
/// gathered.
pub fn winner(votes: &mut [(u32, f64)]) -> u32 {
    votes.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut best = (f64::NEG_INFINITY, u32::MAX);
    let mut i = 0;
    while i < votes.len() {
        let label = votes[i].0;
        let mut score = 0.0;
        while i < votes.len() && votes[i].0 == label {
            score += votes[i].1;
            i += 1;
        }
        // Labels come in ascending order: only a strictly larger score wins.
        if score > best.0 {
            best = (score, label);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heaviest_label_wins_and_ties_go_to_the_smallest() {
        assert_eq!(winner(&mut [(5, 1.0), (3, 1.0), (5, 1.0)]), 5);
        assert_eq!(winner(&mut [(5, 1.0), (3, 1.0), (4, 1.0)]), 3);
        assert_eq!(winner(&mut [(7, 2.0), (2, 0.5), (2, 1.5)]), 2);
        assert_eq!(winner(&mut [(9, 1.0)]), 9);
    }

    #[test]
    fn two_vertices_agree_instead_of_swapping_labels() {
        // Without its own vote, each vertex would take the other's label forever.
        let g = Graph::from_edges(2, &[(0, 1)]);
        let r = synchronous(&g, &LabelPropagationConfig::default(), &JobControl::new()).unwrap();
        assert_eq!((r.labels, r.communities), (vec![0, 0], 1));
        // Superstep 1 changes vertex 1, superstep 2 nothing.
        assert_eq!(r.iterations, 2);
    }

    #[test]
    fn cliques_joined_by_single_edges_are_the_local_kernels_communities() {
        // Cliques of 4, 5 and 6 vertices, their vertices interleaved in index order, each
        // joined to the next by one edge.
        let sizes = [4u32, 5, 6];
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); 3];
        let mut v = 0;
        for round in 0..6 {
            for (c, &size) in sizes.iter().enumerate() {
                if round < size {
                    members[c].push(v);
                    v += 1;
                }
            }
        }
        let mut edges = Vec::new();
        for m in &members {
            for (i, &a) in m.iter().enumerate() {
                for &b in &m[i + 1..] {
                    edges.push((a, b));
                }
            }
        }
        edges.push((members[0][3], members[1][4]));
        edges.push((members[1][0], members[2][5]));
        let g = Graph::from_edges(v as usize, &edges);
        let cfg = LabelPropagationConfig::default();
        let sync = synchronous(&g, &cfg, &JobControl::new()).unwrap();
        let local = super::super::label_propagation(&g, &cfg, &JobControl::new()).unwrap();
        assert_eq!(sync.labels, local.labels);
        assert_eq!(sync.communities, 3);
        for m in &members {
            assert!(m.iter().all(|&v| sync.labels[v as usize] == m[0]));
        }
    }
}
