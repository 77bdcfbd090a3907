//! HyG, GES's large-scale compute engine (REFERENCE §13), as a *view* over a graph we already
//! hold: `create` records the view's policy and `inEdge`, `sync` (a job) fixes which labels and
//! properties it carries and counts them, algorithms run on it as jobs, `delete` (a job) drops
//! the view and leaves the graph alone.
//!
//! Choices where the docs are silent or disagree (also in README "API decisions"):
//! - HyG jobs of one graph (sync, algorithm, delete) run one at a time, oldest first: the store
//!   claims a job only when no job with the same FIFO key (`project/graph`) is running and none
//!   older is queued. Other jobs are not held up.
//! - An algorithm needs a synced view (refused otherwise), since HyG computes on the synced
//!   copy. `k_hop` with `mode` `IN`/`ALL` needs `inEdge: true`, as the docs warn.
//! - `output.format` accepts `JSON`, `TXT` and the sample's `CSV` (read as `TXT`). `FULL` needs
//!   `TXT`/`CSV` and keeps every row; `TRUNCATED` needs `JSON` and keeps the first
//!   [`TRUNCATED_ROWS`] rows (the service plane's page limit), recording `truncated` and
//!   `total_rows` among the scalar outputs. Both are read through job status and dumped with
//!   export-result — our results are not node-local, so FULL need not be dumped to be read.
//! - `timeout` (seconds) fails a job still running after it with "timed out after N s".
//! - Cancel (one) works on queued *and* running HyG jobs (DECISIONS "Cancellation": we cancel
//!   every algorithm); cancel-all cancels the graph's queued HyG jobs only.
//! - `dsl` runs a documented subset of HyG's Python Pregel scripts: see [`dsl`].
//! - Which documented algorithm names run, under which kernel, and why the others are refused:
//!   see `hyg/names.rs`. The algorithm body's filters (`vertex_filter`, `edge_filter`, `filters`,
//!   where execute-algorithm has them) are refused by name: §13 documents none. Closeness
//!   reads HyG's `sources` with one id as `source`.

pub(crate) mod check;
pub mod dsl;
mod names;
mod run;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Error, Result};

pub(crate) use run::{run_algorithm, run_delete, run_sync};

/// Rows kept by a `TRUNCATED` run.
pub const TRUNCATED_ROWS: u64 = 100_000;

/// The algorithms HyG documents (2025 list). What graphjobs runs for each, and why it refuses
/// the others, is in `hyg/names.rs`.
pub const DOCUMENTED_ALGORITHMS: &[&str] = &[
    "pagerank",
    "personalrank",
    "kcore",
    "k_hop",
    "common_neighbors_of_vertex_sets",
    "shortest_path",
    "all_shortest_paths",
    "all_pairs_shortest_paths",
    "sssp",
    "shortest_path_of_vertex_sets",
    "all_shortest_paths_of_vertex_sets",
    "connected_component",
    "triangle_count",
    "closeness",
    "betweenness",
    "edge_betweenness",
    "od_betweenness",
    "single_vertex_circles_detection",
    "topicrank",
    "louvain",
    "bigclam",
    "cesna",
    "infomap",
    "label_propagation",
    "subgraph_matching",
    "link_prediction",
    "n_paths",
    "cluster_coefficient",
    "mccis",
];

/// One label a view carries and the properties synced with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HygLabel {
    /// Label name.
    pub label: String,
    /// Property names.
    pub property: Vec<String>,
}

/// A graph's HyG view, as stored and as `summary` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HygView {
    /// Graph name.
    pub name: String,
    /// Partition policy; only `oec` exists.
    pub policy: String,
    /// Whether in-edges are kept (needed by `k_hop` IN/ALL).
    pub in_edge: bool,
    /// Whether a sync has completed.
    pub synced: bool,
    /// Vertex labels and properties fixed by the first sync.
    pub vertex: Vec<HygLabel>,
    /// Edge labels and properties fixed by the first sync.
    pub edge: Vec<HygLabel>,
    /// Synced vertices.
    pub vertex_num: u64,
    /// Synced edges.
    pub edge_num: u64,
    /// End of the last sync (`YYYY-MM-DD hh:mm:ss`), or creation time before any.
    pub update_time: String,
    /// Graph version the last sync read.
    pub graph_version: Option<i64>,
}

