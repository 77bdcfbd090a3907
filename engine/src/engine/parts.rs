//! The engine's parts as the domain modules reach them (the executors in `algo/`, `query/`,
//! `graph/`, `export/`, `hyg/`, `distributed/`, and the visualization scheduler): the job
//! store, the graph catalogue, the results, the object store, a queued job's OBS credentials
//! and the shutdown signal. The job machinery in `job/` (runner, heartbeat, submit, sweeper,
//! cluster events) reaches a few more through `job_parts.rs`. Outside `engine/` nothing
//! touches `Engine`'s fields (they are private to it), so what it holds, and how, can change
//! without touching them.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::Engine;
use crate::catalog::GraphCatalog;
use crate::job::store::SqlStore;
use crate::objects::Objects;
use crate::obs::ObsCredentials;
use crate::result::ResultStore;

impl Engine {
    /// The job store (jobs, the graph catalogue's rows, credentials, visualization jobs).
    pub(crate) fn store(&self) -> &SqlStore {
        &self.inner.store
    }

    /// The graphs in memory and their snapshots.
    pub(crate) fn catalog(&self) -> &GraphCatalog {
        &self.inner.catalog
    }

    /// Job results, in the data dir and the object store.
    pub(crate) fn results(&self) -> &ResultStore {
        &self.inner.results
    }

    /// The object store (`--object-store`).
    pub(crate) fn objects(&self) -> &Arc<Objects> {
        &self.inner.objects
    }

    /// Takes the OBS credentials job `id` was submitted with (they are used once, and kept in
    /// memory only).
    pub(crate) fn take_credentials(&self, id: &str) -> Option<ObsCredentials> {
        self.inner.obs_vault.take(id)
    }

    /// Whether job `id` runs in this process now.
    pub(crate) fn runs_here(&self, id: &str) -> bool {
        self.inner.running.contains(id)
    }

    /// Cancelled when the engine shuts down: background loops end on it.
    pub(crate) fn shutdown_signal(&self) -> &CancellationToken {
        &self.inner.shutdown
    }
}
