//! An algorithm job on the distributed executor: partition (once per graph version and process
//! count), run the group, merge the shards into the job's ordinary result.

use std::path::PathBuf;
use std::time::Instant;

use serde_json::{Map, Value, json};

use super::group::{self, GroupEnd, Placement};
use super::{ComputeTask, Shard, checkpoint, kernel, merge, parts, seeds};
use crate::Result;
use crate::algo::job::failed;
use crate::engine::Engine;
use crate::job::JobRecord;
use crate::job::control::JobControl;
use crate::job::store::{GraphInfo, Outcome};
use crate::objects::ObjectClient;
use crate::result::ResultKey;

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
    let catalog = engine.catalog();
    let (project, graph_name) = (job.project.as_str(), job.graph.as_str());
    // A partitioned version's parts decide the group's size; the node holds its vertices.
    let partitioned = catalog.partitioned(project, graph_name, info.version)?;
    if !(1..=super::MAX_PROCESSES).contains(&cfg.processes) {
        let why = format!(
            "the distributed executor is off on this node (start it with --compute-processes 1..={})",
            super::MAX_PROCESSES
        );
        return Ok(failed(
            name,
            match &partitioned {
                Some(p) => format!(
                    "{why}, and graph [{graph_name}] is partitioned into {} parts: only it can run jobs on it",
                    p.parts
                ),
                None => why,
            },
        ));
    }
    let (graph, processes) = match &partitioned {
        Some(p) => (
            catalog.vertices(project, graph_name, info.version)?,
            p.parts,
        ),
        None => (
            engine.catalog().graph_for(job, info.version, ctl)?,
            cfg.processes,
        ),
    };
    ctl.set_vertices(graph.stats().vertices);
    let (kernel, seeded) = match kernel::resolve(&graph, name, params) {
        Ok(k) => k,
        Err(why) => return Ok(failed(name, why)),
    };
    let started = Instant::now();
    let config = engine.config();
    let store = engine.objects().client(&config.data_dir)?;
    let weight = kernel.weight(params);
    let snapshot = catalog.snapshot_path(project, graph_name, info.version);
    let parts = if partitioned.is_some() {
        // Written by the import, weighted ones for every numeric property.
        let dir = crate::graph::partition::dir_name(info.version, processes, weight);
        format!("graphs/{project}/{graph_name}/{dir}")
    } else {
        parts::ensure(
            engine.objects(),
            &graph,
            &parts::Version {
                key: format!("graphs/{project}/{graph_name}"),
                snapshot: &snapshot,
                number: info.version,
            },
            processes,
            weight,
            &job.id.0,
        )?
    };
    let prefix = format!("compute/{}", job.id.0);
    let work_root = cfg
        .work_dir
        .clone()
        .unwrap_or_else(|| config.data_dir.join("compute"));
    let work = work_root.join(&job.id.0);
    // With the data dir as the store, the keys below `prefix` are the files of this dir.
    let in_data_dir = config.data_dir.join(&prefix);
    let _cleanup = Scratch::create(&store, &prefix, [work.clone(), in_data_dir])?;
    if let Some((labels, _)) = &seeded {
        seeds::write(&store, &prefix, labels, processes)?;
    }
    let mut task = ComputeTask {
        job: job.id.0.clone(),
        kernel: kernel.clone(),
        parts,
        shards: prefix.clone(),
        checkpoints: format!("{prefix}/checkpoints"),
        checkpoint_every: cfg.checkpoint_every,
        resume_from: None,
    };
    let task_key = format!("{prefix}/task.json");
    let placement = Placement::for_node(config)?;
    let mut attempts = Vec::new();
    loop {
        // A group that lost a process starts again from the latest complete checkpoint.
        task.resume_from = checkpoint::prepare(&store, &task.checkpoints, processes)?;
        task.write(&store, &task_key)?;
        match group::run(&placement, processes, &task_key, &work, ctl)? {
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
        .map(|i| Shard::read(&store, &task.shards, i))
        .collect::<Result<Vec<_>>>()?;
    let seed_names = seeded.as_ref().map_or(&[][..], |(_, names)| names);
    let output = match merge::merge(&graph, &kernel, params, seed_names, &shards) {
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

/// A job's scratch: its keys under `compute/<job>/` in the store, its group's working dir (the
/// first of `dirs`) and the local dir of those keys when the data dir is the store, emptied
/// when the job starts (what a dead claim of the same job left) and removed when the job is
/// done with them, on every path. (A directory store leaves empty directories behind when
/// objects are deleted; the dirs are removed whole.)
struct Scratch {
    store: ObjectClient,
    prefix: String,
    dirs: [PathBuf; 2],
}

impl Scratch {
    fn create(store: &ObjectClient, prefix: &str, dirs: [PathBuf; 2]) -> Result<Scratch> {
        let scratch = Scratch {
            store: store.clone(),
            prefix: prefix.to_owned(),
            dirs,
        };
        scratch.remove()?;
        std::fs::create_dir_all(&scratch.dirs[0])?;
        Ok(scratch)
    }

    fn remove(&self) -> Result<()> {
        self.store.delete_prefix(&self.prefix)?;
        for dir in &self.dirs {
            let _ = std::fs::remove_dir_all(dir);
        }
        Ok(())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Err(e) = self.remove() {
            tracing::warn!(error = %e, prefix = %self.prefix, "a distributed job's scratch objects are left in the store");
        }
    }
}
