//! Label propagation, synchronous: every superstep, every vertex adopts the label with the most
//! votes among its neighbours' labels of the previous superstep.
//!
//! The single-node kernel (`engine::algo::label_propagation`) is asynchronous, each update
//! seeing the labels already updated in the same sweep, in a pseudo-random order; a group
//! exchanging labels once per superstep cannot reproduce that. This kernel computes the
//! synchronous variant `engine::algo::label_propagation::synchronous` defines and runs
//! sequentially, with exactly the same labels and supersteps:
//! - superstep 0: every vertex's label is its own id;
//! - superstep k: each vertex takes the label with the most votes among its neighbours'
//!   labels of superstep k − 1, over both edge directions (one vote per edge end, parallel
//!   edges each), weighted by the partition's weights when `weight` is given (missing values
//!   count 1, values must be ≥ 0), self-loops ignored, **its own label voting too with weight
//!   `OWN_VOTE` (1)**, so that two neighbours cannot swap labels forever; ties go to the
//!   smallest label; a label's weights are added sorted (`engine::algo::label_propagation::
//!   winner`), so the sums do not depend on how the edges are split among processes;
//! - the run stops after the first superstep that changed fewer than `convergence` × n labels
//!   (or none), or after `max_iterations`;
//! - the node names each community after its smallest vertex, as the local kernel does.
//!
//! On graphs with clear communities (cliques joined by single edges) the synchronous and the
//! asynchronous runs find the same communities; on others they may differ, as two
//! asynchronous runs in different orders would.
//!
//! With seeds (`initial`), as the reference defines them: the node puts each process's share of
//! the seeded vertices beside the shards (`engine::distributed::seeds`); a seeded vertex keeps
//! its seed label, the others start with none (`u32::MAX`), vote only with a label they have,
//! and hear only the labels their neighbours have; the convergence share is of the unseeded
//! vertices.
//!
//! Each superstep the vertices whose label changed (all of them in the first) tell the owners
//! of their neighbours, once per process; a process keeps the latest label heard of each
//! neighbour by slot and recounts every owned vertex's votes from those. The number of labels
//! changed in superstep k travels with the messages of superstep k + 1, so every process stops
//! at the same superstep.

use engine::algo::label_propagation::{OWN_VOTE, winner};
use engine::distributed::ShardValues;
use timely::worker::Worker;

use super::resume::{Checkpoints, fill_u32};
use super::{OncePerPeer, Progress, batches, owned_values};
use crate::bsp::Superstep;
use crate::part::LocalGraph;

/// The kernel's parameters (see `engine::algo::label_propagation::LabelPropagationConfig`).
pub(crate) struct Config {
    pub(crate) convergence: f64,
    pub(crate) max_iterations: u32,
    pub(crate) weighted: bool,
    /// This process's `(vertex, seed label)` pairs and the number of seeded vertices in the
    /// whole graph; `None`: no seeds.
    pub(crate) seeds: Option<(Vec<(u32, u32)>, u64)>,
}

/// No label (yet): an unseeded vertex no seed has reached.
const NONE: u32 = u32::MAX;

