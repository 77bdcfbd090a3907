//! Fewest-hops path inside a [`Mask`]: a breadth-first search from every source at once that
//! only steps along the edges the mask keeps onto the vertices it keeps. The mask is a time
//! window (see [`crate::algo::time_window`]) or the filters of `filtered_shortest_path` (see
//! [`crate::algo::path_filter`]).

use super::NONE;
use super::bfs::walk;
use crate::algo::traversal::Mask;
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// A fewest-hops path from any kept vertex of `sources` to any kept vertex of `targets` using
/// only kept edges, `None` if there is none. Ties go to the lowest edge index, so the same
/// inputs give the same path.
///
/// # Errors
/// [`Cancelled`] if the job was cancelled (checked before every level).
///
/// # Complexity
/// O(n + m).
pub fn windowed_path(
    g: &Graph,
    sources: &[u32],
    targets: &[u32],
    directed: bool,
    mask: &Mask,
    ctl: &JobControl,
) -> Result<Option<Vec<u32>>, Cancelled> {
    ctl.check()?;
    let n = g.vertex_count();
    let mut is_target = vec![false; n];
    for &t in targets.iter().filter(|&&t| mask.vertex(t)) {
        is_target[t as usize] = true;
    }
    let mut parent = vec![NONE; n];
    let mut front = Vec::new();
    for &s in sources.iter().filter(|&&s| mask.vertex(s)) {
        if is_target[s as usize] {
            return Ok(Some(vec![s]));
        }
        if parent[s as usize] == NONE {
            parent[s as usize] = s;
            front.push(s);
        }
    }
    let mut seen = front.len() as u64;
    while !front.is_empty() {
        ctl.check()?;
        ctl.set_progress(seen, n as u64);
        let mut next = Vec::new();
        for &u in &front {
            let out = g
                .out_neighbors(u)
                .iter()
                .zip(g.out_edge_range(u))
                .map(|(&w, k)| (w, k));
            let inc = g
                .in_neighbors(u)
                .iter()
                .zip(g.in_edge_ids(u))
                .map(|(&w, &k)| (w, k as usize))
                .filter(|_| !directed);
            for (w, k) in out.chain(inc) {
                if parent[w as usize] != NONE || !mask.edge(k) || !mask.vertex(w) {
                    continue;
                }
                parent[w as usize] = u;
                if is_target[w as usize] {
                    let mut path = walk(&parent, w);
                    path.reverse();
                    return Ok(Some(path));
                }
                next.push(w);
            }
        }
        seen += next.len() as u64;
        front = next;
    }
    Ok(None)
}
