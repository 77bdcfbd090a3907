//! Where each kind of job lives. A kind is its spec (a [`JobKind`] variant), the check made
//! before it is queued and the executor a worker runs; the last two live in the kind's domain
//! module, and its entry in the table below (read by `declare::job_kinds!`) is its
//! registration:
//!
//! | kind | home |
//! |---|---|
//! | `Algorithm` | [`crate::algo::job`] |
//! | `Query`, `FilteredQuery`, `PathQuery` | [`crate::query::job`] |
//! | `DeleteVertices` | [`crate::graph::delete_vertices`] |
//! | `ImportGraph` | [`crate::graph::import::job`] |
//! | `CreateGraph`, `ClearGraph`, `DeleteGraph` | [`crate::graph::lifecycle`] |
//! | `ExportResult`, `ExportGraph` | [`crate::export::result`], [`crate::export::graph`] |
//! | `HygSync`, `HygDelete`, `HygAlgorithm`, `HygDsl` | [`crate::hyg`], [`crate::hyg::dsl`] |
//!
//! A new kind is its module plus one entry here: its variant, its [`JobType`], what it does
//! with its graph (`GraphUse`), its check and its executor.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::control::JobControl;
use super::store::{JobStore, Outcome};
use super::{ImportSpec, JobRecord, JobType};
use crate::engine::{Engine, graph_missing};
use crate::export::{graph as export_graph, result as export_result};
use crate::graph::{delete_vertices, import, lifecycle};
use crate::obs::ObsCredentials;
use crate::{Error, Result, algo, hyg, query};

mod declare;

declare::job_kinds! {
    /// Run a catalogue algorithm.
    Algorithm {
        /// GES algorithm name.
        name: String,
        /// Its parameters.
        parameters: Map<String, Value>,
        /// Which executor runs it (header `X-Executor`); absent in stored specs when local.
        #[serde(default, skip_serializing_if = "crate::distributed::Executor::is_local")]
        executor: crate::distributed::Executor,
    } => JobType::Algorithm, Reads,
        check(cx) algo::job::check(cx, name, parameters, *executor).await.map(Some),
        run(cx) algo::job::run(cx, name, parameters, executor).await;

    /// Import CSV + schema into the graph (created if missing, incremental otherwise).
    ImportGraph(spec: ImportSpec) => JobType::ImportGraph, Writes,
        check(cx) import::job::check(cx, spec).await.map(|()| None),
        run(cx) import::job::run(cx, spec).await;

    /// Create an empty graph (no schema, no data).
    CreateGraph => JobType::CreateGraph, Writes,
        check(cx) lifecycle::check_create(cx).await.map(|()| None),
        run(cx) lifecycle::create(cx).await;

    /// Remove every vertex and edge; with `clear_metadata` the schema too.
    ClearGraph {
        /// Also drop the schema.
        clear_metadata: bool,
    } => JobType::ClearGraph, Writes,
        check(cx) cx.require_graph().await.map(|()| None),
        run(cx) lifecycle::clear(cx, clear_metadata).await;

    /// Delete the graph, its snapshots and its catalogue row.
    DeleteGraph => JobType::DeleteGraph, Writes,
        check(cx) cx.require_graph().await.map(|()| None),
        run(cx) lifecycle::delete(cx).await;

    /// Dump a succeeded job's result (REFERENCE §2.4).
    ExportResult(spec: export_result::ExportResultSpec) => JobType::ExportResult, Reads,
        check(cx) export_result::validate(cx.engine, cx.project, cx.graph, spec, cx.has_credentials)
            .await
            .map(|()| None),
        run(cx) export_result::run(cx.engine, cx.job, &spec, cx.credentials(), cx.ctl).await;

    /// Write the graph as schema + vertex + edge files (REFERENCE §5.2).
    ExportGraph(spec: export_graph::ExportGraphSpec) => JobType::ExportGraph, Reads,
        check(cx) {
            cx.require_whole_graph().await?;
            export_graph::validate(cx.engine, cx.project, spec, cx.has_credentials).map(|()| None)
        },
        run(cx) export_graph::run(cx.engine, cx.job, &spec, cx.credentials(), cx.ctl).await;

    /// A vertex or edge filter query (REFERENCE §4.1–4.2).
    Query(spec: query::QuerySpec) => query::job::job_type(spec), Reads,
        check(cx) query::job::check(cx).await.map(|()| None),
        run(cx) query::job::run(cx, spec).await;

    /// A k-hop filtered query (REFERENCE §4.3).
    FilteredQuery(spec: query::filtered::FilteredQuerySpec) => JobType::FilteredQuery, Reads,
        check(cx) query::job::check(cx).await.map(|()| None),
        run(cx) query::job::run_filtered(cx, spec).await;

    /// A Filtered Query V2: repeat/until/times traversal (REFERENCE §4.3).
    PathQuery(spec: query::path::PathQuerySpec) => JobType::PathQuery, Reads,
        check(cx) query::job::check(cx).await.map(|()| None),
        run(cx) query::job::run_path(cx, spec).await;

    /// Delete the vertices a vertex filter matches, with their edges (REFERENCE §4.3).
    DeleteVertices(spec: query::QuerySpec) => JobType::DeleteVertices, Writes,
        check(cx) query::job::check(cx).await.map(|()| None),
        run(cx) delete_vertices::run(cx, spec).await;

    /// Sync a graph's HyG view (REFERENCE §13 #2).
    HygSync(sync: hyg::HygSync) => JobType::HygSync, Hyg,
        // A sync builds the view from the whole graph in the node's memory.
        check(cx) {
            cx.require_whole_graph().await?;
            cx.engine.hyg_view(cx.project, cx.graph).await.map(|_| None)
        },
        run(cx) hyg::run_sync(cx.engine, cx.job, &sync).await;

    /// Drop a graph's HyG view (§13 #5); the graph stays.
    HygDelete => JobType::HygDelete, Hyg,
        check(cx) cx.engine.hyg_view(cx.project, cx.graph).await.map(|_| None),
        run(cx) hyg::run_delete(cx.engine, cx.job).await;

    /// Run an algorithm on a HyG view (§13 #6).
    HygAlgorithm(spec: hyg::HygAlgorithm) => JobType::Algorithm, Hyg,
        check(cx) cx.engine.check_hyg_algorithm(cx.project, cx.graph, spec).await.map(Some),
        run(cx) hyg::run_algorithm(cx.engine, cx.job, spec, cx.ctl).await;

    /// Run a user's Pregel script on a HyG view (§13 #7).
    HygDsl(spec: hyg::dsl::HygDsl) => JobType::Algorithm, Hyg,
        check(cx) cx.engine.check_hyg_dsl(cx.project, cx.graph, spec).await.map(Some),
        run(cx) hyg::dsl::run(cx.engine, cx.job, spec, cx.ctl).await;
}

