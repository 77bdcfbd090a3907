//! OBS: reading and writing job data on S3-compatible object storage or the local filesystem,
//! through one interface (`object_store`).
//!
//! - [`ObsConfig`]: the server's endpoint, region and addressing style (OBS bodies carry none,
//!   REFERENCE §12.1).
//! - [`Location`]: a path as GES bodies write it — `bucket/prefix/…` or `obs://bucket/…` on the
//!   configured endpoint, `file:///abs/…` (or `/abs/…`) on the local filesystem, confined to the
//!   data dir and the configured import roots (`..` is refused).
//! - [`ObsCredentials`]: the request's `obsParameters`, valid for that request only. They are
//!   never written to the job store, logs or responses: the engine keeps them in memory
//!   ([`vault`]) from submit until a worker takes the job. A job whose credentials are gone
//!   (the server restarted before it ran) fails with a reason saying so, and must be submitted
//!   again; a job that was running at the crash is re-queued by recovery and fails the same way.
//!   Jobs with local paths need no credentials and re-run normally.
//! - [`download`]: fetching a job's input files (imports) from a location.
//!
//! The export jobs that write through it live in [`crate::export`].

pub mod download;
mod location;
pub(crate) mod sink;
pub(crate) mod vault;
pub(crate) mod writer;

pub use location::Location;
pub use sink::Sink;
pub(crate) use sink::{reason as sink_reason, s3_builder as sink_builder};

use std::time::Duration;

/// How the engine reaches OBS (server flags `--obs-endpoint`, `--obs-region`, `--obs-path-style`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObsConfig {
    /// S3-compatible endpoint URL (`http://127.0.0.1:9000`, `https://obs.eu-de.otc.t-systems.com`);
    /// `None` refuses bucket paths with a clear error.
    pub endpoint: Option<String>,
    /// Region used in SigV4 signatures.
    pub region: String,
    /// Path-style addressing (`endpoint/bucket/key`) instead of virtual-hosted style
    /// (`bucket.endpoint/key`).
    pub path_style: bool,
    /// Per-request timeout; an unreachable endpoint fails the job after this (plus retries).
    pub timeout: Duration,
    /// Retries of a failed request before the job fails.
    pub max_retries: usize,
    /// Server-side credentials visualization jobs read `train_url` with (ModelArts bodies
    /// carry none): `--obs-access-key` / `--obs-secret-key`. Never stored or shown.
    pub reader: Option<ObsCredentials>,
}

/// Default region when none is configured.
pub const DEFAULT_REGION: &str = "us-east-1";

impl Default for ObsConfig {
    fn default() -> Self {
        Self {
            endpoint: None,
            region: DEFAULT_REGION.into(),
            path_style: true,
            timeout: Duration::from_secs(30),
            max_retries: 2,
            reader: None,
        }
    }
}

/// `obsParameters` of one request. `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ObsCredentials {
    /// Access key (AK).
    pub access_key: String,
    /// Secret key (SK).
    pub secret_key: String,
}

impl std::fmt::Debug for ObsCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObsCredentials")
            .field("access_key", &"***")
            .field("secret_key", &"***")
            .finish()
    }
}

/// Multipart part size: S3 requires at least 5 MiB for every part but the last.
pub const PART_SIZE: usize = 8 * 1024 * 1024;

use crate::engine::Engine;
use crate::{Error, Result};

/// Submit-time check of a path: local paths must lie inside the allowed roots; bucket paths
/// need a configured endpoint and the request's credentials.
pub(crate) fn check_path(
    engine: &Engine,
    project: &str,
    raw: &str,
    has_credentials: bool,
) -> Result<()> {
    match Location::parse(raw)? {
        Location::Local(_) => engine.resolve_local_path(project, raw).map(|_| ()),
        Location::Bucket { .. } => {
            if engine.config().obs.endpoint.is_none() {
                return Err(Error::invalid(format!(
                    "path [{raw}] is refused: it names an OBS bucket, but no object storage \
                         endpoint is configured (--obs-endpoint / GRAPHJOBS_OBS_ENDPOINT); use \
                         an absolute file:/// path"
                )));
            }
            if has_credentials {
                Ok(())
            } else {
                Err(sink::missing_credentials())
            }
        }
    }
}

/// Submit-time check of an import's paths (`logDir` must be local: rejected rows are written
/// as the import runs).
pub(crate) fn check_import(
    engine: &Engine,
    project: &str,
    spec: &crate::job::ImportSpec,
    has_credentials: bool,
) -> Result<()> {
    for p in spec
        .schema_paths
        .iter()
        .chain(&spec.vertex_paths)
        .chain(&spec.edge_paths)
    {
        check_path(engine, project, p, has_credentials)?;
    }
    if let Some(dir) = &spec.log_dir {
        if location::looks_like_bucket(dir) {
            return Err(Error::invalid(format!(
                "parameter [logDir] [{dir}] must be a local file:/// path"
            )));
        }
        engine.resolve_local_path(project, dir)?;
    }
    Ok(())
}
