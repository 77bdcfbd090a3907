//! # graphjobs engine
//!
//! Everything graphjobs computes and keeps, with no web dependencies:
//!
//! - [`graph`]: graphs imported from GES-format CSV + schema, held in memory as CSR with
//!   property columns, persisted as snapshots in the data dir.
//! - [`algo`]: the GES algorithm catalogue over that CSR (rayon-parallel, cancellable).
//! - [`job`]: durable jobs — a [`job::store::JobStore`] (SQLite by default), a bounded worker
//!   pool, honest cancellation, progress, recovery after a crash.
//! - [`result`]: job results stored outside the job row, served a page at a time at any offset.
//! - [`auth`]: project-scoped API tokens, stored hashed.
//! - [`viz`]: ModelArts visualization jobs (lifecycle, scheduler, store).
//! - [`obs`]: export-result, export-graph and imports over S3-compatible OBS or local paths.
//!
//! Web layers (the REST server and the console's server functions) call only the façade,
//! [`Engine`].

pub mod admin;
pub mod algo;
pub mod audit;
pub mod auth;
mod catalog;
pub mod config;
pub mod distributed;
mod engine;
pub mod error;
pub mod explore;
pub mod export;
mod fresh;
pub mod graph;
pub mod graph_detail;
pub mod hyg;
pub mod job;
mod local_path;
pub mod objects;
pub mod obs;
pub mod query;
pub mod rejected_rows;
pub mod result;
#[doc(hidden)]
pub mod testing;
pub mod time_fmt;
pub mod upload;
pub mod viz;

pub use config::EngineConfig;
pub use engine::Engine;
pub use error::{Error, Refusal, Result};
pub use job::store::GraphInfo;
pub use job::submit::SubmitOptions;
pub use job::{
    FailKind, JobFilter, JobId, JobKind, JobPage, JobRecord, JobSpec, JobState, JobType,
};
pub use result::ResultPage;
