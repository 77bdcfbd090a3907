//! Where each kind of job lives. A kind is its spec (a [`JobKind`] variant), the check made
//! before it is queued and the executor a worker runs; the last two live in the kind's domain
//! module, and the two `match`es below are the registration:
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
//! A new kind adds its variant to [`JobKind`] (with its [`JobType`](super::JobType)), one arm to
//! each `match` here, and its module.

use super::control::JobControl;
use super::store::{JobStore, Outcome};
use super::{JobKind, JobRecord};
use crate::engine::{Engine, graph_missing};
use crate::{Error, Result};

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
        let Some(info) = engine.inner.store.graph(self.project, self.graph).await? else {
            return Ok(None);
        };
        let (engine, project, graph) = (
            engine.clone(),
            self.project.to_owned(),
            self.graph.to_owned(),
        );
        blocking(move || {
            engine
                .inner
                .catalog
                .partitioned(&project, &graph, info.version)
        })
        .await
    }

    /// `NotFound` unless the project has the graph.
    pub(crate) async fn require_graph(&self) -> Result<()> {
        match self
            .engine
            .inner
            .store
            .graph(self.project, self.graph)
            .await
        {
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
        let credentials = || engine.inner.obs_vault.take(&job.id.0);
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
