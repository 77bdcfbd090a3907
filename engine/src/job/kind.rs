//! Where each kind of job lives. A kind is its spec (a [`JobKind`] variant), the check made
//! before it is queued and the executor a worker runs; the last two live in the kind's domain
//! module, and the enum and the `match`es below are the registration:
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
//! A new kind is its module plus its registration here: a [`JobKind`] variant, its
//! [`JobType`] in [`JobKind::job_type`], and one arm in each of [`JobKind::check`] and
//! [`JobKind::run`] (and in [`JobKind::writes_graph`] if it writes its graph).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::control::JobControl;
use super::store::{JobStore, Outcome};
use super::{ImportSpec, JobRecord, JobType};
use crate::engine::{Engine, graph_missing};
use crate::{Error, Result};

/// The kinds of work the engine runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JobKind {
    /// Run a catalogue algorithm.
    Algorithm {
        /// GES algorithm name.
        name: String,
        /// Its parameters.
        parameters: Map<String, Value>,
        /// Which executor runs it (header `X-Executor`); absent in stored specs when local.
        #[serde(
            default,
            skip_serializing_if = "crate::distributed::Executor::is_local"
        )]
        executor: crate::distributed::Executor,
    },
    /// Import CSV + schema into the graph (created if missing, incremental otherwise).
    ImportGraph(ImportSpec),
    /// Create an empty graph (no schema, no data).
    CreateGraph,
    /// Remove every vertex and edge; with `clear_metadata` the schema too.
    ClearGraph {
        /// Also drop the schema.
        clear_metadata: bool,
    },
    /// Delete the graph, its snapshots and its catalogue row.
    DeleteGraph,
    /// Dump a succeeded job's result (REFERENCE §2.4).
    ExportResult(crate::export::result::ExportResultSpec),
    /// Write the graph as schema + vertex + edge files (REFERENCE §5.2).
    ExportGraph(crate::export::graph::ExportGraphSpec),
    /// A vertex or edge filter query (REFERENCE §4.1–4.2).
    Query(crate::query::QuerySpec),
    /// A k-hop filtered query (REFERENCE §4.3).
    FilteredQuery(crate::query::filtered::FilteredQuerySpec),
    /// A Filtered Query V2: repeat/until/times traversal (REFERENCE §4.3).
    PathQuery(crate::query::path::PathQuerySpec),
    /// Delete the vertices a vertex filter matches, with their edges (REFERENCE §4.3).
    DeleteVertices(crate::query::QuerySpec),
    /// Sync a graph's HyG view (REFERENCE §13 #2).
    HygSync(crate::hyg::HygSync),
    /// Drop a graph's HyG view (§13 #5); the graph stays.
    HygDelete,
    /// Run an algorithm on a HyG view (§13 #6).
    HygAlgorithm(crate::hyg::HygAlgorithm),
    /// Run a user's Pregel script on a HyG view (§13 #7).
    HygDsl(crate::hyg::dsl::HygDsl),
}

impl JobKind {
    /// The job type the job list and the wire show for this kind.
    pub fn job_type(&self) -> JobType {
        match self {
            JobKind::Algorithm { .. } => JobType::Algorithm,
            JobKind::ImportGraph(_) => JobType::ImportGraph,
            JobKind::CreateGraph => JobType::CreateGraph,
            JobKind::ClearGraph { .. } => JobType::ClearGraph,
            JobKind::DeleteGraph => JobType::DeleteGraph,
            JobKind::ExportResult(_) => JobType::ExportResult,
            JobKind::ExportGraph(_) => JobType::ExportGraph,
            JobKind::Query(q) => match q.target {
                crate::query::QueryTarget::Vertices => JobType::VertexQuery,
                crate::query::QueryTarget::Edges => JobType::EdgeQuery,
            },
            JobKind::FilteredQuery(_) => JobType::FilteredQuery,
            JobKind::PathQuery(_) => JobType::PathQuery,
            JobKind::DeleteVertices(_) => JobType::DeleteVertices,
            JobKind::HygSync(_) => JobType::HygSync,
            JobKind::HygDelete => JobType::HygDelete,
            JobKind::HygAlgorithm(_) | JobKind::HygDsl(_) => JobType::Algorithm,
        }
    }

    /// Whether this is a HyG job (shown in HyG's status words).
    pub fn is_hyg(&self) -> bool {
        matches!(
            self,
            Self::HygSync(_) | Self::HygDelete | Self::HygAlgorithm(_) | Self::HygDsl(_)
        )
    }

