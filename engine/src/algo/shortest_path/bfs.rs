//! Unweighted shortest path: bidirectional BFS.

use super::NONE;
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// Visits the neighbours of `v` in the search direction (`forward` from the source, else
/// towards the target).
fn for_each_neighbor(g: &Graph, v: u32, forward: bool, directed: bool, mut f: impl FnMut(u32)) {
    if !directed || forward {
        g.out_neighbors(v).iter().for_each(|&w| f(w));
    }
    if !directed || !forward {
        g.in_neighbors(v).iter().for_each(|&w| f(w));
    }
}

/// A fewest-hops path from `s` to `t` (both included), `None` if `t` is unreachable.
///
/// # Errors
/// [`Cancelled`] if the job was cancelled (checked before every level).
///
/// # Complexity
/// O(n + m) worst case; usually far less, as both searches meet in the middle.
///
/// # Example
/// ```
/// use engine::algo::shortest_path::bfs_path;
/// use engine::graph::Graph;
/// use engine::job::control::JobControl;
/// let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 3), (0, 3)]);
/// assert_eq!(bfs_path(&g, 0, 3, true, &JobControl::new()).unwrap(), Some(vec![0, 3]));
/// ```
pub fn bfs_path(
    g: &Graph,
    s: u32,
    t: u32,
    directed: bool,
    ctl: &JobControl,
) -> Result<Option<Vec<u32>>, Cancelled> {
    bfs_path_between(g, &[s], &[t], directed, ctl)
}

/// A fewest-hops path from any of `sources` to any of `targets` (both ends included), `None`
/// if no target is reachable. A vertex in both sets is a path of its own. Both searches start
/// from all their roots at once, so the cost does not grow with the size of the sets.
///
/// # Errors
/// [`Cancelled`] if the job was cancelled (checked before every level).
///
/// # Complexity
/// O(n + m) worst case.
pub fn bfs_path_between(
    g: &Graph,
    sources: &[u32],
    targets: &[u32],
    directed: bool,
    ctl: &JobControl,
) -> Result<Option<Vec<u32>>, Cancelled> {
    ctl.check()?;
    let n = g.vertex_count();
    let mut parent_f = vec![NONE; n];
    let mut parent_b = vec![NONE; n];
    for &s in sources {
        parent_f[s as usize] = s;
    }
    for &t in targets {
        if parent_f[t as usize] != NONE {
            return Ok(Some(vec![t]));
        }
        parent_b[t as usize] = t;
    }
    let (mut front_f, mut front_b) = (sources.to_vec(), targets.to_vec());
    let mut visited = (sources.len() + targets.len()) as u64;
    while !front_f.is_empty() && !front_b.is_empty() {
        ctl.check()?;
        ctl.set_progress(visited, n as u64);
        let forward = front_f.len() <= front_b.len();
        let (front, mine, theirs) = if forward {
            (&mut front_f, &mut parent_f, &parent_b)
        } else {
            (&mut front_b, &mut parent_b, &parent_f)
        };
        let mut next = Vec::new();
        let mut meet = None;
        'level: for &u in front.iter() {
            let mut found = None;
            for_each_neighbor(g, u, forward, directed, |w| {
                if found.is_none() && mine[w as usize] == NONE {
                    mine[w as usize] = u;
                    next.push(w);
                    if theirs[w as usize] != NONE {
                        found = Some(w);
                    }
                }
            });
            if found.is_some() {
                meet = found;
                break 'level;
            }
        }
        if let Some(w) = meet {
            let mut path = walk(&parent_f, w);
            path.reverse();
            path.extend(walk(&parent_b, w).into_iter().skip(1));
            return Ok(Some(path));
        }
        visited += next.len() as u64;
        *front = next;
    }
    Ok(None)
}

/// `w` and its ancestors up to the root of `parent`.
pub(super) fn walk(parent: &[u32], mut w: u32) -> Vec<u32> {
    let mut out = vec![w];
    while parent[w as usize] != w {
        w = parent[w as usize];
        out.push(w);
    }
    out
}