impl HygView {
    pub(crate) fn decode(text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::Internal(format!("stored HyG view: {e}")))
    }

    pub(crate) fn encode(&self) -> String {
        serde_json::to_string(self).expect("a HyG view serialises")
    }
}

/// `output.format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutputFormat {
    /// Rows in the job's JSON result.
    Json,
    /// Rows as TXT (REFERENCE §3.3) when dumped.
    Txt,
}

/// `output.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutputMode {
    /// Every row.
    Full,
    /// The first [`TRUNCATED_ROWS`] rows.
    Truncated,
}

/// A HyG algorithm run, as queued.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HygAlgorithm {
    /// GES algorithm name.
    pub name: String,
    /// Its parameters (HyG-only ones such as k_hop's `switch` already checked and removed).
    pub parameters: Map<String, Value>,
    /// Result format.
    pub format: OutputFormat,
    /// Result mode.
    pub mode: OutputMode,
    /// Fail the job if it runs longer than this many seconds.
    pub timeout_s: Option<u64>,
}

impl HygAlgorithm {
    /// Reads the HyG algorithm body (`algorithmName`, `parameters`, `output`, `timeout`).
    ///
    /// # Errors
    /// `InvalidArgument` naming the field that is wrong.
    pub fn from_request(body: &Map<String, Value>) -> Result<Self> {
        let bad = |m: String| Error::invalid(m);
        let name = match body.get("algorithmName") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            _ => return Err(bad("parameter [algorithmName] is required".into())),
        };
        let mut parameters = match body.get("parameters") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(m)) => m.clone(),
            Some(_) => return Err(bad("parameter [parameters] must be an object".into())),
        };
        // The memory edition's execute-algorithm body carries its filters beside `parameters`
        // (REFERENCE §3.1); HyG's documents none there, so one sent is refused, not ignored.
        if let Some(key) = ["vertex_filter", "edge_filter", "filters"]
            .into_iter()
            .find(|key| body.get(*key).is_some_and(|v| !v.is_null()))
        {
            return Err(bad(format!(
                "parameter [{key}] is invalid! The HyG algorithm body takes algorithmName, \
                 parameters, output and timeout (REFERENCE §13), no [{key}]."
            )));
        }
        if name == "closeness" {
            closeness_sources(&mut parameters)?;
        }
        if name == "k_hop"
            && let Some(v) = parameters.remove("switch")
            && !v.is_null()
        {
            let n = v
                .as_i64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()));
            if !matches!(n, Some(1..=2000)) {
                return Err(bad(format!(
                    "parameter [switch] must be an integer in [1, 2000], got {v}"
                )));
            }
        }
        let output = match body.get("output") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(m)) => m.clone(),
            Some(_) => return Err(bad("parameter [output] must be an object".into())),
        };
        let word = |key: &str| -> Result<Option<String>> {
            match output.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.to_ascii_uppercase())),
                Some(v) => Err(bad(format!(
                    "parameter [output.{key}] must be a string, got {v}"
                ))),
            }
        };
        let format = match word("format")?.as_deref() {
            None => None,
            Some("JSON") => Some(OutputFormat::Json),
            Some("TXT" | "CSV") => Some(OutputFormat::Txt),
            Some(other) => {
                return Err(bad(format!(
                    "parameter [output.format] must be JSON or TXT, got {other}"
                )));
            }
        };
        let mode = match word("mode")?.as_deref() {
            None => None,
            Some("FULL") => Some(OutputMode::Full),
            Some("TRUNCATED") => Some(OutputMode::Truncated),
            Some(other) => {
                return Err(bad(format!(
                    "parameter [output.mode] must be FULL or TRUNCATED, got {other}"
                )));
            }
        };
        // Defaults: JSON + TRUNCATED; a lone FULL implies TXT and a lone TXT implies FULL.
        let (format, mode) = match (format, mode) {
            (None, None) => (OutputFormat::Json, OutputMode::Truncated),
            (Some(OutputFormat::Txt), None) | (None, Some(OutputMode::Full)) => {
                (OutputFormat::Txt, OutputMode::Full)
            }
            (f, m) => (
                f.unwrap_or(OutputFormat::Json),
                m.unwrap_or(OutputMode::Truncated),
            ),
        };
        match (format, mode) {
            (OutputFormat::Txt, OutputMode::Truncated) => {
                return Err(bad("output mode TRUNCATED needs format JSON".into()));
            }
            (OutputFormat::Json, OutputMode::Full) => {
                return Err(bad("output mode FULL needs format TXT".into()));
            }
            _ => {}
        }
        let timeout_s = match body.get("timeout") {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_i64() {
                Some(n @ 1..=2_147_483_647) => Some(n as u64),
                _ => {
                    return Err(bad(format!(
                        "parameter [timeout] must be an integer in (0, 2147483648), got {v}"
                    )));
                }
            },
        };
        Ok(Self {
            name,
            parameters,
            format,
            mode,
            timeout_s,
        })
    }
}

