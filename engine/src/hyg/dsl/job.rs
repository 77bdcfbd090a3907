//! What a worker does for a dsl job: compile the stored script, run it on the synced graph
//! (with the job's timeout and cancel flag), and keep each partition's stdout as the result.

use std::time::Instant;

use serde_json::{Map, json};

use super::pregel::Stop;
use super::{HygDsl, NAME, PARTITIONS, STDOUT_KEY};
use crate::Result;
use crate::engine::Engine;
use crate::hyg::run::{Deadline, done, failed, synced_graph};
use crate::job::control::JobControl;
use crate::job::store::Outcome;
use crate::job::{FailKind, JobRecord};
use crate::result::ResultKey;

/// Runs the dsl job `spec`.
pub(crate) async fn run(
    engine: &Engine,
    job: &JobRecord,
    spec: HygDsl,
    ctl: &JobControl,
) -> Result<Outcome> {
    let error = |e: String| failed(FailKind::RunFailed, format!("Running {NAME} error: {e}"));
    let (graph, version) = match synced_graph(engine, job, ctl).await? {
        Ok(found) => found,
        Err(reason) => return Ok(error(reason)),
    };
    let timeout_s = spec.timeout_s;
    let deadline = Deadline::arm(timeout_s, ctl);
    let (engine2, at, ctl2, graph_name) = (
        engine.clone(),
        ResultKey::of_claim(job),
        ctl.clone(),
        job.graph.clone(),
    );
    let computed =
        tokio::task::spawn_blocking(move || -> Result<std::result::Result<u64, Stop>> {
            ctl2.set_vertices(graph.stats().vertices);
            let started = Instant::now();
            // Checked at submit; a script refused now (the rules changed) fails the job.
            let program = match super::compile::compile(&spec.script, &graph_name) {
                Ok(p) => p,
                Err(r) => return Ok(Err(Stop::Failed(format!("script refused: {r}")))),
            };
            let out = match super::script::execute(&program, &graph, &ctl2) {
                Ok(out) => out,
                Err(stop) => return Ok(Err(stop)),
            };
            let mut w = engine2.results().writer(&at)?;
            for (k, lines) in out.partitions.iter().enumerate() {
                for line in lines {
                    w.push(&json!({"partition": k, "line": line}))?;
                }
            }
            let mut scalars = Map::new();
            scalars.insert("partitions".into(), PARTITIONS.into());
            scalars.insert("supersteps".into(), out.supersteps.into());
            scalars.insert("converged".into(), out.converged.into());
            let total = w.finish(STDOUT_KEY, scalars, Some(started.elapsed().as_secs_f64()))?;
            ctl2.set_rows(total);
            Ok(Ok(total))
        })
        .await
        .map_err(|e| crate::Error::Internal(format!("compute task: {e}")))?;
    let timed_out = deadline.disarm();
    Ok(match computed? {
        Ok(total) => done(total, Some(version)),
        Err(Stop::Cancelled) if timed_out => error(format!(
            "timed out after {} s",
            timeout_s.unwrap_or_default()
        )),
        Err(Stop::Cancelled) => Outcome::Cancelled,
        Err(Stop::Failed(e)) => error(e),
    })
}
