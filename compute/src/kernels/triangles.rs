//! Triangles through each vertex, on the undirected simple view (distinct neighbours over both
//! directions, self-loops ignored), as `engine::algo::triangle_count` counts them.
//!
//! Every edge is oriented from the endpoint of lower to higher `(degree, id)`, so each
//! triangle `u → v → w` (with `u → w`) shows once: where `v`'s forward list meets `u`'s. Three
//! supersteps:
//! 1. each vertex tells its neighbours' owners its degree;
//! 2. each vertex `u` sends its forward list, once per process owning a vertex of it;
//! 3. each process intersects, for every list received and every owned `v` in it, the rest of
//!    `u`'s list with `v`'s own forward list, and sends one count for each of the triangle's
//!    three corners to the corner's owner.
//!
//! Not iterative: a retry runs it again from the start (nothing is checkpointed).

use std::collections::HashMap;

use engine::distributed::ShardValues;
use timely::worker::Worker;

use super::simple_view::SimpleView;
use super::{OncePerPeer, Progress, batches};
use crate::bsp::Superstep;
use crate::part::LocalGraph;

/// Supersteps of a run.
const STEPS: u64 = 3;

/// The triangles through each owned vertex, by local index.
pub(crate) fn run(
    worker: &mut Worker,
    g: &LocalGraph,
    progress: &Progress,
) -> Result<Vec<u64>, String> {
    let view = SimpleView::build(g)?;
    let m = g.owned.len();
    let rank = |degree: u32, v: u32| (degree, v);

    // 1. Degrees: every neighbour's, by slot.
    let mut degrees = Superstep::<(u32, u32)>::new(worker);
    let mut out = batches::<(u32, u32)>(g.peers);
    let mut once = OncePerPeer::new(g.peers);
    for i in 0..m as u32 {
        let v = g.owned[i as usize];
        let degree = view.row(i).len() as u32;
        for &s in view.row(i) {
            let (to, _) = g.target(s);
            if once.first(to, i) {
                out[to as usize].push((v, degree));
            }
        }
    }
    let mut degree_of = vec![0u32; g.targets.len()];
    for (_, heard) in degrees.round(worker, out, &[]).batches {
        for (u, d) in heard {
            degree_of[g.slot(u)?] = d;
        }
    }
    progress.step(1, STEPS);

    // 2. Forward lists, as ids ascending.
    let forward: Vec<Vec<u32>> = (0..m as u32)
        .map(|i| {
            let me = rank(view.row(i).len() as u32, g.owned[i as usize]);
            let mut ids: Vec<u32> = view
                .row(i)
                .iter()
                .filter(|&&s| rank(degree_of[s as usize], g.targets[s as usize]) > me)
                .map(|&s| g.targets[s as usize])
                .collect();
            ids.sort_unstable();
            ids
        })
        .collect();
    let mut lists = Superstep::<(u32, Vec<u32>)>::new(worker);
    let mut out = batches::<(u32, Vec<u32>)>(g.peers);
    once.reset();
    for (i, ids) in forward.iter().enumerate() {
        for &w in ids {
            let to = g.owner(w);
            if once.first(to, i as u32) {
                out[to as usize].push((g.owned[i], ids.clone()));
            }
        }
    }
    let received = lists.round(worker, out, &[]).batches;
    progress.step(2, STEPS);

    // 3. Intersections, each triangle's three corners counted at their owners.
    let mut counts: Vec<HashMap<u32, u64>> = (0..g.peers).map(|_| HashMap::new()).collect();
    for (_, heard) in received {
        for (u, ids) in heard {
            for &v in &ids {
                let Some(i) = g.local_of(v) else { continue };
                // `w` follows `v` in the order: the triangle is found here only.
                for w in intersect(&ids, &forward[i as usize]) {
                    for corner in [u, v, w] {
                        *counts[g.owner(corner) as usize].entry(corner).or_default() += 1;
                    }
                }
            }
        }
    }
    let out: Vec<Vec<(u32, u64)>> = counts
        .into_iter()
        .map(|c| c.into_iter().collect())
        .collect();
    let mut tallies = Superstep::<(u32, u64)>::new(worker);
    let mut through = vec![0u64; m];
    for (_, heard) in tallies.round(worker, out, &[]).batches {
        for (v, c) in heard {
            through[g.local(v)? as usize] += c;
        }
    }
    progress.step(STEPS, STEPS);
    Ok(through)
}

/// The ids in both ascending lists.
fn intersect<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(a[i - 1]);
                }
            }
        }
        None
    })
}

/// The shard of a run: each owned vertex's triangles.
pub(crate) fn shard_values(g: &LocalGraph, through: &[u64]) -> ShardValues {
    ShardValues::U64(g.owned.iter().zip(through).map(|(&v, &c)| (v, c)).collect())
}

#[cfg(test)]
mod tests {
    use super::intersect;

    #[test]
    fn intersect_keeps_the_common_ids_in_order() {
        let got: Vec<u32> = intersect(&[1, 3, 5, 9], &[2, 3, 4, 9, 10]).collect();
        assert_eq!(got, [3, 9]);
        assert_eq!(intersect(&[], &[1]).count(), 0);
    }
}
