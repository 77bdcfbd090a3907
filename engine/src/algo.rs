//! The GES algorithm catalogue over a [`Graph`]: parameter specs (which drive both validation
//! and the console's form), and the kernels behind them.
//!
//! Names, parameters, defaults and ranges follow REFERENCE §3.2 and DECISIONS.md:
//! - a parameter sent as `null` takes its default; unknown parameters are ignored;
//! - numbers may arrive as JSON numbers or numeric strings, booleans as `true`/`false` or the
//!   strings `"true"`/`"false"`, vertex ids as strings or numbers;
//! - `coveragence` is accepted as an alias of `convergence`;
//! - errors read as GES writes them, `parameter [source] is invalid!`, with a short reason
//!   appended for type and range errors (the caller adds the
//!   `Running algorithm [..] error:` prefix).
//!
//! Every kernel checks [`JobControl::check`] between iterations (or BFS levels, or blocks of
//! work) and reports progress with [`JobControl::set_progress`]. Kernels that use rayon run in a
//! pool of `num_thread` threads (capped at the machine's parallelism) when the algorithm has
//! that parameter, else in the current pool.
//!
//! Implemented so far: [`pagerank`], [`connected_component`], [`k_hop`], [`shortest_path`].

pub mod connected_component;
pub mod k_hop;
pub mod pagerank;
mod params;
mod render;
pub mod shortest_path;

use serde_json::{Map, Value};

use crate::graph::Graph;
use crate::job::control::{Cancelled, JobControl};
pub use params::Params;

/// Result alias for algorithm calls.
pub type Result<T, E = AlgoError> = std::result::Result<T, E>;

/// The type of a parameter, for validation and for the console's input widgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A whole number (JSON number or numeric string).
    Int,
    /// A number (JSON number or numeric string).
    Float,
    /// `true`/`false` (JSON boolean or string).
    Bool,
    /// Free text (a vertex id, a property name…); JSON numbers are accepted as text.
    String,
    /// One of the listed words (matched case-insensitively, reported in this spelling).
    Enum(&'static [&'static str]),
}

/// One parameter of an algorithm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// The GES parameter name.
    pub name: &'static str,
    /// Its type.
    pub kind: ParamKind,
    /// Whether it must be given (a required parameter has no default).
    pub required: bool,
    /// The default, as text (`"0.85"`, `"true"`, `"OUT"`).
    pub default: Option<&'static str>,
    /// Lower bound for numbers.
    pub min: Option<f64>,
    /// Upper bound for numbers.
    pub max: Option<f64>,
    /// The bounds are open: `(min, max)` rather than `[min, max]`.
    pub exclusive: bool,
    /// Out-of-range values are clamped into the range instead of rejected (GES `num_thread`).
    pub clamp: bool,
    /// One-line help for the console.
    pub help: &'static str,
}

impl ParamSpec {
    /// An optional parameter without default or bounds.
    pub const fn new(name: &'static str, kind: ParamKind, help: &'static str) -> Self {
        Self {
            name,
            kind,
            required: false,
            default: None,
            min: None,
            max: None,
            exclusive: false,
            clamp: false,
            help,
        }
    }

    /// Marks the parameter required.
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Sets the default.
    pub const fn default(mut self, value: &'static str) -> Self {
        self.default = Some(value);
        self
    }

    /// Sets closed bounds `[min, max]`.
    pub const fn range(mut self, min: f64, max: f64) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self
    }

    /// Sets open bounds `(min, max)`.
    pub const fn open_range(mut self, min: f64, max: f64) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self.exclusive = true;
        self
    }

    /// Clamps out-of-range values instead of rejecting them.
    pub const fn clamped(mut self) -> Self {
        self.clamp = true;
        self
    }
}

/// An algorithm as the catalogue describes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlgorithmSpec {
    /// The GES `algorithmName`.
    pub name: &'static str,
    /// One-paragraph description for the console.
    pub description: &'static str,
    /// Its parameters, in the order the console shows them.
    pub params: &'static [ParamSpec],
    /// Whether `executionMode: sync` is allowed (REFERENCE §3.1: path algorithms only).
    pub sync: bool,
    /// The key of its main result in `outputs` (`results`, `vertices`, `path`).
    pub result_key: &'static str,
}