/// HyG's closeness names its vertex in `sources` (CSV, REFERENCE §13) where the memory
/// edition has `source`: one id becomes `source`. Several are refused: the result is one
/// `closeness` number and one `source` (§3.2), so graphjobs rates one vertex per job.
fn closeness_sources(parameters: &mut Map<String, Value>) -> Result<()> {
    let Some(v) = parameters.remove("sources") else {
        return Ok(());
    };
    let ids: Vec<String> = match &v {
        Value::Null => return Ok(()),
        Value::String(s) => s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        Value::Number(n) => vec![n.to_string()],
        Value::Array(a) => a
            .iter()
            .map(|x| match x {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect(),
        other => {
            return Err(Error::invalid(format!(
                "parameter [sources] is invalid! Expected a CSV string, got {other}"
            )));
        }
    };
    match ids.as_slice() {
        [one] if !parameters.contains_key("source") => {
            parameters.insert("source".into(), Value::String(one.clone()));
            Ok(())
        }
        [_] => Err(Error::invalid(
            "parameter [sources] is invalid! Give sources or source, not both.",
        )),
        // An empty `sources` names no vertex: as if absent (`source` is then required).
        [] => Ok(()),
        _ => Err(Error::invalid(format!(
            "parameter [sources] is invalid! graphjobs rates one vertex per closeness job (the \
             result is one closeness value and one source), got {} ids; submit one job per vertex.",
            ids.len()
        ))),
    }
}

/// The sync body's label lists (`None`: the key was absent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HygSync {
    /// Vertex labels and properties.
    pub vertex: Option<Vec<HygLabel>>,
    /// Edge labels and properties.
    pub edge: Option<Vec<HygLabel>>,
}

impl HygSync {
    /// Reads the sync body (`vertex`, `edge`: lists of `{label, property[]}`).
    ///
    /// # Errors
    /// `InvalidArgument` naming the malformed entry.
    pub fn from_request(body: &Map<String, Value>) -> Result<Self> {
        let list = |key: &str| -> Result<Option<Vec<HygLabel>>> {
            match body.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => serde_json::from_value(v.clone()).map(Some).map_err(|e| {
                    Error::invalid(format!(
                        "parameter [{key}] must be a list of {{label, property[]}}: {e}"
                    ))
                }),
            }
        };
        Ok(Self {
            vertex: list("vertex")?,
            edge: list("edge")?,
        })
    }
}

pub(crate) fn not_created(graph: &str) -> Error {
    Error::invalid(format!("HyG graph [{graph}] does not exist"))
}