/// What a kind does with its graph, which decides whether it waits its turn in the graph's
/// FIFO (see [`JobKind::fifo_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GraphUse {
    /// Reads whichever version is current when it starts (algorithms, queries, exports).
    Reads,
    /// Writes its graph: makes its next version from the current one (import, clear, delete
    /// by filter), makes it (create) or deletes it.
    Writes,
    /// Works on the graph's HyG view.
    Hyg,
}

impl JobKind {
    /// Whether this is a HyG job (shown in HyG's status words).
    pub fn is_hyg(&self) -> bool {
        self.graph_use() == GraphUse::Hyg
    }

    /// Whether the job writes its graph: makes its next version from the current one
    /// (import, clear, delete by filter), makes it (create) or deletes it.
    pub fn writes_graph(&self) -> bool {
        self.graph_use() == GraphUse::Writes
    }

    /// The FIFO key of the job on graph `graph` of `project`: the jobs that write a graph and
    /// its HyG jobs run one at a time per graph, in submit order (REFERENCE §13 asks it of HyG
    /// jobs; writers need it so each builds on the version the one before it published, where
    /// two at once would each build on the same version and the lower one's rows be lost).
    /// Readers (algorithms, queries, exports) have none: they read the version current when
    /// they start.
    pub fn fifo_key(&self, project: &str, graph: &str) -> Option<String> {
        (self.graph_use() != GraphUse::Reads).then(|| format!("{project}/{graph}"))
    }
}

