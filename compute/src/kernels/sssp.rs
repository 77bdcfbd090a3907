//! Single-source shortest paths by distributed Bellman-Ford (label correcting): each
//! superstep, the vertices whose distance dropped offer `distance + length` to their
//! neighbours' owners, which keep the smallest offer, until no process has an offer to make.
//!
//! The distances are the least fixed point of `d(v) = min over edges u→v of d(u) + w`, which
//! is what `engine::algo::sssp` computes too (Dijkstra / delta-stepping, or BFS without
//! weights): floating-point addition is monotone, so the fixed point, and every bit of it, is
//! the same whichever order the relaxations ran in. A missing weight counts as 1; a length
//! that is not > 0 on an edge the search reaches fails the job, as it does on one node.

use engine::distributed::ShardValues;
use timely::worker::Worker;

use super::resume::{Checkpoints, fill_f64};
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

/// Distances (infinite where not reached; meaningful at the owned vertices) and the
/// supersteps run. Restored from a checkpoint, every reached owned vertex offers its distance
/// again (distances only ever drop, so the end is the same).
///
/// # Errors
/// A reached edge whose length is not > 0; a checkpoint that cannot be read or written.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    search: &Search,
    progress: &Progress,
    ck: &Checkpoints,
) -> Result<(Vec<f64>, u32), String> {
    let Search {
        source,
        directed,
        weighted,
    } = *search;
    let n = g.n;
    let mut dist = vec![f64::INFINITY; n];
    let mut active = Vec::new();
    let mut steps = 0;
    if let Some(c) = ck.restore()? {
        fill_f64(&c, &mut dist)?;
        steps = c.superstep as u32;
        active = g
            .owned
            .iter()
            .copied()
            .filter(|&v| dist[v as usize].is_finite())
            .collect();
    } else if (source as usize) < n && g.owned.binary_search(&source).is_ok() {
        dist[source as usize] = 0.0;
        active.push(source);
    }
    let mut best = vec![f64::INFINITY; n];
    let mut woken = vec![false; n];
    let mut step = Superstep::<(u32, f64)>::new(worker);
    loop {
        let mut touched = Vec::new();
        for &u in &active {
            let d = dist[u as usize];
            let mut offer = |targets: &[u32], lengths: &[f64]| -> Result<(), String> {
                for (i, &w) in targets.iter().enumerate() {
                    let len = if weighted { lengths[i] } else { 1.0 };
                    if !(len > 0.0 && len.is_finite()) {
                        return Err(format!(
                            "parameter [weight] is invalid! An edge between vertices {u} and {w} has length {len}, not > 0."
                        ));
                    }
                    let slot = &mut best[w as usize];
                    let candidate = d + len;
                    if candidate < *slot {
                        if slot.is_infinite() {
                            touched.push(w);
                        }
                        *slot = candidate;
                    }
                }
                Ok(())
            };
            offer(g.out.row(u), g.out.row_weights(u))?;
            if let (Some(inc), false) = (&g.inc, directed) {
                offer(inc.row(u), inc.row_weights(u))?;
            }
        }
        let mut out = batches::<(u32, f64)>(g.peers);
        let sent = touched.len();
        for w in touched {
            let d = std::mem::replace(&mut best[w as usize], f64::INFINITY);
            out[g.owner(w) as usize].push((w, d));
        }
        let delivered = step.round(worker, out, &[sent as f64]);
        if delivered.totals[0] == 0.0 {
            // Nobody offered anything: no distance can drop any more.
            return Ok((dist, steps));
        }
        active.clear();
        for (_, offers) in delivered.batches {
            for (w, d) in offers {
                if d < dist[w as usize] {
                    dist[w as usize] = d;
                    if !std::mem::replace(&mut woken[w as usize], true) {
                        active.push(w);
                    }
                }
            }
        }
        for &w in &active {
            woken[w as usize] = false;
        }
        steps += 1;
        progress.step(u64::from(steps), 0);
        ck.after(
            u64::from(steps),
            || ShardValues::F64(owned_values(g, &dist)),
            0.0,
        )?;
    }
}
