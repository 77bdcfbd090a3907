//! BFS levels from one source, at most `k` hops, along out-edges, in-edges or both: what
//! `k_hop` lists (levels in order, the source excluded) once the node has merged the levels.

use engine::distributed::{Mode, ShardValues};
use timely::worker::Worker;

use super::resume::{Checkpoints, fill_u32};
use super::{Progress, batches, owned_values};
use crate::bsp::Superstep;
use crate::part::LocalGraph;

/// The owned vertices' levels by local index (`u32::MAX`: not reached within `k`) and the
/// supersteps run, from `(source, k, mode)`. Restored from a checkpoint of
/// superstep `d`, the frontier is the owned vertices at level `d`.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    (source, k, mode): (u32, u32, Mode),
    progress: &Progress,
    ck: &Checkpoints,
) -> Result<(Vec<u32>, u32), String> {
    let m = g.owned.len();
    let mut level = vec![u32::MAX; m];
    let mut frontier = Vec::new();
    let mut first = 1;
    if let Some(c) = ck.restore()? {
        fill_u32(&c, g, &mut level)?;
        let d = c.superstep as u32;
        frontier = (0..m as u32).filter(|&i| level[i as usize] == d).collect();
        first = d + 1;
    } else if let Some(i) = g.local_of(source) {
        level[i as usize] = 0;
        frontier.push(i);
    }
    // A neighbour this process owns and has already reached is not offered again.
    let reached = |level: &[u32], s: u32| {
        let i = g.target_local[s as usize];
        i != u32::MAX && level[i as usize] != u32::MAX
    };
    let mut step = Superstep::<u32>::new(worker);
    // Neighbours offered this superstep, by slot.
    let mut sent = vec![false; g.targets.len()];
    let empty: &[u32] = &[];
    let mut steps = first - 1;
    let mut touched = Vec::new();
    for depth in first..=k {
        let mut out = batches::<u32>(g.peers);
        for &u in &frontier {
            let forward = if mode == Mode::In {
                empty
            } else {
                g.out.row(u)
            };
            let backward = match (&g.inc, mode) {
                (Some(inc), Mode::In | Mode::All) => inc.row(u),
                _ => empty,
            };
            for &s in forward.iter().chain(backward) {
                if !reached(&level, s) && !sent[s as usize] {
                    sent[s as usize] = true;
                    touched.push(s);
                }
            }
        }
        let sent_now = touched.len();
        for s in touched.drain(..) {
            sent[s as usize] = false;
            let (to, w) = g.target(s);
            out[to as usize].push(w);
        }
        let delivered = step.round(worker, out, &[sent_now as f64]);
        if delivered.totals[0] == 0.0 {
            // No frontier anywhere reached a new vertex.
            break;
        }
        frontier.clear();
        for (_, heard) in delivered.batches {
            for w in heard {
                let i = g.local(w)?;
                if level[i as usize] == u32::MAX {
                    level[i as usize] = depth;
                    frontier.push(i);
                }
            }
        }
        steps = depth;
        progress.step(u64::from(depth), u64::from(k));
        ck.after(
            u64::from(depth),
            || ShardValues::U32(owned_values(g, &level)),
            0.0,
        )?;
    }
    Ok((level, steps))
}
