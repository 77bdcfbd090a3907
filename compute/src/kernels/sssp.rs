//! Single-source shortest paths by distributed Bellman-Ford (label correcting): each
//! superstep, the vertices whose distance dropped offer `distance + length` to their
//! neighbours' owners, which keep the smallest offer, until no process has an offer to make.
//!
//! The distances are the least fixed point of `d(v) = min over edges u→v of d(u) + w`, which
//! is what `engine::algo::sssp` computes too (Dijkstra / delta-stepping, or BFS without
//! weights): floating-point addition is monotone, so the fixed point, and every bit of it, is
//! the same whichever order the relaxations ran in. A missing weight counts as 1; a length
//! that is not > 0 on an edge the search reaches fails the job, as it does on one node.
//!
//! For `shortest_path` each offer also names its sender, and a vertex keeps the sender of the
//! offer its distance came from (the smallest id among equal offers): the parents form a
//! shortest-path tree, which the node walks back from the target. Whichever order the
//! relaxations ran in, a vertex's parent ends with the distance it offered: when a parent's
//! distance drops it offers again, and the child takes the smaller offer.

use engine::distributed::ShardValues;
use timely::worker::Worker;

use super::resume::{Checkpoints, fill_f64, fill_paths};
use super::{Progress, batches, owned_values};
use crate::bsp::Superstep;
use crate::part::LocalGraph;

/// What to search: from where, which way, with which lengths.
pub(crate) struct Search {
    /// Start vertex.
    pub(crate) source: u32,
    /// Out-edges only (else both ways).
    pub(crate) directed: bool,
    /// The partition's weights as lengths (else 1).
    pub(crate) weighted: bool,
}

/// What a search found for the owned vertices, by local index.
pub(crate) struct Found {
    /// Distances (infinite: not reached).
    pub(crate) dist: Vec<f64>,
    /// The vertex each distance came from (`u32::MAX`: the source, or not reached).
    pub(crate) parent: Vec<u32>,
    /// Supersteps run.
    pub(crate) steps: u32,
}

impl Found {
    /// The shard (or checkpoint) values: distances, with the parents when `paths`.
    pub(crate) fn values(&self, g: &LocalGraph, paths: bool) -> ShardValues {
        if paths {
            ShardValues::Paths(
                g.owned
                    .iter()
                    .zip(&self.dist)
                    .zip(&self.parent)
                    .map(|((&v, &d), &p)| (v, d, p))
                    .collect(),
            )
        } else {
            ShardValues::F64(owned_values(g, &self.dist))
        }
    }
}

/// Distances of the owned vertices and their parents (see [`Found`]), checkpointed with the
/// parents when `paths`. Restored from a checkpoint, every reached owned vertex offers its
/// distance again (distances only ever drop, so the end is the same).
///
/// # Errors
/// A reached edge whose length is not > 0; a checkpoint that cannot be read or written.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    search: &Search,
    progress: &Progress,
    (ck, paths): (&Checkpoints, bool),
) -> Result<Found, String> {
    let Search {
        source,
        directed,
        weighted,
    } = *search;
    let m = g.owned.len();
    let mut dist = vec![f64::INFINITY; m];
    let mut parent = vec![u32::MAX; m];
    let mut active = Vec::new();
    let mut steps = 0;
    if let Some(c) = ck.restore()? {
        if paths {
            fill_paths(&c, g, &mut dist, &mut parent)?;
        } else {
            fill_f64(&c, g, &mut dist)?;
        }
        steps = c.superstep as u32;
        active = (0..m as u32)
            .filter(|&i| dist[i as usize].is_finite())
            .collect();
    } else if let Some(i) = g.local_of(source) {
        dist[i as usize] = 0.0;
        active.push(i);
    }
    // The source keeps no parent, whatever offers it hears.
    let source_local = g.local_of(source).unwrap_or(u32::MAX);
    // The smallest distance offered to each neighbour this superstep, and by whom, by slot.
    let mut best = vec![f64::INFINITY; g.targets.len()];
    let mut best_from = vec![u32::MAX; g.targets.len()];
    let mut woken = vec![false; m];
    let mut step = Superstep::<(u32, f64, u32)>::new(worker);
    loop {
        let mut touched = Vec::new();
        for &at in &active {
            let d = dist[at as usize];
            let me = g.owned[at as usize];
            let mut offer = |slots: &[u32], lengths: &[f64]| -> Result<(), String> {
                for (i, &w) in slots.iter().enumerate() {
                    let len = if weighted { lengths[i] } else { 1.0 };
                    if !(len > 0.0 && len.is_finite()) {
                        let (u, w) = (g.owned[at as usize], g.targets[w as usize]);
                        return Err(format!(
                            "parameter [weight] is invalid! An edge between vertices {u} and {w} has length {len}, not > 0."
                        ));
                    }
                    let slot = &mut best[w as usize];
                    let candidate = d + len;
                    let from = &mut best_from[w as usize];
                    if candidate < *slot || (candidate == *slot && me < *from) {
                        if slot.is_infinite() {
                            touched.push(w);
                        }
                        *slot = candidate;
                        *from = me;
                    }
                }
                Ok(())
            };
            offer(g.out.row(at), g.out.row_weights(at))?;
            if let (Some(inc), false) = (&g.inc, directed) {
                offer(inc.row(at), inc.row_weights(at))?;
            }
        }
        let mut out = batches::<(u32, f64, u32)>(g.peers);
        let sent = touched.len();
        for s in touched {
            let d = std::mem::replace(&mut best[s as usize], f64::INFINITY);
            let from = std::mem::replace(&mut best_from[s as usize], u32::MAX);
            let (to, w) = g.target(s);
            out[to as usize].push((w, d, from));
        }
        let delivered = step.round(worker, out, &[sent as f64]);
        if delivered.totals[0] == 0.0 {
            // Nobody offered anything: no distance can drop any more.
            return Ok(Found {
                dist,
                parent,
                steps,
            });
        }
        active.clear();
        for (_, offers) in delivered.batches {
            for (w, d, from) in offers {
                let i = g.local(w)? as usize;
                if d < dist[i] {
                    dist[i] = d;
                    parent[i] = from;
                    if !std::mem::replace(&mut woken[i], true) {
                        active.push(i as u32);
                    }
                } else if d == dist[i] && from < parent[i] && i as u32 != source_local {
                    // As short, from a smaller id: the same distance, a fixed parent.
                    parent[i] = from;
                }
            }
        }
        for &i in &active {
            woken[i as usize] = false;
        }
        steps += 1;
        progress.step(u64::from(steps), 0);
        ck.after(
            u64::from(steps),
            || {
                Found {
                    dist: dist.clone(),
                    parent: parent.clone(),
                    steps,
                }
                .values(g, paths)
            },
            0.0,
        )?;
    }
}
