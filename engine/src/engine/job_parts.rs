//! The engine's parts as the job machinery in `job/` reaches them (the runner, the heartbeat,
//! submit, the sweep loop, the cross-node events), beside those [`super::parts`] gives every
//! domain module: the jobs this process runs, the job events, the workers' wake-up, this
//! process's id and claim numbers, the job id sequence and the credential vault. With these,
//! nothing outside `engine/` reads `Engine`'s fields, which are private to it.

use std::sync::atomic::Ordering;

use tokio::sync::Notify;

use super::Engine;
use crate::job::events::JobEvents;
use crate::job::running::RunningJobs;
use crate::obs::vault::CredentialVault;

impl Engine {
    /// The jobs this process runs now, with their controls.
    pub(crate) fn running(&self) -> &RunningJobs {
        &self.inner.running
    }

    /// Job change announcements (in-process, relayed to other nodes on PostgreSQL).
    pub(crate) fn events(&self) -> &JobEvents {
        &self.inner.events
    }

    /// Woken on submit so idle workers pick the job up at once.
    pub(crate) fn wake(&self) -> &Notify {
        &self.inner.wake
    }

    /// This process's id: its node id in cross-node events and the first half of its fence
    /// tokens (see `job::runner`).
    pub(crate) fn node_id(&self) -> &str {
        &self.inner.owner
    }

    /// The next claim number of this process (the second half of a fence token).
    pub(crate) fn next_claim(&self) -> u64 {
        self.inner.claims.fetch_add(1, Ordering::Relaxed)
    }

    /// The next number of the job id sequence (see [`crate::job::JobId::generate`]).
    pub(crate) fn next_job_seq(&self) -> u64 {
        self.inner.seq.fetch_add(1, Ordering::Relaxed)
    }

    /// The OBS credentials of queued jobs, held in memory until a worker takes the job.
    pub(crate) fn vault(&self) -> &CredentialVault {
        &self.inner.obs_vault
    }
}
