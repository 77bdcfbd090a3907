//! Checkpoints as the kernels take and restore them (the format and the choice of superstep to
//! resume from are the engine's: `engine::distributed::checkpoint`).

use engine::distributed::checkpoint::Checkpoint;
use engine::distributed::{ComputeTask, ShardValues};
use engine::objects::ObjectClient;

use crate::part::LocalGraph;
use crate::store_fault::store_failed;

/// This process's checkpoints of one task, in the object store.
pub(crate) struct Checkpoints {
    store: ObjectClient,
    prefix: String,
    every: u32,
    process: u32,
    resume: Option<u64>,
}

impl Checkpoints {
    pub(crate) fn new(task: &ComputeTask, process: u32, store: &ObjectClient) -> Self {
        Self {
            store: store.clone(),
            prefix: task.checkpoints.clone(),
            every: task.checkpoint_every,
            process,
            resume: task.resume_from,
        }
    }

    /// This process's state at the superstep the group resumes from (`None`: from the start).
    pub(crate) fn restore(&self) -> Result<Option<Checkpoint>, String> {
        let Some(superstep) = self.resume else {
            return Ok(None);
        };
        Checkpoint::read(&self.store, &self.prefix, superstep, self.process)
            .map(Some)
            .map_err(|e| store_failed(format_args!("checkpoint of superstep {superstep}"), &e))
    }

    /// Writes the state after `superstep` when a checkpoint is due then (`values` is only
    /// computed in that case).
    pub(crate) fn after(
        &self,
        superstep: u64,
        values: impl FnOnce() -> ShardValues,
        delta: f64,
    ) -> Result<(), String> {
        if self.every == 0 || !superstep.is_multiple_of(u64::from(self.every)) {
            return Ok(());
        }
        let c = Checkpoint {
            process: self.process,
            superstep,
            values: values(),
            delta,
        };
        c.write(&self.store, &self.prefix).map_err(|e| {
            store_failed(
                format_args!("writing the checkpoint of superstep {superstep}"),
                &e,
            )
        })
    }
}

/// Puts a checkpoint's float values back into an array by local index.
pub(crate) fn fill_f64(c: &Checkpoint, g: &LocalGraph, out: &mut [f64]) -> Result<(), String> {
    match &c.values {
        ShardValues::F64(values) => {
            for &(v, x) in values {
                out[g.local(v)? as usize] = x;
            }
            Ok(())
        }
        _ => Err("the checkpoint holds labels or counts, not numbers".into()),
    }
}

/// Puts a checkpoint's labels back into an array by local index.
pub(crate) fn fill_u32(c: &Checkpoint, g: &LocalGraph, out: &mut [u32]) -> Result<(), String> {
    match &c.values {
        ShardValues::U32(values) => {
            for &(v, x) in values {
                out[g.local(v)? as usize] = x;
            }
            Ok(())
        }
        _ => Err("the checkpoint holds numbers or counts, not labels".into()),
    }
}

/// Puts a checkpoint's distances and parents back into arrays by local index.
pub(crate) fn fill_paths(
    c: &Checkpoint,
    g: &LocalGraph,
    dist: &mut [f64],
    parent: &mut [u32],
) -> Result<(), String> {
    match &c.values {
        ShardValues::Paths(values) => {
            for &(v, d, p) in values {
                let i = g.local(v)? as usize;
                dist[i] = d;
                parent[i] = p;
            }
            Ok(())
        }
        _ => Err("the checkpoint holds no paths".into()),
    }
}
