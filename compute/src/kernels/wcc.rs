//! Weakly connected components by min-label propagation: every vertex starts with its own id
//! and takes the smallest id it hears of, along edges in both directions, until no process has
//! anything to tell. The label is then its component's smallest vertex id: the representative
//! `engine::algo::connected_component` reports.

use engine::distributed::ShardValues;
use timely::worker::Worker;

use super::resume::{Checkpoints, fill_u32};
use super::{Progress, batches, owned_values};
use crate::bsp::Superstep;
use crate::part::LocalGraph;

/// Labels (meaningful at the owned vertices) and the supersteps run. Restored from a
/// checkpoint, every owned vertex offers its label again: labels only ever drop, so the end
/// is the same.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    progress: &Progress,
    ck: &Checkpoints,
) -> Result<(Vec<u32>, u32), String> {
    let n = g.n;
    let mut labels: Vec<u32> = (0..n as u32).collect();
    let mut best = vec![u32::MAX; n];
    let mut active: Vec<u32> = g.owned.clone();
    let mut woken = vec![false; n];
    let mut step = Superstep::<(u32, u32)>::new(worker);
    let mut steps = 0;
    if let Some(c) = ck.restore()? {
        fill_u32(&c, &mut labels)?;
        steps = c.superstep as u32;
    }
    let inc = g.inc.as_ref().expect("components load the in-edges");
    loop {
        let mut touched = Vec::new();
        for &u in &active {
            let l = labels[u as usize];
            for &w in g.out.row(u).iter().chain(inc.row(u)) {
                let slot = &mut best[w as usize];
                if l < *slot {
                    if *slot == u32::MAX {
                        touched.push(w);
                    }
                    *slot = l;
                }
            }
        }
        let mut out = batches::<(u32, u32)>(g.peers);
        let sent = touched.len();
        for w in touched {
            let l = std::mem::replace(&mut best[w as usize], u32::MAX);
            out[g.owner(w) as usize].push((w, l));
        }
        let delivered = step.round(worker, out, &[sent as f64]);
        if delivered.totals[0] == 0.0 {
            // Nobody offered anything: no label can drop any more.
            return Ok((labels, steps));
        }
        active.clear();
        for (_, heard) in delivered.batches {
            for (w, l) in heard {
                if l < labels[w as usize] {
                    labels[w as usize] = l;
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
            || ShardValues::U32(owned_values(g, &labels)),
            0.0,
        )?;
    }
}
