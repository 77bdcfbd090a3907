//! Engine configuration, built once by the composition root.

use std::path::PathBuf;
use std::time::Duration;

use crate::job::store::{DEFAULT_CANCEL_DEADLINE, DEFAULT_LEASE, Retention};

/// Default number of jobs that run at once.
pub const DEFAULT_WORKERS: usize = 2;
/// Default number of queued jobs accepted before submissions are refused.
pub const DEFAULT_QUEUE_LIMIT: u64 = 10_000;

/// Default period of the job sweep.
pub const DEFAULT_SWEEP_EVERY: Duration = Duration::from_secs(5);

/// How the engine stores and runs things.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Root of everything persisted: `graphjobs.db`, `graphs/`, `results/`.
    pub data_dir: PathBuf,
    /// Jobs that run at once; 0 runs none (a submit-only engine, also used by tests).
    pub workers: usize,
    /// Queued jobs accepted before `QueueFull`.
    pub queue_limit: u64,
    /// Directories local import paths must lie below (the data dir is always allowed).
    pub import_roots: Vec<PathBuf>,
    /// Object storage (OBS) endpoint, region and addressing style.
    pub obs: crate::obs::ObsConfig,
    /// PostgreSQL job store shared by several nodes (`postgres://…`); `None` = the SQLite file
    /// in the data dir. Nodes sharing PostgreSQL share graphs and results through
    /// [`object_store`](Self::object_store) (or one data dir all of them mount).
    pub database_url: Option<String>,
    /// Bytes of graphs a node keeps in memory before the least recently used are evicted
    /// (`--graph-cache-bytes`); `None` keeps every graph used.
    pub graph_cache_bytes: Option<u64>,
    /// Where graph snapshots and job results live (`--object-store`); by default the data dir.
    pub object_store: crate::objects::ObjectStoreUrl,
    /// A running job's lease; its worker renews it every third of this.
    pub lease: Duration,
    /// How long a running job may take to stop after a cancel before it is failed.
    pub cancel_deadline: Duration,
    /// How often the sweep (expired leases, overdue cancels, retention) runs.
    pub sweep_every: Duration,
    /// How long finished jobs and their results are kept (uploads: as long as succeeded jobs).
    pub retention: Retention,
    /// Largest upload for an import, in bytes, all its files together ([`crate::upload`]).
    pub upload_limit: u64,
    /// The distributed executor: processes per job and how to start one
    /// ([`crate::distributed`]).
    pub compute: crate::distributed::ComputeConfig,
}

impl EngineConfig {
    /// Defaults for a data dir.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            workers: DEFAULT_WORKERS,
            queue_limit: DEFAULT_QUEUE_LIMIT,
            import_roots: Vec::new(),
            obs: crate::obs::ObsConfig::default(),
            database_url: None,
            object_store: crate::objects::ObjectStoreUrl::DataDir,
            graph_cache_bytes: None,
            lease: DEFAULT_LEASE,
            cancel_deadline: DEFAULT_CANCEL_DEADLINE,
            sweep_every: DEFAULT_SWEEP_EVERY,
            retention: Retention::default(),
            upload_limit: crate::upload::DEFAULT_UPLOAD_LIMIT,
            compute: crate::distributed::ComputeConfig::default(),
        }
    }

    /// The SQLite job store file.
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("graphjobs.db")
    }

    /// Where job results are kept.
    pub fn results_dir(&self) -> PathBuf {
        self.data_dir.join("results")
    }

    /// Where graph snapshots are kept.
    pub fn graphs_dir(&self) -> PathBuf {
        self.data_dir.join("graphs")
    }

    /// Where the master key is kept.
    pub fn secrets_dir(&self) -> PathBuf {
        self.data_dir.join(SECRETS_DIR)
    }

    /// Where uploaded import files are kept: `<this>/<project>/<id>/`.
    pub fn uploads_dir(&self) -> PathBuf {
        self.data_dir.join("uploads")
    }
}

/// The data dir's entry holding the master key (`auth`, which is given the data dir alone).
pub(crate) const SECRETS_DIR: &str = "secrets";
