//! What the workers do for HyG jobs: sync, delete, algorithm (with its output mode and timeout).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::{HygAlgorithm, HygLabel, HygSync, HygView, OutputMode, TRUNCATED_ROWS};
use crate::Result;
use crate::algo::{self, AlgoError};
use crate::engine::Engine;
use crate::graph::{Graph, Schema};
use crate::job::control::JobControl;
use crate::job::kind::blocking;
use crate::job::store::{JobStore, Outcome};
use crate::job::{FailKind, JobRecord};
use crate::result::ResultKey;

pub(super) fn failed(kind: FailKind, reason: String) -> Outcome {
    Outcome::Failed {
        kind,
        reason,
        detail: None,
    }
}

pub(super) fn done(total: u64, version: Option<i64>) -> Outcome {
    Outcome::Succeeded {
        result_total: total,
        graph_version: version,
        detail: None,
        partial: false,
        graph_change: None,
    }
}

async fn view_of(engine: &Engine, job: &JobRecord) -> Result<Option<HygView>> {
    let stored = engine.store().hyg(&job.project, &job.graph).await?;
    stored.as_deref().map(HygView::decode).transpose()
}

/// Checks a sync list against the schema: every label exists, every property belongs to it.
fn check_labels(
    schema: &Schema,
    labels: &[HygLabel],
    what: &str,
) -> std::result::Result<(), String> {
    for l in labels {
        let Some(id) = schema.label_id(&l.label) else {
            return Err(format!(
                "{what} label [{}] does not exist in the graph",
                l.label
            ));
        };
        let def = schema.label(id);
        if let Some(p) = l.property.iter().find(|p| def.property_index(p).is_none()) {
            return Err(format!(
                "property [{p}] does not exist on {what} label [{}]",
                l.label
            ));
        }
    }
    Ok(())
}

/// Syncs the view: the first sync fixes the label lists, every sync recounts from the graph's
/// current version.
pub(crate) async fn run_sync(engine: &Engine, job: &JobRecord, sync: &HygSync) -> Result<Outcome> {
    let Some(mut view) = view_of(engine, job).await? else {
        return Ok(failed(
            FailKind::Refused,
            format!("HyG graph [{}] does not exist", job.graph),
        ));
    };
    let Some(info) = engine.store().graph(&job.project, &job.graph).await? else {
        return Ok(failed(
            FailKind::Refused,
            format!("graph [{}] does not exist", job.graph),
        ));
    };
    let graph = engine
        .catalog()
        .get(&job.project, &job.graph, info.version)?;
    if !view.synced {
        view.vertex = sync.vertex.clone().unwrap_or_default();
        view.edge = sync.edge.clone().unwrap_or_default();
    }
    let checked = check_labels(graph.schema(), &view.vertex, "vertex")
        .and_then(|()| check_labels(graph.schema(), &view.edge, "edge"));
    if let Err(reason) = checked {
        return Ok(failed(FailKind::Refused, format!("sync failed: {reason}")));
    }
    let stats = graph.stats();
    view.synced = true;
    view.vertex_num = stats.vertices;
    view.edge_num = stats.edges;
    view.update_time = crate::time_fmt::ges(crate::time_fmt::now());
    view.graph_version = Some(info.version);
    engine
        .store()
        .put_hyg(&job.project, &job.graph, &view.encode())
        .await?;
    Ok(done(0, Some(info.version)))
}

/// Drops the view (the graph stays). Deleting a view that is already gone succeeds.
pub(crate) async fn run_delete(engine: &Engine, job: &JobRecord) -> Result<Outcome> {
    if !engine.store().delete_hyg(&job.project, &job.graph).await? {
        tracing::info!(job = %job.id, "HyG view was already gone; delete is idempotent");
    }
    Ok(done(0, None))
}

/// The graph a HyG computation reads: the version the view last synced (the current one if
/// that is gone), with that version. `Ok(Err(reason))` when the view or the graph is gone.
pub(super) async fn synced_graph(
    engine: &Engine,
    job: &JobRecord,
    ctl: &JobControl,
) -> Result<std::result::Result<(Arc<Graph>, i64), String>> {
    let Some(view) = view_of(engine, job).await? else {
        return Ok(Err(format!("HyG graph [{}] does not exist", job.graph)));
    };
    let Some(info) = engine.store().graph(&job.project, &job.graph).await? else {
        return Ok(Err(format!("graph [{}] does not exist", job.graph)));
    };
    let version = view.graph_version.unwrap_or(info.version);
    let (engine2, job2, ctl2) = (engine.clone(), job.clone(), ctl.clone());
    let graph = blocking(
        move || match engine2.catalog().graph_for(&job2, version, &ctl2) {
            Ok(g) => Ok(g),
            Err(_) => engine2.catalog().graph_for(&job2, info.version, &ctl2),
        },
    )
    .await?;
    Ok(Ok((graph, version)))
}

