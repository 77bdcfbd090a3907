//! Brandes' algorithm, shared by `betweenness` and `edge_betweenness`.
//!
//! For each source: a BFS (or, with lengths, Dijkstra) counts the shortest paths `σ` to every
//! vertex and records the order vertices were settled in; walking that order backwards, each
//! vertex passes `σ(v)/σ(w) · (1 + δ(w))` to every predecessor `v` (a neighbour one step
//! closer), which is both `v`'s dependency share and the credit of the edge between them.
//! Predecessors are recognised by distance (`d(v) + len = d(w)`, the same float operation as
//! the forward pass), so no predecessor lists are stored.
//!
//! With a demand per vertex ([`Search::demand`]) a path to `w` counts `demand(w)` instead of 1:
//! OD betweenness, where only the listed destinations (or, walking edges backwards, origins)
//! count.
//!
//! Vertex betweenness by hop count (no lengths, no edge credit) takes its own leaner pass
//! (`hops.rs`).
//!
//! Sources run in parallel on rayon; each worker thread keeps one set of buffers and its own
//! accumulators, which are summed at the end (so results may differ in the last bits between
//! runs). Buffers are reset only where a search touched them, so sampled sources cost
//! O(visited) each, not O(n). Each stored edge is a separate link: parallel edges split the
//! paths between them.

use std::collections::BinaryHeap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::algo::k_hop::Direction;
use crate::algo::sssp::Key;
use crate::algo::traversal::reverse;
use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};

/// Sums of dependencies over the sources.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dependencies {
    /// Per vertex (endpoints excluded).
    pub(crate) vertex: Vec<f64>,
    /// Per out-edge index; empty unless edges were asked for.
    pub(crate) edge: Vec<f64>,
}

/// Runs Brandes from every vertex of `sources`.
///
/// # Arguments
/// `dir` is `Out` (directed) or `All`; `lengths` gives each out-edge's length (> 0) or `None`
/// for hop counts; `edges` also accumulates per-edge credit.
///
/// # Errors
/// [`Cancelled`], checked before every source.
///
/// # Complexity
/// O(|sources| · m) unweighted, O(|sources| · m log n) weighted; parallel over sources;
/// O(threads · (n + m)) memory.
pub(crate) fn dependencies(
    g: &Graph,
    sources: &[u32],
    dir: Direction,
    lengths: Option<&[f64]>,
    edges: bool,
    ctl: &JobControl,
) -> Result<Dependencies, Cancelled> {
    if lengths.is_none() && !edges {
        let vertex = super::hops::dependencies(g, sources, dir, ctl)?;
        return Ok(Dependencies {
            vertex,
            edge: Vec::new(),
        });
    }
    run(g, &Search::plain(sources, dir), lengths, edges, ctl)
}

/// One Brandes search: from `source` along `dir` (`In` walks edges backwards: the paths *to*
/// `source`); with `demand`, only paths to (or from) the listed vertices count, each weighted
/// by its demand, instead of every vertex with weight 1 (OD betweenness).
#[derive(Debug, Clone)]
pub(crate) struct Search<'a> {
    pub(crate) source: u32,
    pub(crate) dir: Direction,
    pub(crate) demand: Option<&'a [(u32, f64)]>,
}

impl Search<'_> {
    /// One search per source along `dir`, every vertex counting 1 (plain betweenness).
    pub(crate) fn plain(sources: &[u32], dir: Direction) -> Vec<Self> {
        sources
            .iter()
            .map(|&source| Search {
                source,
                dir,
                demand: None,
            })
            .collect()
    }
}

