//! The sweep of distributed jobs' scratch: what a job keeps under `compute/<job>/` in the object
//! store (its task, result shards and checkpoints) and in its group's working dir
//! (`<work dir>/<job>`, [`super::ComputeConfig::work_dir`]) is removed by the job itself when it
//! ends ([`super::job`]'s `Scratch`, on every path but one: its node killed with `kill -9`, or
//! dying, between the group's start and the cleanup). This sweep removes what such a node
//! left, for jobs that are terminal or no longer exist, and never touches a job that may still
//! run (queued, running or cancelling, on any node sharing the job store, or running on this
//! one).
//!
//! A job found terminal stays terminal, so a removal cannot race its claim; a job whose lease
//! was lost while its stalled node still runs its group is terminal or queued again: when
//! queued it keeps its scratch, when terminal its late outcome would be discarded anyway (its
//! writes are fenced).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::engine::Engine;
use crate::job::store::JobStore;
use crate::objects::Objects;
use crate::{Error, Result};

/// The store prefix of every distributed job's scratch.
const PREFIX: &str = "compute";

/// Removes the scratch of distributed jobs that are terminal or gone; the number of jobs whose
/// scratch was removed.
///
/// # Errors
/// The object store cannot be listed, or the job store cannot be read.
pub(crate) async fn sweep_compute_scratch(engine: &Engine) -> Result<u64> {
    let places = Places::of(engine);
    let found = blocking(move || places.jobs()).await??;
    let mut doomed = Vec::new();
    for id in found {
        let running_here = engine.runs_here(&id);
        let state = engine.store().job_state(&id).await?;
        if !running_here && state.is_none_or(|s| s.is_terminal()) {
            doomed.push(id);
        }
    }
    if doomed.is_empty() {
        return Ok(0);
    }
    let places = Places::of(engine);
    blocking(move || {
        let mut removed = 0;
        for id in &doomed {
            match places.remove(id) {
                Ok(()) => removed += 1,
                Err(e) => {
                    tracing::warn!(job = %id, error = %e, "a distributed job's scratch is left; retrying next sweep");
                }
            }
        }
        removed
    })
    .await
}

/// Where distributed jobs keep scratch: the object store and the groups' working dirs.
struct Places {
    /// The object store.
    objects: Arc<Objects>,
    /// The data dir (the store's local cache, and `compute/` in it).
    data_dir: PathBuf,
    /// Where a job's group runs: `<work dir>/<job>`.
    work_root: PathBuf,
}

impl Places {
    fn of(engine: &Engine) -> Self {
        let config = engine.config();
        Self {
            objects: engine.objects().clone(),
            data_dir: config.data_dir.clone(),
            work_root: config
                .compute
                .work_dir
                .clone()
                .unwrap_or_else(|| config.data_dir.join(PREFIX)),
        }
    }

    /// The jobs with scratch objects in the store or a working dir. Blocking.
    fn jobs(&self) -> Result<BTreeSet<String>> {
        let store = self.objects.client(&self.data_dir)?;
        let mut ids: BTreeSet<String> = store
            .list(PREFIX)?
            .iter()
            .filter_map(|key| job_of(key))
            .collect();
        ids.extend(dir_names(&self.work_root));
        ids.extend(dir_names(&self.data_dir.join(PREFIX)));
        Ok(ids)
    }

    /// Removes job `id`'s scratch objects and dirs (the dir of its keys too, when the data dir
    /// is the store: a directory store leaves empty directories behind). Blocking.
    fn remove(&self, id: &str) -> Result<()> {
        let store = self.objects.client(&self.data_dir)?;
        store.delete_prefix(&format!("{PREFIX}/{id}"))?;
        for dir in [self.work_root.join(id), self.data_dir.join(PREFIX).join(id)] {
            match std::fs::remove_dir_all(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        tracing::info!(job = %id, "removed a finished distributed job's leftover scratch");
        Ok(())
    }
}

/// The job a key under `compute/` belongs to (`compute/<job>/…`).
fn job_of(key: &str) -> Option<String> {
    let rest = key.strip_prefix(PREFIX)?.strip_prefix('/')?;
    let (job, _) = rest.split_once('/')?;
    is_job_id(job).then(|| job.to_owned())
}

/// Whether `name` has the shape of a [`crate::job::JobId`] (a UUID and 9 digits): nothing else
/// in the store or in a working dir the operator chose (`--compute-work-dir /tmp`) is swept.
fn is_job_id(name: &str) -> bool {
    name.len() == 45
        && name.is_char_boundary(36)
        && uuid::Uuid::try_parse(&name[..36]).is_ok()
        && name[36..].bytes().all(|b| b.is_ascii_digit())
}

/// The names of the directories in `dir` that are job ids (none when it does not exist).
fn dir_names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| is_job_id(name))
                .collect()
        })
        .unwrap_or_default()
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Internal(format!("compute scratch sweep: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_job_and_only_job_ids_count() {
        let id = crate::job::JobId::generate(7).0;
        assert!(is_job_id(&id), "{id}");
        let key = |rest: &str| format!("compute/{id}/{rest}");
        assert_eq!(job_of(&key("task.json")), Some(id.clone()));
        assert_eq!(
            job_of(&key("checkpoints/ckpt-s10-p0.bin")),
            Some(id.clone())
        );
        assert_eq!(job_of(&format!("computed/{id}/x")), None);
        assert_eq!(job_of("compute/loose.bin"), None);
        assert_eq!(job_of("compute/j1/task.json"), None, "not a job id");
        assert_eq!(job_of("graphs/p/g/v1.bin"), None);
        for name in [
            "",
            "tmp",
            &id[..44],
            &format!("{id}0"),
            &id.replace('-', "x"),
        ] {
            assert!(!is_job_id(name), "{name}");
        }
    }
}
