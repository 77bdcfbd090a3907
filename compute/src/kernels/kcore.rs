//! Core numbers by h-index refinement (Montresor, De Pellegrini and Miorandi, "Distributed
//! k-core decomposition", 2013; Lü et al., "The H-index of a network node", 2016): every
//! vertex starts from its degree and repeatedly lowers its estimate to the h-index of its
//! neighbours' estimates (the largest `h` such that at least `h` neighbours have an estimate
//! of at least `h`). Estimates only drop, and they settle at exactly the coreness, whatever the
//! order of the updates: the answer equals `engine::algo::kcore`'s bucket algorithm's.
//!
//! On the same view as that kernel: distinct neighbours over both edge directions, self-loops
//! ignored. A vertex whose estimate dropped tells the owners of its neighbours, once per
//! process; the run ends in the first superstep in which no estimate dropped anywhere.

use engine::distributed::ShardValues;
use timely::worker::Worker;

use super::resume::{Checkpoints, fill_u32};
use super::simple_view::SimpleView;
use super::{OncePerPeer, Progress, batches, owned_values};
use crate::bsp::Superstep;
use crate::part::LocalGraph;

/// Unknown estimate of a neighbour: above every real one.
const UNKNOWN: u32 = u32::MAX;

/// The owned vertices' core numbers (by local index) and the supersteps run. Restored from a
/// checkpoint, the estimates start from the checkpoint's and every process sends all of them
/// again in the first superstep, as it does from the start: refinement from any upper bound
/// of the coreness ends at the coreness.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    progress: &Progress,
    ck: &Checkpoints,
) -> Result<(Vec<u32>, u32), String> {
    let view = SimpleView::build(g)?.with_owners(g);
    let m = g.owned.len();
    let mut estimate: Vec<u32> = (0..m as u32).map(|i| view.row(i).len() as u32).collect();
    let mut steps = 0;
    if let Some(c) = ck.restore()? {
        fill_u32(&c, g, &mut estimate)?;
        steps = c.superstep as u32;
    }
    // The latest estimate heard of each neighbour, by slot.
    let mut known = vec![UNKNOWN; g.targets.len()];
    let mut changed: Vec<u32> = (0..m as u32).collect();
    let mut dirty = vec![false; m];
    let mut counts = Vec::new();
    let mut once = OncePerPeer::new(g.peers);
    let mut step = Superstep::<(u32, u32)>::new(worker);
    loop {
        let mut out = batches::<(u32, u32)>(g.peers);
        let mut sent = 0usize;
        for &i in &changed {
            let v = g.owned[i as usize];
            for &s in view.row(i) {
                let (to, _) = g.target(s);
                if once.first(to, i) {
                    out[to as usize].push((v, estimate[i as usize]));
                    sent += 1;
                }
            }
        }
        once.reset();
        let delivered = step.round(worker, out, &[sent as f64]);
        if delivered.totals[0] == 0.0 {
            // No estimate dropped anywhere: every one is a core number.
            return Ok((estimate, steps));
        }
        let mut woken = Vec::new();
        for (_, heard) in delivered.batches {
            for (u, e) in heard {
                let s = g.slot(u)?;
                known[s] = e;
                for &i in view.owners_of(s as u32) {
                    if !std::mem::replace(&mut dirty[i as usize], true) {
                        woken.push(i);
                    }
                }
            }
        }
        changed.clear();
        for i in woken {
            dirty[i as usize] = false;
            let h = h_index(view.row(i), &known, estimate[i as usize], &mut counts);
            if h < estimate[i as usize] {
                estimate[i as usize] = h;
                changed.push(i);
            }
        }
        steps += 1;
        progress.step(u64::from(steps), 0);
        ck.after(
            u64::from(steps),
            || ShardValues::U32(owned_values(g, &estimate)),
            0.0,
        )?;
    }
}

/// The largest `h ≤ cap` such that at least `h` of the neighbours (`slots`) have an estimate
/// of at least `h` in `known` (`counts`: scratch space).
fn h_index(slots: &[u32], known: &[u32], cap: u32, counts: &mut Vec<u32>) -> u32 {
    let cap = cap as usize;
    counts.clear();
    counts.resize(cap + 1, 0);
    for &s in slots {
        counts[(known[s as usize] as usize).min(cap)] += 1;
    }
    let mut at_least = 0;
    for h in (1..=cap).rev() {
        at_least += counts[h];
        if at_least >= h as u32 {
            return h as u32;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::h_index;

    #[test]
    fn h_index_is_capped_by_the_estimate_and_counts_unknowns_as_high() {
        let mut scratch = Vec::new();
        // Neighbours' estimates 3, 3, 1, unknown: two of them have at least 2, three have
        // at least 3 only if the unknown counts, which it does (it is above everything).
        let known = [3, 3, 1, u32::MAX];
        assert_eq!(h_index(&[0, 1, 2, 3], &known, 4, &mut scratch), 3);
        assert_eq!(h_index(&[0, 1, 2, 3], &known, 2, &mut scratch), 2);
        assert_eq!(h_index(&[2], &known, 5, &mut scratch), 1);
        assert_eq!(h_index(&[], &known, 0, &mut scratch), 0);
    }
}
