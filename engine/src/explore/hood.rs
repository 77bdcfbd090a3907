//! The k-hop neighbourhood of one vertex, read from a loaded [`Graph`] (no job: the console's
//! graph explorer draws it at once).
//!
//! A breadth-first walk over both directions (an explorer shows who points at a vertex as well
//! as whom it points at; each edge keeps its direction). Every expanded vertex contributes at
//! most `cap` of its neighbours, so a hub with a million neighbours answers with `cap` of them
//! and its degree, and the explorer says "12 of 340 shown" and offers the rest page by page
//! (`skip`, for the root only: "load more" is one more page of one vertex's neighbours).
//! The edges returned are every edge among the returned vertices, up to [`MAX_EDGES`].

use std::collections::HashMap;

use crate::graph::Graph;

/// Most vertices one read returns, whatever `hops` and `cap` ask (the explorer is measured to
/// 50k drawn vertices).
pub const MAX_VERTICES: usize = 50_000;
/// Most edges one read returns.
pub const MAX_EDGES: usize = 250_000;

/// What to read around a vertex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoodQuery {
    /// The vertex's external id.
    pub vertex: String,
    /// Rings of neighbours to walk (0: the vertex alone).
    pub hops: u32,
    /// Most neighbours taken from each expanded vertex.
    pub cap: usize,
    /// Neighbours of the root skipped first (the ones "load more" already showed).
    pub skip: usize,
}

/// One vertex of a neighbourhood.
#[derive(Debug, Clone, PartialEq)]
pub struct HoodVertex {
    /// External id.
    pub id: String,
    /// Label name.
    pub label: String,
    /// Properties in the label's order, each as its values rendered as text.
    pub properties: Vec<(String, Vec<String>)>,
    /// Hops from the root.
    pub hop: u32,
    /// Distinct neighbours in the whole graph (in- and out-, a vertex counted once).
    pub degree: u64,
    /// Of those, how many are in this answer.
    pub shown: u64,
}

/// One directed edge of a neighbourhood.
#[derive(Debug, Clone, PartialEq)]
pub struct HoodEdge {
    /// Source vertex id.
    pub source: String,
    /// Target vertex id.
    pub target: String,
    /// Label name.
    pub label: String,
    /// Properties, rendered like a vertex's.
    pub properties: Vec<(String, Vec<String>)>,
}

/// A subgraph as the explorer draws it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Subgraph {
    /// Vertices, the root first, then by hop.
    pub vertices: Vec<HoodVertex>,
    /// Edges among them.
    pub edges: Vec<HoodEdge>,
    /// True when [`MAX_VERTICES`] or [`MAX_EDGES`] cut the answer short.
    pub truncated: bool,
}

/// `v`'s distinct neighbours, out- and in- merged (both lists are sorted ascending).
pub(crate) fn neighbours(g: &Graph, v: u32) -> impl Iterator<Item = u32> + '_ {
    let (out, inc) = (g.out_neighbors(v), g.in_neighbors(v));
    let (mut i, mut j) = (0, 0);
    let mut last = None;
    std::iter::from_fn(move || {
        loop {
            let next = match (out.get(i), inc.get(j)) {
                (Some(&a), Some(&b)) if a <= b => {
                    i += 1;
                    a
                }
                (_, Some(&b)) => {
                    j += 1;
                    b
                }
                (Some(&a), None) => {
                    i += 1;
                    a
                }
                (None, None) => return None,
            };
            if last != Some(next) && next != v {
                last = Some(next);
                return Some(next);
            }
        }
    })
}

/// The neighbourhood `q` asks for, or `None` when the graph has no vertex `q.vertex`.
pub fn neighbourhood(g: &Graph, q: &HoodQuery) -> Option<Subgraph> {
    let root = g.vertex_index(&q.vertex)?;
    let mut hop_of: HashMap<u32, u32> = HashMap::from([(root, 0)]);
    let mut order = vec![root];
    let mut frontier = vec![root];
    let mut truncated = false;
    for hop in 1..=q.hops {
        let mut next = Vec::new();
        for &v in &frontier {
            let skip = if v == root { q.skip } else { 0 };
            for n in neighbours(g, v).skip(skip).take(q.cap) {
                if hop_of.contains_key(&n) {
                    continue;
                }
                if order.len() == MAX_VERTICES {
                    truncated = true;
                    break;
                }
                hop_of.insert(n, hop);
                order.push(n);
                next.push(n);
            }
        }
        frontier = next;
    }
    Some(subgraph(g, &order, &hop_of, truncated))
}

