//! Shards → the algorithm's ordinary output, exactly as the single-node kernel returns it.

use serde_json::{Map, Value};

use super::{Kernel, Shard, ShardValues};
use crate::algo::label_propagation::{distinct_seeds, name_by_first_member};
use crate::algo::{AlgoOutput, MetricValues, Rows};
use crate::graph::Graph;

/// Merges the `shards` of a group that ran `kernel` on `graph` (`params`: the request's, for the
/// scalars that echo them; `seed_names`: a seeded label propagation's seed values, as the node
/// interned them for the task). Every vertex must be in exactly one shard.
pub(crate) fn merge(
    graph: &Graph,
    kernel: &Kernel,
    params: &Map<String, Value>,
    seed_names: &[String],
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
        Kernel::LabelPropagation { seeds, .. } => {
            let mut labels = dense_u32(n, shards)?;
            let (communities, values) = if *seeds == 0 {
                if let Some(v) = labels.iter().position(|&l| l as usize >= n) {
                    return Err(format!("vertex {v} has no community"));
                }
                let communities = name_by_first_member(&mut labels);
                (communities, MetricValues::Vertex(labels))
            } else {
                let names = seed_names.to_vec();
                if let Some(v) = labels
                    .iter()
                    .position(|&l| l != u32::MAX && l as usize >= names.len())
                {
                    return Err(format!("vertex {v} has no seed's label"));
                }
                let communities = distinct_seeds(&labels, names.len());
                let values = MetricValues::Text {
                    table: names,
                    index: labels,
                };
                (communities, values)
            };
            scalars.insert("community_num".into(), Value::from(communities));
            scalars.insert(
                "iterations".into(),
                Value::from(shards.first().map_or(0, |s| s.iterations)),
            );
            Ok(AlgoOutput {
                scalars,
                rows: Rows::VertexMetric {
                    key: "results",
                    metric: "community",
                    values,
                },
            })
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
mod tests;
