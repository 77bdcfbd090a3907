//! The jobs this process runs now, by id, each with its [`JobControl`]: the runner adds a job
//! when it claims it and removes it when it ends; a cancel (asked here, or of another node and
//! relayed by [`super::cluster_events`]) finds the job's control here to stop its compute.

use std::collections::HashMap;
use std::sync::Mutex;

use super::control::JobControl;

/// The controls of the jobs this process runs, by job id.
#[derive(Debug, Default)]
pub(crate) struct RunningJobs(Mutex<HashMap<String, JobControl>>);

impl RunningJobs {
    /// Job `id` runs here from now on, under `ctl`.
    pub(crate) fn insert(&self, id: &str, ctl: JobControl) {
        self.lock().insert(id.to_owned(), ctl);
    }

    /// Job `id` no longer runs here.
    pub(crate) fn remove(&self, id: &str) {
        self.lock().remove(id);
    }

    /// The control of job `id`, if it runs here.
    pub(crate) fn get(&self, id: &str) -> Option<JobControl> {
        self.lock().get(id).cloned()
    }

    /// Whether job `id` runs here.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.lock().contains_key(id)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, JobControl>> {
        self.0.lock().expect("running lock")
    }
}