/// What a kind's check may look at before the job is queued.
#[derive(Clone, Copy)]
pub(crate) struct Submitting<'a> {
    /// The engine.
    pub(crate) engine: &'a Engine,
    /// The submitting project.
    pub(crate) project: &'a str,
    /// The graph the job names.
    pub(crate) graph: &'a str,
    /// Whether the request came with `obsParameters` (OBS paths need them).
    pub(crate) has_credentials: bool,
}

impl Submitting<'_> {
    /// [`require_graph`](Self::require_graph), and refused (`WrongState`) when its current
    /// version is partitioned: what only a whole graph in the node's memory can serve
    /// (queries, exports, deleting vertices, a HyG view's sync).
    pub(crate) async fn require_whole_graph(&self) -> Result<()> {
        self.require_graph().await?;
        if let Some(p) = self.partitioned().await? {
            return Err(crate::catalog::partitioned_refusal(self.graph, p.parts));
        }
        Ok(())
    }

    /// The partitioning of the graph's current version (`None`: whole, or no graph).
    pub(crate) async fn partitioned(&self) -> Result<Option<crate::catalog::PartsInfo>> {
        let engine = self.engine;
        let Some(info) = engine.store().graph(self.project, self.graph).await? else {
            return Ok(None);
        };
        let (engine, project, graph) = (
            engine.clone(),
            self.project.to_owned(),
            self.graph.to_owned(),
        );
        blocking(move || engine.catalog().partitioned(&project, &graph, info.version)).await
    }

    /// `NotFound` unless the project has the graph.
    pub(crate) async fn require_graph(&self) -> Result<()> {
        match self.engine.store().graph(self.project, self.graph).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(graph_missing(self.graph)),
            Err(e) => Err(e),
        }
    }
}

/// What a kind's executor runs with: the claimed job and its control (cancel, progress).
#[derive(Clone, Copy)]
pub(crate) struct Running<'a> {
    /// The engine.
    pub(crate) engine: &'a Engine,
    /// The claimed job.
    pub(crate) job: &'a JobRecord,
    /// Its cancel flag and progress counters.
    pub(crate) ctl: &'a JobControl,
}

impl Running<'_> {
    /// Takes the OBS credentials the job was submitted with (they are used once).
    pub(crate) fn credentials(&self) -> Option<ObsCredentials> {
        self.engine.take_credentials(&self.job.id.0)
    }
}

/// Runs compute on a blocking thread (rayon inside), so the async workers stay free.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Internal(format!("compute task: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The stored form of a spec (the `jobs.spec` column) is serde's form of a hand-written
    /// enum: a unit kind is its name, the others an object keyed by it.
    #[test]
    fn kinds_are_stored_in_serdes_enum_form() {
        let cases = [
            (JobKind::CreateGraph, json!("CreateGraph")),
            (JobKind::HygDelete, json!("HygDelete")),
            (
                JobKind::ClearGraph {
                    clear_metadata: true,
                },
                json!({"ClearGraph": {"clear_metadata": true}}),
            ),
            (
                JobKind::Algorithm {
                    name: "pagerank".into(),
                    parameters: Map::new(),
                    executor: Default::default(),
                },
                json!({"Algorithm": {"name": "pagerank", "parameters": {}}}),
            ),
        ];
        for (kind, stored) in cases {
            assert_eq!(serde_json::to_value(&kind).unwrap(), stored);
            assert_eq!(serde_json::from_value::<JobKind>(stored).unwrap(), kind);
        }
    }

    #[test]
    fn writers_and_hyg_jobs_wait_in_their_graphs_fifo_and_readers_do_not() {
        let writer = JobKind::DeleteGraph;
        let hyg = JobKind::HygDelete;
        let reader = JobKind::Algorithm {
            name: "pagerank".into(),
            parameters: Map::new(),
            executor: Default::default(),
        };
        assert!(writer.writes_graph() && !writer.is_hyg());
        assert!(hyg.is_hyg() && !hyg.writes_graph());
        assert_eq!(writer.fifo_key("p", "g").as_deref(), Some("p/g"));
        assert_eq!(hyg.fifo_key("p", "g").as_deref(), Some("p/g"));
        assert_eq!(reader.fifo_key("p", "g"), None);
        assert_eq!(writer.job_type(), JobType::DeleteGraph);
        assert_eq!(reader.job_type(), JobType::Algorithm);
    }
}
