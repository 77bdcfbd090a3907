//! PageRank as `engine::algo::pagerank` computes it (uniform teleport, dangling rank spread
//! uniformly, L1 convergence), pushed instead of pulled.
//!
//! Each process sums its vertices' contributions `rank(u) / degree(u)` per target, and sends
//! each target owner one vector of sums. The targets a process sends to never change, so their
//! ids travel once, in a first round, and every later round carries only the values, in that
//! order. The L1 change and the dangling rank are summed over the processes in the same round
//! (one round per iteration); every process thus sees the same numbers and stops at the same
//! iteration.

use engine::distributed::ShardValues;
use timely::worker::Worker;

use super::resume::{Checkpoints, fill_f64};
use super::{Progress, batches, owned_values};
use crate::bsp::{Channel, Superstep};
use crate::part::LocalGraph;

/// The kernel's parameters (see `engine::algo::pagerank::PageRankConfig`).
pub(crate) struct Config {
    pub(crate) alpha: f64,
    pub(crate) convergence: f64,
    pub(crate) max_iterations: u32,
    pub(crate) directed: bool,
}

/// Ranks of the owned vertices by local index, iterations run, and the last L1 change.
pub(crate) struct Ranks {
    pub(crate) ranks: Vec<f64>,
    pub(crate) iterations: u32,
    pub(crate) delta: f64,
}

/// Runs the iterations (from the checkpoint `ck` restores, if any), checkpointing as `ck` says.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    cfg: &Config,
    progress: &Progress,
    ck: &Checkpoints,
) -> Result<Ranks, String> {
    let n = g.n;
    if n == 0 {
        return Ok(Ranks {
            ranks: Vec::new(),
            iterations: 0,
            delta: 0.0,
        });
    }
    let neighbours = |u: u32| {
        let back = match (&g.inc, cfg.directed) {
            (Some(inc), false) => inc.row(u),
            _ => &[],
        };
        g.out.row(u).iter().chain(back)
    };
    let nf = n as f64;
    let m = g.owned.len();
    let mut inv = vec![0.0f64; m];
    let mut ranks = vec![1.0 / nf; m];
    let mut sent = vec![false; g.targets.len()];
    // The slots each process gets sums for, in sending order, and their ids.
    let mut slots_to = batches::<u32>(g.peers);
    let mut ids_to = batches::<u32>(g.peers);
    for i in 0..m as u32 {
        let degree = neighbours(i).count();
        inv[i as usize] = if degree == 0 {
            0.0
        } else {
            1.0 / degree as f64
        };
        for &s in neighbours(i) {
            if !sent[s as usize] {
                sent[s as usize] = true;
                let (to, v) = g.target(s);
                slots_to[to as usize].push(s);
                ids_to[to as usize].push(v);
            }
        }
    }
    drop(sent);
    // Round 0: which targets each process will receive sums for, in which order.
    let mut ids = Channel::<Vec<u32>>::new(worker);
    let mut sums = Superstep::<f64>::new(worker);
    let announced = ids_to
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(d, v)| (d as u32, v.clone()));
    // Where each process's sums go here: the local indices of the ids it announced.
    let mut ids_from: Vec<Vec<u32>> = batches(g.peers);
    for (from, list) in ids.round(worker, announced) {
        ids_from[from as usize] = list
            .into_iter()
            .map(|v| g.local(v))
            .collect::<Result<_, _>>()?;
    }
    drop(ids_to);
    // This process's share of the last iteration's L1 change (restored with its ranks).
    let (mut local_delta, mut iterations) = (0.0, 0);
    if let Some(c) = ck.restore()? {
        fill_f64(&c, g, &mut ranks)?;
        (local_delta, iterations) = (c.delta, c.superstep as u32);
    }
    let dangling_of = |ranks: &[f64]| {
        (0..m)
            .filter(|&i| inv[i] == 0.0)
            .map(|i| ranks[i])
            .sum::<f64>()
    };
    let mut local_dangling = dangling_of(&ranks);
    // This iteration's sums per neighbour (by slot), and per owned vertex (by local index).
    let mut acc = vec![0.0f64; g.targets.len()];
    let mut total = vec![0.0f64; m];
    let (alpha, mut delta) = (cfg.alpha, f64::INFINITY);
    // Each round carries iteration k's sums and iteration k - 1's L1 change and dangling rank,
    // so the check of iteration k - 1 and the sums of iteration k share a round; past the
    // iteration cap one last round carries only the check.
    loop {
        let more = iterations < cfg.max_iterations;
        let mut out = batches::<f64>(g.peers);
        if more {
            for i in 0..m as u32 {
                let c = ranks[i as usize] * inv[i as usize];
                for &s in neighbours(i) {
                    acc[s as usize] += c;
                }
            }
            for (batch, list) in out.iter_mut().zip(&slots_to) {
                batch.extend(list.iter().map(|&s| std::mem::take(&mut acc[s as usize])));
            }
        }
        let delivered = sums.round(worker, out, &[local_delta, local_dangling]);
        let (last_delta, dangling) = (delivered.totals[0], delivered.totals[1]);
        if iterations > 0 {
            delta = last_delta;
            if delta < cfg.convergence {
                break;
            }
        }
        if !more {
            break;
        }
        for (from, values) in delivered.batches {
            for (&i, x) in ids_from[from as usize].iter().zip(values) {
                total[i as usize] += x;
            }
        }
        let jumping = (1.0 - alpha) + alpha * dangling;
        (local_delta, local_dangling) = (0.0, 0.0);
        for v in 0..m {
            let r = jumping * (1.0 / nf) + alpha * std::mem::take(&mut total[v]);
            local_delta += (r - ranks[v]).abs();
            if inv[v] == 0.0 {
                local_dangling += r;
            }
            ranks[v] = r;
        }
        iterations += 1;
        progress.step(u64::from(iterations), u64::from(cfg.max_iterations));
        let owned = || ShardValues::F64(owned_values(g, &ranks));
        ck.after(u64::from(iterations), owned, local_delta)?;
    }
    Ok(Ranks {
        ranks,
        iterations,
        delta,
    })
}