/// What an algorithm produced: scalar `outputs` keys plus, usually, rows to page through.
#[derive(Debug, Clone, PartialEq)]
pub struct AlgoOutput {
    /// Scalar keys of `outputs` (`Max_WCC_size`, `source`, `k_hop_neighbors`…).
    pub scalars: Map<String, Value>,
    /// The paged part of the result.
    pub rows: Rows,
}

/// The row-shaped part of a result.
#[derive(Debug, Clone, PartialEq)]
pub enum Rows {
    /// No rows (e.g. k_hop with `statistics: true`).
    None,
    /// A per-vertex metric, rendered as `{"id": <vertex name>, "<metric>": value}` under `key`
    /// (e.g. key `results`, metric `pagerank` or `community`); one value per vertex index.
    VertexMetric {
        /// The `outputs` key.
        key: &'static str,
        /// The metric's field name.
        metric: &'static str,
        /// One value per vertex, indexed by vertex.
        values: MetricValues,
    },
    /// A list of vertex names under `key` (k_hop `vertices`, shortest_path `path`).
    Vertices {
        /// The `outputs` key.
        key: &'static str,
        /// Vertex indices, in result order.
        ids: Vec<u32>,
    },
}

/// Per-vertex metric values.
#[derive(Debug, Clone, PartialEq)]
pub enum MetricValues {
    /// Floating-point values (pagerank).
    F64(Vec<f64>),
    /// Integer values (coreness, triangle counts).
    I64(Vec<i64>),
    /// A vertex index, rendered as that vertex's name (community / component ids).
    Vertex(Vec<u32>),
}

/// Why an algorithm could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AlgoError {
    /// No algorithm of that name (or not implemented yet).
    #[error("unknown algorithm [{0}]")]
    Unknown(String),
    /// A parameter is missing or invalid; the message is as GES writes it:
    /// `parameter [source] is invalid!`, possibly followed by a reason.
    #[error("{0}")]
    Param(String),
    /// The job was cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl From<Cancelled> for AlgoError {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}

static CATALOG: [AlgorithmSpec; 4] = [
    pagerank::SPEC,
    connected_component::SPEC,
    k_hop::SPEC,
    shortest_path::SPEC,
];

/// Every available algorithm.
pub fn catalog() -> &'static [AlgorithmSpec] {
    &CATALOG
}

/// The algorithm named `name` (exact GES spelling).
pub fn find(name: &str) -> Option<&'static AlgorithmSpec> {
    CATALOG.iter().find(|a| a.name == name)
}

/// Checks `params` for algorithm `name` without a graph: unknown algorithm, missing required
/// parameter, wrong type, out of range, incompatible options. Vertex ids are only checked by
/// [`run`].
///
/// # Errors
/// [`AlgoError::Unknown`] or [`AlgoError::Param`].
pub fn validate(name: &str, params: &Map<String, Value>) -> Result<()> {
    let spec = find(name).ok_or_else(|| AlgoError::Unknown(name.to_string()))?;
    let p = Params::new(spec, params);
    match spec.name {
        pagerank::NAME => pagerank::PageRankConfig::from_params(&p).map(drop),
        connected_component::NAME => Ok(()),
        k_hop::NAME => k_hop::KHopConfig::from_params(&p).map(drop),
        shortest_path::NAME => shortest_path::ShortestPathConfig::from_params(&p).map(drop),
        other => unreachable!("{other} is in the catalogue but not dispatched"),
    }
}

/// Runs algorithm `name` on `graph`.
///
/// # Errors
/// As [`validate`], plus unknown vertex ids (`parameter [source] is invalid!`) and
/// [`AlgoError::Cancelled`].
pub fn run(
    graph: &Graph,
    name: &str,
    params: &Map<String, Value>,
    ctl: &JobControl,
) -> Result<AlgoOutput> {
    let spec = find(name).ok_or_else(|| AlgoError::Unknown(name.to_string()))?;
    let p = Params::new(spec, params);
    let started = std::time::Instant::now();
    let out = match spec.name {
        pagerank::NAME => pagerank::run(graph, &p, ctl),
        connected_component::NAME => connected_component::run(graph, ctl),
        k_hop::NAME => k_hop::run(graph, &p, ctl),
        shortest_path::NAME => shortest_path::run(graph, &p, ctl),
        other => unreachable!("{other} is in the catalogue but not dispatched"),
    };
    tracing::debug!(
        algorithm = name,
        elapsed_ms = started.elapsed().as_millis() as u64,
        ok = out.is_ok(),
        "algorithm finished"
    );
    out
}

