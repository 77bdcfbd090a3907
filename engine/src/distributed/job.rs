//! An algorithm job on the distributed executor: partition (once per graph version and process
//! count), run the group, merge the shards into the job's ordinary result.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value, json};

use super::group::{self, GroupEnd};
use super::{ComputeTask, Shard, checkpoint, kernel, merge};
use crate::algo::job::failed;
use crate::engine::Engine;
use crate::graph::{Graph, partition};
use crate::job::JobRecord;
use crate::job::control::JobControl;
use crate::job::store::{GraphInfo, Outcome};
use crate::result::ResultKey;
use crate::{Error, Result};

/// Runs algorithm `name` of `job` on a group of processes (blocking).
pub(crate) fn compute(
    engine: &Engine,
    job: &JobRecord,
    info: &GraphInfo,
    name: &str,
    params: &Map<String, Value>,
    ctl: &JobControl,
) -> Result<Outcome> {
    let cfg = &engine.config().compute;
    let processes = cfg.processes;
    if !(1..=super::MAX_PROCESSES).contains(&processes) {
        return Ok(failed(
            name,
            format!(
                "the distributed executor is off on this node (start it with --compute-processes 1..={})",
                super::MAX_PROCESSES
            ),
        ));
    }
    let graph = engine.graph_for(job, info.version, ctl)?;
    ctl.set_vertices(graph.stats().vertices);
    let kernel = match kernel::resolve(&graph, name, params) {
        Ok(k) => k,
        Err(why) => return Ok(failed(name, why)),
    };
    let started = Instant::now();
    let snapshot = engine
        .inner
        .catalog
        .snapshot_path(&job.project, &job.graph, info.version);
    let weight = kernel.weight(params);
    let parts_dir = ensure_partition(
        &graph,
        &snapshot,
        info.version,
        processes,
        weight,
        &job.id.0,
    )?;
    let scratch = engine.config().data_dir.join("compute").join(&job.id.0);
    let _cleanup = Scratch::create(&scratch)?;
    let mut task = ComputeTask {
        job: job.id.0.clone(),
        kernel: kernel.clone(),
        parts_dir,
        shard_dir: scratch.clone(),
        checkpoint_dir: scratch.join("checkpoints"),
        checkpoint_every: cfg.checkpoint_every,
        resume_from: None,
    };
    let task_path = scratch.join("task.json");
    let command = cfg.resolved_command()?;
    let mut attempts = Vec::new();
    loop {
        // A group that lost a process starts again from the latest complete checkpoint.
        task.resume_from = checkpoint::prepare(&task.checkpoint_dir, processes)?;
        std::fs::write(
            &task_path,
            serde_json::to_vec_pretty(&task).map_err(|e| Error::Internal(e.to_string()))?,
        )?;
        match group::run(&command, processes, &task_path, &scratch, ctl)? {
            GroupEnd::Done => break,
            GroupEnd::Cancelled => return Ok(Outcome::Cancelled),
            GroupEnd::Failed {
                reason: why,
                retryable,
            } => {
                let attempt = attempts.len() as u32 + 1;
                if attempt > cfg.retries || !retryable {
                    let tries = attempt.to_string()
                        + if attempt == 1 {
                            " attempt"
                        } else {
                            " attempts"
                        };
                    return Ok(failed(name, format!("{why} (after {tries})")));
                }
                tracing::warn!(job = %job.id, attempt, reason = %why, "compute group failed; starting it again");
                attempts.push(json!({"reason": why, "resumedFrom": task.resume_from}));
            }
        }
    }
    let shards = (0..processes)
        .map(|i| Shard::read(&scratch, i))
        .collect::<std::io::Result<Vec<_>>>()?;
    let output = match merge::merge(&graph, &kernel, params, &shards) {
        Ok(out) => out,
        Err(why) => return Ok(failed(name, format!("the shards do not add up: {why}"))),
    };
    if ctl.is_cancelled() {
        return Ok(Outcome::Cancelled);
    }
    let runtime = started.elapsed().as_secs_f64();
    let total =
        crate::algo::job::write_result(engine, &ResultKey::of_claim(job), &graph, output, runtime)?;
    ctl.set_rows(total);
    // Only a job that needed more than one group says so (a detail no GES answer shows).
    let detail = (!attempts.is_empty()).then(|| {
        json!({"distributed": {"processes": processes, "failedAttempts": attempts,
                               "resumedFrom": task.resume_from}})
    });
    Ok(Outcome::Succeeded {
        result_total: total,
        graph_version: Some(info.version),
        detail,
        partial: false,
        graph_change: None,
    })
}

/// The partition of `graph` (whose snapshot is `snapshot`) into `parts`, written beside the
/// snapshot unless it is there already. Written under a name of the job's own and renamed into
/// place, so two jobs partitioning at once do not mix their files.
fn ensure_partition(
    graph: &Arc<Graph>,
    snapshot: &Path,
    version: i64,
    parts: u32,
    weight: Option<&str>,
    job: &str,
) -> Result<PathBuf> {
    let parent = snapshot.parent().expect("a snapshot has a directory");
    let name = partition::dir_name(version, parts, weight);
    let dir = parent.join(&name);
    if dir.join(partition::MANIFEST).exists() {
        return Ok(dir);
    }
    let tmp = parent.join(format!(".{name}.{job}"));
    partition::write(graph, version, parts, weight, &tmp)?;
    if std::fs::rename(&tmp, &dir).is_err() {
        // Another job got there first.
        let _ = std::fs::remove_dir_all(&tmp);
    }
    if !dir.join(partition::MANIFEST).exists() {
        return Err(Error::Internal(format!(
            "the partition {} could not be written",
            dir.display()
        )));
    }
    Ok(dir)
}

/// A job's scratch dir, removed when the job is done with it.
struct Scratch(PathBuf);

impl Scratch {
    fn create(dir: &Path) -> Result<Scratch> {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir)?;
        Ok(Scratch(dir.to_owned()))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