/// A job's `timeout`: cancels its control once the time has passed.
pub(super) struct Deadline {
    fired: Arc<AtomicBool>,
    timer: Option<tokio::task::JoinHandle<()>>,
}

impl Deadline {
    /// Starts the timer (none without a timeout).
    pub(super) fn arm(timeout_s: Option<u64>, ctl: &JobControl) -> Self {
        let fired = Arc::new(AtomicBool::new(false));
        let timer = timeout_s.map(|secs| {
            let (flag, ctl) = (fired.clone(), ctl.clone());
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_secs(secs)).await;
                flag.store(true, Ordering::SeqCst);
                ctl.cancel();
            })
        });
        Self { fired, timer }
    }

    /// Stops the timer; whether it had fired.
    pub(super) fn disarm(self) -> bool {
        if let Some(t) = self.timer {
            t.abort();
        }
        self.fired.load(Ordering::SeqCst)
    }
}

/// Runs a HyG algorithm on the graph version the view last synced (the current one if that is
/// gone), failing it with a reason once `timeout_s` has passed.
pub(crate) async fn run_algorithm(
    engine: &Engine,
    job: &JobRecord,
    spec: HygAlgorithm,
    ctl: &JobControl,
) -> Result<Outcome> {
    let name = spec.name.clone();
    let error = |e: String| {
        failed(
            FailKind::RunFailed,
            format!("Running algorithm [{name}] error: {e}"),
        )
    };
    let (graph, version) = match synced_graph(engine, job, ctl).await? {
        Ok(found) => found,
        Err(reason) => return Ok(error(reason)),
    };
    let timeout_s = spec.timeout_s;
    let deadline = Deadline::arm(timeout_s, ctl);
    let (engine2, at, ctl2) = (engine.clone(), ResultKey::of_claim(job), ctl.clone());
    let computed =
        tokio::task::spawn_blocking(move || compute(&engine2, &at, &graph, &spec, &ctl2))
            .await
            .map_err(|e| crate::Error::Internal(format!("compute task: {e}")))?;
    let timed_out = deadline.disarm();
    Ok(match computed? {
        Computed::Rows(total) => done(total, Some(version)),
        Computed::Cancelled if timed_out => error(format!(
            "timed out after {} s",
            timeout_s.unwrap_or_default()
        )),
        Computed::Cancelled => Outcome::Cancelled,
        Computed::Failed(e) => error(e),
    })
}

enum Computed {
    Rows(u64),
    Cancelled,
    Failed(String),
}

fn compute(
    engine: &Engine,
    at: &ResultKey,
    graph: &Graph,
    spec: &HygAlgorithm,
    ctl: &JobControl,
) -> Result<Computed> {
    ctl.set_vertices(graph.stats().vertices);
    let started = Instant::now();
    let kernel = super::names::kernel(&spec.name);
    let output = match algo::run(graph, kernel, &spec.parameters, ctl) {
        Ok(out) => out,
        Err(AlgoError::Cancelled) => return Ok(Computed::Cancelled),
        Err(e) => return Ok(Computed::Failed(e.to_string())),
    };
    if ctl.is_cancelled() {
        return Ok(Computed::Cancelled);
    }
    let cap = match spec.mode {
        OutputMode::Full => u64::MAX,
        OutputMode::Truncated => TRUNCATED_ROWS,
    };
    let mut w = engine.results().writer(at)?;
    let mut seen = 0u64;
    output.rows.render(graph, |row| {
        seen += 1;
        if seen <= cap { w.push(&row) } else { Ok(()) }
    })?;
    let mut scalars = output.scalars;
    if spec.mode == OutputMode::Truncated {
        scalars.insert("truncated".into(), (seen > cap).into());
        scalars.insert("total_rows".into(), seen.into());
    }
    let key = output.rows.key();
    let total = w.finish(key, scalars, Some(started.elapsed().as_secs_f64()))?;
    ctl.set_rows(total);
    Ok(Computed::Rows(total))
}