/// Runs `f` in a rayon pool of `threads` threads (capped at the machine's parallelism); runs it
/// in the current pool when that already has the wanted size or a pool cannot be built.
fn in_pool<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    let cap = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = threads.clamp(1, cap);
    if threads == rayon::current_num_threads() {
        return f();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// Looks up a vertex id given as parameter `param`.
fn vertex(graph: &Graph, param: &str, name: &str) -> Result<u32> {
    graph
        .vertex_index(name)
        .ok_or_else(|| AlgoError::Param(format!("parameter [{param}] is invalid!")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn catalogue_is_consistent() {
        let names: Vec<_> = catalog().iter().map(|a| a.name).collect();
        assert_eq!(
            names,
            ["pagerank", "connected_component", "k_hop", "shortest_path"]
        );
        for a in catalog() {
            assert_eq!(find(a.name), Some(a));
            for p in a.params {
                assert!(
                    !(p.required && p.default.is_some()),
                    "{}.{}",
                    a.name,
                    p.name
                );
                // Every default is itself valid.
                if let Some(d) = p.default {
                    let mut m = Map::new();
                    m.insert(p.name.into(), Value::String(d.into()));
                    let v = Params::new(a, &m);
                    assert!(v.check(p).is_ok(), "{}.{} default {d}", a.name, p.name);
                }
            }
        }
        assert!(find("PageRank").is_none());
        assert_eq!(
            validate("bfs", &Map::new()).unwrap_err(),
            AlgoError::Unknown("bfs".into())
        );
        assert_eq!(
            validate("bfs", &Map::new()).unwrap_err().to_string(),
            "unknown algorithm [bfs]"
        );
    }

    #[test]
    fn validate_names_the_parameter() {
        let err = |name: &str, v: Value| validate(name, &map(v)).unwrap_err().to_string();
        assert_eq!(
            err("k_hop", json!({"k": 2})),
            "parameter [source] is invalid! It is required."
        );
        assert_eq!(
            err("k_hop", json!({"source": "a", "k": 101})),
            "parameter [k] is invalid! It must be an integer in [1, 100]."
        );
        assert_eq!(
            err("k_hop", json!({"source": "a", "k": "two"})),
            "parameter [k] is invalid! It must be an integer in [1, 100]."
        );
        assert_eq!(
            err("k_hop", json!({"source": "a", "k": 2, "mode": "UP"})),
            "parameter [mode] is invalid! It must be one of OUT, IN, ALL."
        );
        assert_eq!(
            err("pagerank", json!({"alpha": 1})),
            "parameter [alpha] is invalid! It must be a number in (0, 1)."
        );
        assert_eq!(
            err("pagerank", json!({"directed": "yes"})),
            "parameter [directed] is invalid! It must be true or false."
        );
        assert_eq!(
            err("shortest_path", json!({"source": "a", "target": "a"})),
            "parameter [target] is invalid! It must differ from source."
        );
        assert_eq!(
            err(
                "shortest_path",
                json!({"source": "a", "target": "b", "timeWindow": {"filterName": "t"}})
            ),
            "parameter [timeWindow] is not supported yet!"
        );
    }

    #[test]
    fn validate_accepts_strings_nulls_aliases_and_clamps() {
        let ok = |name: &str, v: Value| validate(name, &map(v));
        assert_eq!(
            ok(
                "pagerank",
                json!({"alpha": "0.5", "max_iterations": "10", "directed": "false"})
            ),
            Ok(())
        );
        assert_eq!(
            ok(
                "pagerank",
                json!({"alpha": null, "convergence": null, "num_thread": 400})
            ),
            Ok(())
        );
        assert_eq!(
            ok("pagerank", json!({"coveragence": 0.001, "unknown": [1, 2]})),
            Ok(())
        );
        assert_eq!(
            ok(
                "k_hop",
                json!({"source": 42, "k": 3.0, "mode": "all", "statistics": "TRUE"})
            ),
            Ok(())
        );
        assert_eq!(ok("connected_component", json!({})), Ok(()));
        assert!(
            ok("pagerank", json!({"coveragence": 2}))
                .unwrap_err()
                .to_string()
                .contains("[convergence]")
        );
    }
}