    /// Whether the job writes its graph: makes its next version from the current one
    /// (import, clear, delete by filter), makes it (create) or deletes it.
    pub fn writes_graph(&self) -> bool {
        matches!(
            self,
            Self::ImportGraph(_)
                | Self::CreateGraph
                | Self::ClearGraph { .. }
                | Self::DeleteGraph
                | Self::DeleteVertices(_)
        )
    }

    /// The FIFO key of the job on graph `graph` of `project`: the jobs that write a graph and
    /// its HyG jobs run one at a time per graph, in submit order (REFERENCE §13 asks it of HyG
    /// jobs; writers need it so each builds on the version the one before it published, where
    /// two at once would each build on the same version and the lower one's rows be lost).
    /// Readers (algorithms, queries, exports) have none: they read the version current when
    /// they start.
    pub fn fifo_key(&self, project: &str, graph: &str) -> Option<String> {
        (self.writes_graph() || self.is_hyg()).then(|| format!("{project}/{graph}"))
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

impl JobKind {
    /// Checks the job before it is queued; returns the algorithm name the job list shows.
    pub(crate) async fn check(&self, cx: Submitting<'_>) -> Result<Option<String>> {
        use crate::export::{graph as export_graph, result as export_result};
        use crate::graph::{import, lifecycle};
        match self {
            Self::Algorithm {
                name,
                parameters,
                executor,
            } => crate::algo::job::check(cx, name, parameters, *executor)
                .await
                .map(Some),
            Self::Query(_)
            | Self::FilteredQuery(_)
            | Self::PathQuery(_)
            | Self::DeleteVertices(_) => crate::query::job::check(cx).await.map(|()| None),
            Self::ImportGraph(spec) => {
                import::job::check(cx, spec)?;
                import::job::check_target(cx).await.map(|()| None)
            }
            Self::CreateGraph => lifecycle::check_create(cx).await.map(|()| None),
            Self::ClearGraph { .. } | Self::DeleteGraph => cx.require_graph().await.map(|()| None),
            Self::ExportResult(spec) => {
                export_result::validate(cx.engine, cx.project, cx.graph, spec, cx.has_credentials)
                    .await
                    .map(|()| None)
            }
            Self::ExportGraph(spec) => {
                cx.require_whole_graph().await?;
                export_graph::validate(cx.engine, cx.project, spec, cx.has_credentials)
                    .map(|()| None)
            }
            Self::HygSync(_) | Self::HygDelete | Self::HygAlgorithm(_) | Self::HygDsl(_) => {
                // A sync builds the view from the whole graph in the node's memory.
                if matches!(self, Self::HygSync(_)) {
                    cx.require_whole_graph().await?;
                }
                cx.engine.check_hyg_job(cx.project, cx.graph, self).await
            }
        }
    }

    /// Runs the claimed job to its outcome (an `Err` is an internal error, failed as
    /// [`FailKind::RunFailed`](crate::FailKind::RunFailed)).
    pub(crate) async fn run(self, cx: Running<'_>) -> Result<Outcome> {
        use crate::export::{graph as export_graph, result as export_result};
        use crate::graph::{import, lifecycle};
        let Running { engine, job, ctl } = cx;
        let credentials = || engine.take_credentials(&job.id.0);
        match self {
            Self::Algorithm {
                name,
                parameters,
                executor,
            } => crate::algo::job::run(cx, name, parameters, executor).await,
            Self::Query(spec) => crate::query::job::run(cx, spec).await,
            Self::FilteredQuery(spec) => crate::query::job::run_filtered(cx, spec).await,
            Self::PathQuery(spec) => crate::query::job::run_path(cx, spec).await,
            Self::DeleteVertices(spec) => crate::graph::delete_vertices::run(cx, spec).await,
            Self::ImportGraph(spec) => import::job::run(cx, spec).await,
            Self::CreateGraph => lifecycle::create(cx).await,
            Self::ClearGraph { clear_metadata } => lifecycle::clear(cx, clear_metadata).await,
            Self::DeleteGraph => lifecycle::delete(cx).await,
            Self::ExportResult(spec) => {
                export_result::run(engine, job, &spec, credentials(), ctl).await
            }
            Self::ExportGraph(spec) => {
                export_graph::run(engine, job, &spec, credentials(), ctl).await
            }
            Self::HygSync(sync) => crate::hyg::run_sync(engine, job, &sync).await,
            Self::HygDelete => crate::hyg::run_delete(engine, job).await,
            Self::HygAlgorithm(spec) => crate::hyg::run_algorithm(engine, job, spec, ctl).await,
            Self::HygDsl(spec) => crate::hyg::dsl::run(engine, job, spec, ctl).await,
        }
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
