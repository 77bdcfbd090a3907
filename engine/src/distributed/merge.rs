//! Shards → the algorithm's ordinary output, exactly as the single-node kernel returns it.

use serde_json::{Map, Value};

use super::{Kernel, Shard, ShardValues};
use crate::algo::{AlgoOutput, MetricValues, Rows};
use crate::graph::Graph;

/// Merges the `shards` of a group that ran `kernel` on `graph` (`params`: the request's, for the
/// scalars that echo them). Every vertex must be in exactly one shard.
pub(crate) fn merge(
    graph: &Graph,
    kernel: &Kernel,
    params: &Map<String, Value>,
    shards: &[Shard],
) -> Result<AlgoOutput, String> {
    let n = graph.vertex_count();
    let mut scalars = Map::new();
    match kernel {
        Kernel::PageRank { .. } => {
            let ranks = dense_f64(n, shards)?;
            let first = shards.first();
            scalars.insert(
                "iterations".into(),
                Value::from(first.map_or(0, |s| s.iterations)),
            );
            scalars.insert(
                "convergence".into(),
                serde_json::Number::from_f64(first.map_or(0.0, |s| s.delta))
                    .map_or(Value::Null, Value::Number),
            );
            Ok(AlgoOutput {
                scalars,
                rows: Rows::VertexMetric {
                    key: "results",
                    metric: "pagerank",
                    values: MetricValues::F64(ranks),
                },
            })
        }
        Kernel::Wcc => {
            let component = dense_u32(n, shards)?;
            let (max_size, max_id) = largest(&component);
            scalars.insert("Max_WCC_size".into(), Value::from(max_size));
            scalars.insert(
                "Max_WCC_id".into(),
                max_id.map_or(Value::Null, |v| Value::String(graph.vertex_name(v).into())),
            );
            Ok(AlgoOutput {
                scalars,
                rows: Rows::VertexMetric {
                    key: "results",
                    metric: "community",
                    values: MetricValues::Vertex(component),
                },
            })
        }
        Kernel::Sssp { .. } => {
            let dist = dense_f64(n, shards)?;
            // Reached vertices in index order, as `sssp` lists them.
            let (ids, values): (Vec<u32>, Vec<f64>) = dist
                .iter()
                .enumerate()
                .filter(|(_, d)| d.is_finite())
                .map(|(v, &d)| (v as u32, d))
                .unzip();
            scalars.insert("source".into(), echo(params, "source"));
            Ok(AlgoOutput {
                scalars,
                rows: Rows::SomeVertices {
                    key: "results",
                    metric: "distance",
                    ids,
                    values: MetricValues::F64(values),
                },
            })
        }
        Kernel::KCore { k } => {
            let cores = dense_u32(n, shards)?;
            // The vertices of coreness at least `k`, in index order, as `kcore` lists them.
            let (ids, values): (Vec<u32>, Vec<i64>) = cores
                .iter()
                .enumerate()
                .filter(|&(_, &c)| u64::from(c) >= *k)
                .map(|(v, &c)| (v as u32, i64::from(c)))
                .unzip();
            Ok(AlgoOutput {
                scalars,
                rows: Rows::SomeVertices {
                    key: "results",
                    metric: "coreness",
                    ids,
                    values: MetricValues::I64(values),
                },
            })
        }
        Kernel::Triangles { statistics } => {
            let through = dense_u64(n, shards)?;
            // Each triangle is counted at its three corners.
            let total: u64 = through.iter().sum::<u64>() / 3;
            scalars.insert("triangle_count".into(), Value::from(total));
            let rows = if *statistics {
                Rows::None
            } else {
                Rows::VertexMetric {
                    key: "results",
                    metric: "vertex_triangles",
                    values: MetricValues::I64(through.iter().map(|&c| c as i64).collect()),
                }
            };
            Ok(AlgoOutput { scalars, rows })
        }
        Kernel::Path { source, target, .. } => {
            let path = walk_back(n, shards, *source, *target)?;
            let name = |key: &str| {
                params
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            Ok(AlgoOutput::one_path(name("source"), name("target"), path))
        }
        Kernel::Levels { k, .. } => {
            let levels = dense_u32(n, shards)?;
            // Levels in order, ascending vertex index within a level, the source (level 0)
            // left out: as `k_hop` lists them.
            let mut found: Vec<(u32, u32)> = (0..n as u32)
                .map(|v| (levels[v as usize], v))
                .filter(|&(l, _)| l >= 1 && l <= *k)
                .collect();
            found.sort_unstable();
            let ids: Vec<u32> = found.into_iter().map(|(_, v)| v).collect();
            scalars.insert("source".into(), echo(params, "source"));
            scalars.insert("k".into(), Value::from(*k));
            scalars.insert("k_hop_neighbors".into(), Value::from(ids.len()));
            let statistics = params
                .get("statistics")
                .is_some_and(|s| s == &Value::Bool(true) || s.as_str() == Some("true"));
            let rows = if statistics {
                Rows::None
            } else {
                Rows::Vertices {
                    key: "vertices",
                    ids,
                }
            };
            Ok(AlgoOutput { scalars, rows })
        }
    }
}

/// Parameter `name` as the single-node kernels echo it: as text.
fn echo(params: &Map<String, Value>, name: &str) -> Value {
    params.get(name).map_or(Value::Null, |s| match s {
        Value::String(_) => s.clone(),
        other => Value::String(other.to_string()),
    })
}

fn dense_f64(n: usize, shards: &[Shard]) -> Result<Vec<f64>, String> {
    dense(n, shards, f64::NAN, "ranks", |v| match v {
        ShardValues::F64(values) => Some(values),
        _ => None,
    })
}

fn dense_u32(n: usize, shards: &[Shard]) -> Result<Vec<u32>, String> {
    dense(n, shards, u32::MAX, "labels", |v| match v {
        ShardValues::U32(values) => Some(values),
        _ => None,
    })
}

fn dense_u64(n: usize, shards: &[Shard]) -> Result<Vec<u64>, String> {
    dense(n, shards, 0, "counts", |v| match v {
        ShardValues::U64(values) => Some(values),
        _ => None,
    })
}

/// The shards' `(vertex, value)` pairs as one array by vertex (`fill` before), each vertex in
/// exactly one shard; `values` picks a shard's pairs, or `None` when the shard holds another
/// kind (`what` names the kind expected).
fn dense<T: Copy>(
    n: usize,
    shards: &[Shard],
    fill: T,
    what: &str,
    values: impl Fn(&ShardValues) -> Option<&Vec<(u32, T)>>,
) -> Result<Vec<T>, String> {
    let mut out = vec![fill; n];
    let mut seen = vec![false; n];
    for s in shards {
        let values =
            values(&s.values).ok_or_else(|| format!("shard {} holds no {what}", s.process))?;
        for &(v, x) in values {
            claim(&mut seen, v, s.process)?;
            out[v as usize] = x;
        }
    }
    all_seen(&seen).map(|()| out)
}

/// The path from `source` to `target` along the vertices each distance came from (`None`
/// when `target` was not reached).
fn walk_back(
    n: usize,
    shards: &[Shard],
    source: u32,
    target: u32,
) -> Result<Option<Vec<u32>>, String> {
    let mut from = vec![u32::MAX; n];
    let mut reached = vec![false; n];
    let mut seen = vec![false; n];
    for s in shards {
        let ShardValues::Paths(values) = &s.values else {
            return Err(format!("shard {} holds no paths", s.process));
        };
        for &(v, d, parent) in values {
            claim(&mut seen, v, s.process)?;
            reached[v as usize] = d.is_finite();
            from[v as usize] = parent;
        }
    }
    all_seen(&seen)?;
    if !reached[target as usize] {
        return Ok(None);
    }
    let mut path = vec![target];
    let mut v = target;
    while v != source {
        v = from[v as usize];
        if v == u32::MAX || path.len() > n {
            return Err(format!(
                "the search tree has no way back from vertex {target} to {source}"
            ));
        }
        path.push(v);
    }
    path.reverse();
    Ok(Some(path))
}

fn claim(seen: &mut [bool], v: u32, process: u32) -> Result<(), String> {
    match seen.get_mut(v as usize) {
        Some(slot) if !*slot => {
            *slot = true;
            Ok(())
        }
        Some(_) => Err(format!("vertex {v} is in two shards (again in {process})")),
        None => Err(format!("shard {process} names vertex {v}, past the graph")),
    }
}

fn all_seen(seen: &[bool]) -> Result<(), String> {
    match seen.iter().position(|s| !s) {
        Some(v) => Err(format!("no shard holds vertex {v}")),
        None => Ok(()),
    }
}

/// `(size, representative)` of the largest component, the smallest representative among ties
/// (as `connected_component` reports it).
fn largest(component: &[u32]) -> (u64, Option<u32>) {
    let mut sizes = vec![0u64; component.len()];
    for &c in component {
        sizes[c as usize] += 1;
    }
    let mut best: Option<(u64, u32)> = None;
    for (v, &s) in sizes.iter().enumerate() {
        if s > 0 && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, v as u32));
        }
    }
    best.map_or((0, None), |(s, v)| (s, Some(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(process: u32, values: ShardValues) -> Shard {
        Shard {
            process,
            iterations: 3,
            delta: 0.25,
            values,
        }
    }

    #[test]
    fn components_merge_with_the_largest_and_gaps_are_refused() {
        let g = Graph::from_edges(5, &[(1, 0), (3, 2), (4, 2)]);
        let shards = [
            shard(0, ShardValues::U32(vec![(0, 0), (2, 2), (4, 2)])),
            shard(1, ShardValues::U32(vec![(1, 0), (3, 2)])),
        ];
        let out = merge(&g, &Kernel::Wcc, &Map::new(), &shards).unwrap();
        assert_eq!(out.scalars["Max_WCC_size"], 3);
        assert_eq!(out.scalars["Max_WCC_id"], "2");
        let short = &shards[..1];
        assert_eq!(
            merge(&g, &Kernel::Wcc, &Map::new(), short).unwrap_err(),
            "no shard holds vertex 1"
        );
        let twice = [shards[0].clone(), shards[0].clone()];
        assert!(merge(&g, &Kernel::Wcc, &Map::new(), &twice).is_err());
    }

    #[test]
    fn levels_list_the_k_hop_neighbours_level_by_level() {
        let g = Graph::from_edges(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let m = u32::MAX;
        let shards = [shard(
            0,
            ShardValues::U32(vec![(0, 1), (1, 0), (2, 1), (3, 2), (4, m)]),
        )];
        let kernel = Kernel::Levels {
            source: 1,
            k: 2,
            mode: super::super::Mode::All,
        };
        let params: Map<String, Value> = serde_json::from_str(r#"{"source": 1}"#).unwrap();
        let out = merge(&g, &kernel, &params, &shards).unwrap();
        assert_eq!(
            out.rows,
            Rows::Vertices {
                key: "vertices",
                ids: vec![0, 2, 3]
            }
        );
        assert_eq!(out.scalars["source"], "1");
        assert_eq!(out.scalars["k_hop_neighbors"], 3);
    }

    #[test]
    fn a_path_is_walked_back_along_the_parents_and_a_broken_tree_is_an_error() {
        let g = Graph::from_edges(5, &[(0, 1), (1, 2), (2, 3)]);
        let (m, inf) = (u32::MAX, f64::INFINITY);
        let tree = |three: u32| {
            [
                shard(
                    0,
                    ShardValues::Paths(vec![(0, 0.0, m), (2, 2.0, 1), (4, inf, m)]),
                ),
                shard(1, ShardValues::Paths(vec![(1, 1.0, 0), (3, 3.0, three)])),
            ]
        };
        let params: Map<String, Value> =
            serde_json::from_str(r#"{"source": "0", "target": "3"}"#).unwrap();
        let path = |target: u32, shards: &[Shard]| {
            let kernel = Kernel::Path {
                source: 0,
                target,
                directed: true,
                weighted: false,
            };
            merge(&g, &kernel, &params, shards)
        };
        let out = path(3, &tree(2)).unwrap();
        assert_eq!(
            out.rows,
            Rows::Vertices {
                key: "path",
                ids: vec![0, 1, 2, 3]
            }
        );
        assert_eq!(
            (&out.scalars["source"], &out.scalars["target"]),
            (&Value::from("0"), &Value::from("3"))
        );
        // Not reached: an empty path, as the single-node kernel answers.
        let none = path(4, &tree(2)).unwrap();
        assert_eq!(
            none.rows,
            Rows::Vertices {
                key: "path",
                ids: vec![]
            }
        );
        // Reached, but the parents lead nowhere: the shards are wrong, said so.
        assert!(path(3, &tree(m)).is_err());
    }
}
