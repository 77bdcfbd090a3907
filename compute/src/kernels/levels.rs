//! BFS levels from one source, at most `k` hops, along out-edges, in-edges or both: what
//! `k_hop` lists (levels in order, the source excluded) once the node has merged the levels.

use engine::distributed::{Mode, ShardValues};
use timely::worker::Worker;

use super::resume::{Checkpoints, fill_u32};
use super::{Progress, batches, owned_values};
use crate::bsp::Superstep;
use crate::part::LocalGraph;

/// Each vertex's level (`u32::MAX`: not reached within `k`), meaningful at the owned
/// vertices, and the supersteps run, from `(source, k, mode)`. Restored from a checkpoint of
/// superstep `d`, the frontier is the owned vertices at level `d`.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    (source, k, mode): (u32, u32, Mode),
    progress: &Progress,
    ck: &Checkpoints,
) -> Result<(Vec<u32>, u32), String> {
    let n = g.n;
    let mut level = vec![u32::MAX; n];
    let mut frontier = Vec::new();
    let mut first = 1;
    if let Some(c) = ck.restore()? {
        fill_u32(&c, &mut level)?;
        let d = c.superstep as u32;
        frontier = g
            .owned
            .iter()
            .copied()
            .filter(|&v| level[v as usize] == d)
            .collect();
        first = d + 1;
    } else if (source as usize) < n && g.owned.binary_search(&source).is_ok() {
        level[source as usize] = 0;
        frontier.push(source);
    }
    let mut step = Superstep::<u32>::new(worker);
    let mut sent = vec![false; n];
    let empty: &[u32] = &[];
    let mut steps = first - 1;
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
            for &w in forward.iter().chain(backward) {
                if level[w as usize] == u32::MAX && !sent[w as usize] {
                    sent[w as usize] = true;
                    out[g.owner(w) as usize].push(w);
                }
            }
        }
        let mut sent_now = 0;
        for list in &out {
            sent_now += list.len();
            for &w in list {
                sent[w as usize] = false;
            }
        }
        let delivered = step.round(worker, out, &[sent_now as f64]);
        if delivered.totals[0] == 0.0 {
            // No frontier anywhere reached a new vertex.
            break;
        }
        frontier.clear();
        for (_, reached) in delivered.batches {
            for w in reached {
                if level[w as usize] == u32::MAX {
                    level[w as usize] = depth;
                    frontier.push(w);
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