/// Runs every search of `searches` in parallel and sums their dependencies.
///
/// # Errors
/// [`Cancelled`], checked before every search.
pub(crate) fn run(
    g: &Graph,
    searches: &[Search<'_>],
    lengths: Option<&[f64]>,
    edges: bool,
    ctl: &JobControl,
) -> Result<Dependencies, Cancelled> {
    let n = g.vertex_count();
    let m = if edges { g.edge_count() } else { 0 };
    let states: Vec<Mutex<State>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::new(State::new(n, m)))
        .collect();
    let done = AtomicU64::new(0);
    let total = searches.len() as u64;
    searches.par_iter().try_for_each(|search| {
        ctl.check()?;
        let i = rayon::current_thread_index().unwrap_or(0) % states.len();
        let mut state = states[i].lock().unwrap_or_else(|e| e.into_inner());
        state.run(g, search, lengths, edges);
        drop(state);
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        ctl.set_progress(finished, total);
        Ok(())
    })?;
    let mut sum = Dependencies {
        vertex: vec![0.0; n],
        edge: vec![0.0; m],
    };
    for state in states {
        let state = state.into_inner().unwrap_or_else(|e| e.into_inner());
        for (a, b) in sum.vertex.iter_mut().zip(&state.vertex) {
            *a += b;
        }
        for (a, b) in sum.edge.iter_mut().zip(&state.edge) {
            *a += b;
        }
    }
    Ok(sum)
}

/// One worker's buffers and accumulators.
struct State {
    /// Distances (allocated on first use).
    dist: Vec<f64>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    settled: Vec<bool>,
    order: Vec<u32>,
    heap: BinaryHeap<std::cmp::Reverse<(Key, u32)>>,
    /// Per vertex: what a path ending there counts (1 for plain betweenness).
    demand: Vec<f64>,
    vertex: Vec<f64>,
    edge: Vec<f64>,
}

impl State {
    fn new(n: usize, m: usize) -> Self {
        Self {
            dist: Vec::new(),
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            settled: Vec::new(),
            order: Vec::new(),
            heap: BinaryHeap::new(),
            demand: vec![1.0; n],
            vertex: vec![0.0; n],
            edge: vec![0.0; m],
        }
    }

    fn run(&mut self, g: &Graph, search: &Search<'_>, lengths: Option<&[f64]>, edges: bool) {
        let (s, dir) = (search.source, search.dir);
        let n = self.sigma.len();
        if let Some(demand) = search.demand {
            self.demand.iter_mut().for_each(|d| *d = 0.0);
            for &(v, d) in demand {
                self.demand[v as usize] += d;
            }
        }
        if self.dist.is_empty() {
            self.dist = vec![f64::INFINITY; n];
            self.settled = vec![false; n];
        }
        match lengths {
            None => self.bfs(g, s, dir),
            Some(len) => self.dijkstra(g, s, dir, len),
        }
        self.accumulate(g, s, dir, lengths, edges);
        for &v in &self.order {
            let v = v as usize;
            self.dist[v] = f64::INFINITY;
            self.sigma[v] = 0.0;
            self.delta[v] = 0.0;
            self.settled[v] = false;
        }
        self.order.clear();
        if search.demand.is_some() {
            self.demand.iter_mut().for_each(|d| *d = 1.0);
        }
    }

    /// Shortest-path counts by hops; `order` doubles as the BFS queue.
    fn bfs(&mut self, g: &Graph, s: u32, dir: Direction) {
        self.dist[s as usize] = 0.0;
        self.sigma[s as usize] = 1.0;
        self.order.push(s);
        let mut head = 0;
        while let Some(&v) = self.order.get(head) {
            head += 1;
            let (dv, sv) = (self.dist[v as usize], self.sigma[v as usize]);
            for_each_edge(g, v, dir, |w, _| {
                let dw = &mut self.dist[w as usize];
                if *dw == f64::INFINITY {
                    *dw = dv + 1.0;
                    self.order.push(w);
                }
                if *dw == dv + 1.0 {
                    self.sigma[w as usize] += sv;
                }
            });
        }
    }

    /// Shortest-path counts by length; `order` is the settling order.
    fn dijkstra(&mut self, g: &Graph, s: u32, dir: Direction, len: &[f64]) {
        self.dist[s as usize] = 0.0;
        self.sigma[s as usize] = 1.0;
        self.heap.push(std::cmp::Reverse((Key(0.0), s)));
        while let Some(std::cmp::Reverse((Key(d), v))) = self.heap.pop() {
            if self.settled[v as usize] {
                continue;
            }
            self.settled[v as usize] = true;
            self.order.push(v);
            let sv = self.sigma[v as usize];
            let (dist, sigma, heap) = (&mut self.dist, &mut self.sigma, &mut self.heap);
            for_each_edge(g, v, dir, |w, k| {
                let nd = d + len[k];
                let dw = &mut dist[w as usize];
                if nd < *dw {
                    *dw = nd;
                    sigma[w as usize] = sv;
                    heap.push(std::cmp::Reverse((Key(nd), w)));
                } else if nd == *dw {
                    sigma[w as usize] += sv;
                }
            });
        }
    }