/// The owned vertices' final labels (by local index) and the supersteps run. Restored from a
/// checkpoint of superstep c, the labels are superstep c's, every process sends all of them
/// again (its neighbours' owners start with no label known), and the number of labels
/// superstep c changed, kept in the checkpoint, decides whether the run goes on, as it did.
///
/// # Errors
/// A vote weight below 0 or not finite; a checkpoint that cannot be read or written.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    cfg: &Config,
    progress: &Progress,
    ck: &Checkpoints,
) -> Result<(Vec<u32>, u32), String> {
    let m = g.owned.len();
    let inc = g
        .inc
        .as_ref()
        .expect("label propagation loads the in-edges");
    // Only the process holding a bad edge refuses it: it ends at once, and with it the group
    // (`crate::worker`'s `give_up`).
    check_weights(g, cfg.weighted)?;
    let (mut labels, fixed, updating) = match &cfg.seeds {
        None => (g.owned.clone(), vec![false; m], g.n as f64),
        Some((share, seeded)) => {
            let mut labels = vec![NONE; m];
            let mut fixed = vec![false; m];
            for &(v, l) in share {
                let i = g.local(v)? as usize;
                labels[i] = l;
                fixed[i] = true;
            }
            (labels, fixed, g.n as f64 - *seeded as f64)
        }
    };
    let mut steps = 0u32;
    // This process's count of labels the last superstep changed (none before the first).
    let mut local_changed = 0.0;
    if let Some(c) = ck.restore()? {
        fill_u32(&c, g, &mut labels)?;
        steps = c.superstep as u32;
        local_changed = c.delta;
    }
    // The latest label heard of each neighbour, by slot.
    let mut known = vec![NONE; g.targets.len()];
    // A vertex without a label has nothing to tell.
    let mut changed: Vec<u32> = (0..m as u32)
        .filter(|&i| labels[i as usize] != NONE)
        .collect();
    let mut once = OncePerPeer::new(g.peers);
    let mut votes = Vec::new();
    let mut next = labels.clone();
    let mut step = Superstep::<(u32, u32)>::new(worker);
    loop {
        let mut out = batches::<(u32, u32)>(g.peers);
        for &i in &changed {
            let v = g.owned[i as usize];
            for &s in g.out.row(i).iter().chain(inc.row(i)) {
                let (to, _) = g.target(s);
                if once.first(to, i) {
                    out[to as usize].push((v, labels[i as usize]));
                }
            }
        }
        once.reset();
        let delivered = step.round(worker, out, &[local_changed]);
        let total_changed = delivered.totals[0];
        if steps > 0 && (total_changed == 0.0 || total_changed < cfg.convergence * updating) {
            return Ok((labels, steps));
        }
        if steps >= cfg.max_iterations {
            return Ok((labels, steps));
        }
        for (_, heard) in delivered.batches {
            for (u, l) in heard {
                known[g.slot(u)?] = l;
            }
        }
        changed.clear();
        for i in 0..m as u32 {
            if fixed[i as usize] {
                continue;
            }
            let me = g.owned[i as usize];
            let own = labels[i as usize];
            votes.clear();
            if own != NONE {
                votes.push((own, OWN_VOTE));
            }
            for adjacency in [&g.out, inc] {
                let weights = adjacency.row_weights(i);
                for (k, &s) in adjacency.row(i).iter().enumerate() {
                    let heard = known[s as usize];
                    if g.targets[s as usize] != me && heard != NONE {
                        let w = if cfg.weighted { weights[k] } else { 1.0 };
                        votes.push((heard, w));
                    }
                }
            }
            // No vote at all: still no label.
            let l = winner(&mut votes);
            if l != labels[i as usize] {
                changed.push(i);
            }
            next[i as usize] = l;
        }
        std::mem::swap(&mut labels, &mut next);
        local_changed = changed.len() as f64;
        steps += 1;
        progress.step(u64::from(steps), u64::from(cfg.max_iterations));
        ck.after(
            u64::from(steps),
            || ShardValues::U32(owned_values(g, &labels)),
            local_changed,
        )?;
    }
}

/// Refuses a negative or non-finite vote weight on the process's edges, as the local kernel
/// does (each edge is checked by its source's owner).
fn check_weights(g: &LocalGraph, weighted: bool) -> Result<(), String> {
    if !weighted {
        return Ok(());
    }
    for i in 0..g.owned.len() as u32 {
        for (&s, &w) in g.out.row(i).iter().zip(g.out.row_weights(i)) {
            if !(w >= 0.0 && w.is_finite()) {
                return Err(format!(
                    "parameter [weight] is invalid! Edge weights must be >= 0, found {w} on an edge between vertices {} and {}.",
                    g.owned[i as usize], g.targets[s as usize]
                ));
            }
        }
    }
    Ok(())
}
