//! Engine configuration, built once by the composition root.

use std::path::PathBuf;

/// Default number of jobs that run at once.
pub const DEFAULT_WORKERS: usize = 2;
/// Default number of queued jobs accepted before submissions are refused.
pub const DEFAULT_QUEUE_LIMIT: u64 = 10_000;

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
}
