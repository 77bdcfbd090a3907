//! Which algorithms the distributed executor has, and their parameters as a [`Kernel`].

use serde_json::{Map, Value};

use super::{Kernel, Mode};
use crate::algo::k_hop::{self, Direction, KHopConfig};
use crate::algo::kcore::{self, KCoreConfig};
use crate::algo::label_propagation::{self, LabelPropagationConfig};
use crate::algo::pagerank::{self, PageRankConfig};
use crate::algo::shortest_path::{self, ShortestPathConfig};
use crate::algo::sssp::{self, SsspConfig};
use crate::algo::triangle_count::{self, TriangleCountConfig};
use crate::algo::{Params, connected_component};
use crate::graph::Graph;

/// The algorithms with a distributed kernel.
pub const ALGORITHMS: &[&str] = &[
    pagerank::NAME,
    connected_component::NAME,
    k_hop::NAME,
    sssp::NAME,
    kcore::NAME,
    triangle_count::NAME,
    shortest_path::NAME,
    label_propagation::NAME,
];

/// A kernel and, for a seeded `label_propagation`, its seeds: the seed label of each vertex
/// (`u32::MAX`: none) and the seed values the labels index.
pub(crate) type Resolved = (Kernel, Option<(Vec<u32>, Vec<String>)>);

/// The kernel for algorithm `name` with `params` on `graph` (vertex names resolved), or why
/// there is none.
pub(crate) fn resolve(
    graph: &Graph,
    name: &str,
    params: &Map<String, Value>,
) -> Result<Resolved, String> {
    if name == label_propagation::NAME {
        return propagation(graph, params);
    }
    kernel(graph, name, params).map(|k| (k, None))
}

/// Label propagation's kernel and seeds.
fn propagation(graph: &Graph, params: &Map<String, Value>) -> Result<Resolved, String> {
    let spec = &label_propagation::SPEC;
    let cfg = LabelPropagationConfig::from_params(&Params::new(spec, params))
        .map_err(|e| e.to_string())?;
    check_weight(graph, cfg.weight.as_deref())?;
    let seeds = match &cfg.initial {
        Some(property) => {
            Some(label_propagation::seed_labels(graph, property).map_err(|e| e.to_string())?)
        }
        None => None,
    };
    let kernel = Kernel::LabelPropagation {
        convergence: cfg.convergence,
        max_iterations: cfg.max_iterations,
        weighted: cfg.weight.is_some(),
        seeds: seeds.as_ref().map_or(0, |(s, _)| {
            s.iter().filter(|&&l| l != u32::MAX).count() as u64
        }),
    };
    Ok((kernel, seeds))
}

/// Every other kernel.
fn kernel(graph: &Graph, name: &str, params: &Map<String, Value>) -> Result<Kernel, String> {
    match name {
        pagerank::NAME => {
            let cfg = PageRankConfig::from_params(&Params::new(&pagerank::SPEC, params))
                .map_err(|e| e.to_string())?;
            Ok(Kernel::PageRank {
                alpha: cfg.alpha,
                convergence: cfg.convergence,
                max_iterations: cfg.max_iterations,
                directed: cfg.directed,
            })
        }
        connected_component::NAME => Ok(Kernel::Wcc),
        kcore::NAME => {
            let cfg = KCoreConfig::from_params(&Params::new(&kcore::SPEC, params))
                .map_err(|e| e.to_string())?;
            Ok(Kernel::KCore { k: cfg.k })
        }
        triangle_count::NAME => {
            let cfg = TriangleCountConfig::from_params(&Params::new(&triangle_count::SPEC, params))
                .map_err(|e| e.to_string())?;
            Ok(Kernel::Triangles {
                statistics: cfg.statistics,
            })
        }
        k_hop::NAME => {
            let cfg = KHopConfig::from_params(&Params::new(&k_hop::SPEC, params))
                .map_err(|e| e.to_string())?;
            let source = graph
                .vertex_index(&cfg.source)
                .ok_or_else(|| "parameter [source] is invalid!".to_owned())?;
            let mode = match cfg.mode {
                Direction::Out => Mode::Out,
                Direction::In => Mode::In,
                Direction::All => Mode::All,
            };
            Ok(Kernel::Levels {
                source,
                k: cfg.k,
                mode,
            })
        }
        sssp::NAME => {
            let cfg = SsspConfig::from_params(&Params::new(&sssp::SPEC, params))
                .map_err(|e| e.to_string())?;
            let source = graph
                .vertex_index(&cfg.source)
                .ok_or_else(|| "parameter [source] is invalid!".to_owned())?;
            check_weight(graph, cfg.weight.as_deref())?;
            Ok(Kernel::Sssp {
                source,
                directed: cfg.directed,
                weighted: cfg.weight.is_some(),
            })
        }
        shortest_path::NAME => {
            let cfg = ShortestPathConfig::from_params(&Params::new(&shortest_path::SPEC, params))
                .map_err(|e| e.to_string())?;
            if cfg.window.is_some() {
                return Err(
                    "parameter [timeWindow] is not supported by the distributed executor".into(),
                );
            }
            let vertex = |name: &str, id: &str| {
                graph
                    .vertex_index(id)
                    .ok_or_else(|| format!("parameter [{name}] is invalid!"))
            };
            check_weight(graph, cfg.weight.as_deref())?;
            Ok(Kernel::Path {
                source: vertex("source", &cfg.source)?,
                target: vertex("target", &cfg.target)?,
                directed: cfg.directed,
                weighted: cfg.weight.is_some(),
            })
        }
        _ => Err(format!(
            "the distributed executor has no kernel for [{name}] (it has {})",
            ALGORITHMS.join(", ")
        )),
    }
}

/// Refuses a `weight` that no edge label has as a numeric property.
fn check_weight(graph: &Graph, weight: Option<&str>) -> Result<(), String> {
    match weight {
        Some(w) if graph.edge_weights(w).is_none() => Err(format!(
            "parameter [weight] is invalid! No edge label has a numeric property [{w}]."
        )),
        _ => Ok(()),
    }
}
