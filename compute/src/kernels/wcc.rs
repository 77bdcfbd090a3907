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

/// Labels of the owned vertices (by local index) and the supersteps run. Restored from a
/// checkpoint, every owned vertex offers its label again: labels only ever drop, so the end
/// is the same.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    progress: &Progress,
    ck: &Checkpoints,
) -> Result<(Vec<u32>, u32), String> {
    let m = g.owned.len();
    let mut labels: Vec<u32> = g.owned.clone();
    // The smallest label offered to each neighbour this superstep, by slot.
    let mut best = vec![u32::MAX; g.targets.len()];
    let mut active: Vec<u32> = (0..m as u32).collect();
    let mut woken = vec![false; m];
    let mut step = Superstep::<(u32, u32)>::new(worker);
    let mut steps = 0;
    if let Some(c) = ck.restore()? {
        fill_u32(&c, g, &mut labels)?;
        steps = c.superstep as u32;
    }
    let inc = g.inc.as_ref().expect("components load the in-edges");
    loop {
        let mut touched = Vec::new();
        for &i in &active {
            let l = labels[i as usize];
            for &w in g.out.row(i).iter().chain(inc.row(i)) {
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
        for s in touched {
            let l = std::mem::replace(&mut best[s as usize], u32::MAX);
            let (to, w) = g.target(s);
            out[to as usize].push((w, l));
        }
        let delivered = step.round(worker, out, &[sent as f64]);
        if delivered.totals[0] == 0.0 {
            // Nobody offered anything: no label can drop any more.
            return Ok((labels, steps));
        }
        active.clear();
        for (_, heard) in delivered.batches {
            for (w, l) in heard {
                let i = g.local(w)?;
                if l < labels[i as usize] {
                    labels[i as usize] = l;
                    if !std::mem::replace(&mut woken[i as usize], true) {
                        active.push(i);
                    }
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
            || ShardValues::U32(owned_values(g, &labels)),
            0.0,
        )?;
    }
}
