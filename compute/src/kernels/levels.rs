//! BFS levels from one source, at most `k` hops, along out-edges, in-edges or both: what
//! `k_hop` lists (levels in order, the source excluded) once the node has merged the levels.

use engine::distributed::Mode;
use timely::worker::Worker;

use super::{Progress, batches};
use crate::bsp::{AllReduce, Channel};
use crate::part::LocalGraph;

/// Each vertex's level (`u32::MAX`: not reached within `k`), meaningful at the owned
/// vertices, and the supersteps run.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    source: u32,
    k: u32,
    mode: Mode,
    progress: &Progress,
) -> (Vec<u32>, u32) {
    let n = g.n;
    let mut level = vec![u32::MAX; n];
    let mut frontier = Vec::new();
    if (source as usize) < n && g.owned.binary_search(&source).is_ok() {
        level[source as usize] = 0;
        frontier.push(source);
    }
    let mut channel = Channel::<Vec<u32>>::new(worker);
    let mut reduce = AllReduce::new(worker);
    let mut sent = vec![false; n];
    let empty: &[u32] = &[];
    let mut steps = 0;
    for depth in 1..=k {
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
        for list in &out {
            for &w in list {
                sent[w as usize] = false;
            }
        }
        let sends = out
            .into_iter()
            .enumerate()
            .filter(|(_, v)| !v.is_empty())
            .map(|(d, v)| (d as u32, v));
        frontier.clear();
        for (_, reached) in channel.round(worker, sends) {
            for w in reached {
                if level[w as usize] == u32::MAX {
                    level[w as usize] = depth;
                    frontier.push(w);
                }
            }
        }
        steps = depth;
        progress.step(u64::from(depth), u64::from(k));
        if reduce.sum(worker, &[frontier.len() as f64])[0] == 0.0 {
            break;
        }
    }
    (level, steps)
}