    /// The backward pass: dependencies in reverse settling order.
    fn accumulate(
        &mut self,
        g: &Graph,
        s: u32,
        dir: Direction,
        lengths: Option<&[f64]>,
        edges: bool,
    ) {
        let back = reverse(dir);
        for &w in self.order.iter().rev() {
            let dw = self.dist[w as usize];
            let coeff = (self.demand[w as usize] + self.delta[w as usize]) / self.sigma[w as usize];
            let (dist, sigma, delta, edge) =
                (&self.dist, &self.sigma, &mut self.delta, &mut self.edge);
            for_each_edge(g, w, back, |v, k| {
                let step = lengths.map_or(1.0, |len| len[k]);
                if dist[v as usize] + step == dw {
                    let c = sigma[v as usize] * coeff;
                    delta[v as usize] += c;
                    if edges {
                        edge[k] += c;
                    }
                }
            });
            if w != s {
                self.vertex[w as usize] += self.delta[w as usize];
            }
        }
    }
}

/// Calls `f(neighbour, out-edge index)` for every edge of `v` along `dir`.
#[inline]
fn for_each_edge(g: &Graph, v: u32, dir: Direction, mut f: impl FnMut(u32, usize)) {
    if dir != Direction::In {
        for (k, &w) in g.out_edge_range(v).zip(g.out_neighbors(v)) {
            f(w, k);
        }
    }
    if dir != Direction::Out {
        for (&k, &w) in g.in_edge_ids(v).iter().zip(g.in_neighbors(v)) {
            f(w, k as usize);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deps(g: &Graph, dir: Direction, lengths: Option<&[f64]>) -> Dependencies {
        let all: Vec<u32> = (0..g.vertex_count() as u32).collect();
        dependencies(g, &all, dir, lengths, true, &JobControl::new()).unwrap()
    }

    #[test]
    fn a_directed_path() {
        // 0 -> 1 -> 2: 1 lies on the one path 0 ~> 2. Edge 0->1 carries 0->1 and 0->2, edge
        // 1->2 carries 1->2 and 0->2.
        let g = Graph::from_edges(3, &[(0, 1), (1, 2)]);
        let d = deps(&g, Direction::Out, None);
        assert_eq!(d.vertex, [0.0, 1.0, 0.0]);
        assert_eq!(d.edge, [2.0, 2.0]);
    }

    #[test]
    fn a_square_splits_paths_and_weights_reroute_them() {
        // Undirected square 0-1-3, 0-2-3 (edge ids in CSR order: 0->1, 0->2, 1->3, 2->3).
        let g =
            Graph::from_weighted_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (1, 3, 1.0), (2, 3, 5.0)]);
        let d = deps(&g, Direction::All, None);
        // Each of 1 and 2 carries half of 0~3 in both directions: 0.5 · 2.
        assert_eq!(d.vertex, [1.0, 1.0, 1.0, 1.0]);
        let len = [1.0, 1.0, 1.0, 5.0];
        let d = deps(&g, Direction::All, Some(&len));
        // Now every pair has one shortest path: 0-3 is 0,1,3; 2-3 is 2,0,1,3 (3 < 5); 1-2 is
        // 1,0,2; the others are direct. Both directions count: vertex 0 carries 1-2 and 2-3
        // (4), vertex 1 carries 0-3 and 2-3 (4).
        assert_eq!(d.vertex, [4.0, 4.0, 0.0, 0.0]);
        assert_eq!(d.edge[3], 0.0, "the heavy edge is on no shortest path");
        // Edge 0->1 carries 0-1, 0-3, 2-1, 2-3 in both directions.
        assert_eq!(d.edge[0], 8.0);
    }
}