/// The vertices `order` (with their hops) and every edge among them.
pub(crate) fn subgraph(
    g: &Graph,
    order: &[u32],
    hop_of: &HashMap<u32, u32>,
    mut truncated: bool,
) -> Subgraph {
    let mut edges = Vec::new();
    let mut vertices = Vec::with_capacity(order.len());
    for &v in order {
        let mut degree = 0u64;
        let mut shown = 0u64;
        for n in neighbours(g, v) {
            degree += 1;
            shown += u64::from(hop_of.contains_key(&n));
        }
        for k in g.out_edge_range(v) {
            let t = g.edge_target(k);
            if !hop_of.contains_key(&t) {
                continue;
            }
            if edges.len() == MAX_EDGES {
                truncated = true;
                break;
            }
            edges.push(HoodEdge {
                source: g.vertex_name(v).to_owned(),
                target: g.vertex_name(t).to_owned(),
                label: g.edge_label(k).to_owned(),
                properties: g.edge_properties(k),
            });
        }
        vertices.push(HoodVertex {
            id: g.vertex_name(v).to_owned(),
            label: g.vertex_label(v).to_owned(),
            properties: g.vertex_properties(v),
            hop: hop_of[&v],
            degree,
            shown,
        });
    }
    Subgraph {
        vertices,
        edges,
        truncated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 0→1, 0→2, 3→0, 1→2, 2→4, 4→5, and 0→1 again (a parallel edge).
    fn g() -> Graph {
        Graph::from_edges(6, &[(0, 1), (0, 2), (3, 0), (1, 2), (2, 4), (4, 5), (0, 1)])
    }

    fn q(vertex: &str, hops: u32, cap: usize, skip: usize) -> HoodQuery {
        HoodQuery {
            vertex: vertex.into(),
            hops,
            cap,
            skip,
        }
    }

    fn ids(s: &Subgraph) -> Vec<(&str, u32, u64, u64)> {
        s.vertices
            .iter()
            .map(|v| (v.id.as_str(), v.hop, v.degree, v.shown))
            .collect()
    }

    #[test]
    fn neighbours_merge_both_directions_once() {
        let g = g();
        assert_eq!(neighbours(&g, 0).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(neighbours(&g, 2).collect::<Vec<_>>(), [0, 1, 4]);
        assert_eq!(neighbours(&g, 5).collect::<Vec<_>>(), [4]);
    }

    #[test]
    fn one_hop_takes_in_and_out_neighbours_with_their_degrees() {
        let s = neighbourhood(&g(), &q("0", 1, 10, 0)).unwrap();
        assert_eq!(
            ids(&s),
            [
                ("0", 0, 3, 3),
                ("1", 1, 2, 2),
                ("2", 1, 3, 2),
                ("3", 1, 1, 1)
            ]
        );
        // Directions are kept, the parallel edge too; 2→4 leaves the answer.
        let mut e: Vec<_> = s
            .edges
            .iter()
            .map(|e| (e.source.as_str(), e.target.as_str()))
            .collect();
        e.sort_unstable();
        assert_eq!(
            e,
            [("0", "1"), ("0", "1"), ("0", "2"), ("1", "2"), ("3", "0")]
        );
        assert!(!s.truncated);
    }

    #[test]
    fn hops_walk_further_rings() {
        let s = neighbourhood(&g(), &q("0", 2, 10, 0)).unwrap();
        let hops: Vec<_> = s.vertices.iter().map(|v| (v.id.as_str(), v.hop)).collect();
        assert_eq!(hops, [("0", 0), ("1", 1), ("2", 1), ("3", 1), ("4", 2)]);
        let zero = neighbourhood(&g(), &q("0", 0, 10, 0)).unwrap();
        assert_eq!(ids(&zero), [("0", 0, 3, 0)]);
        assert!(zero.edges.is_empty());
    }

    #[test]
    fn cap_and_skip_page_through_the_roots_neighbours() {
        let first = neighbourhood(&g(), &q("0", 1, 2, 0)).unwrap();
        assert_eq!(
            ids(&first),
            [("0", 0, 3, 2), ("1", 1, 2, 2), ("2", 1, 3, 2)]
        );
        let more = neighbourhood(&g(), &q("0", 1, 2, 2)).unwrap();
        assert_eq!(ids(&more), [("0", 0, 3, 1), ("3", 1, 1, 1)]);
    }

    #[test]
    fn an_unknown_vertex_is_none() {
        assert_eq!(neighbourhood(&g(), &q("9", 1, 10, 0)), None);
    }
}
