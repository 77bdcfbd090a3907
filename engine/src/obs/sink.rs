//! [`Sink`]: an object store plus a prefix, opened from a [`Location`] — S3 on the configured
//! endpoint with the request's credentials, or the local filesystem below the allowed roots.

use std::sync::Arc;

use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjPath;
use object_store::{ClientOptions, ObjectStore, RetryConfig};

use super::{Location, ObsConfig, ObsCredentials};
use crate::engine::Engine;
use crate::{Error, Result};

/// Where a job's objects go (or come from): a store and a key prefix inside it.
#[derive(Debug, Clone)]
pub struct Sink {
    /// The store (one bucket, or a local directory).
    pub store: Arc<dyn ObjectStore>,
    /// Key prefix inside the store (empty for its root).
    pub prefix: ObjPath,
    /// How users see the location (for reasons and manifests; never contains credentials).
    pub shown: String,
}

impl Sink {
    /// Opens `location` for `project`. Local paths are checked against the allowed roots (and
    /// created);
    /// bucket paths need `config.endpoint` and `credentials`.
    ///
    /// # Errors
    /// `InvalidArgument` when OBS is not configured, credentials are missing, or the
    /// local path is refused.
    pub fn open(
        engine: &Engine,
        project: &str,
        location: &Location,
        credentials: Option<&ObsCredentials>,
    ) -> Result<Self> {
        match location {
            Location::Local(path) => {
                let raw = path.to_string_lossy();
                let real = engine.resolve_local_path(project, &raw)?;
                std::fs::create_dir_all(&real)?;
                let store = LocalFileSystem::new_with_prefix(&real)
                    .map_err(|e| Error::invalid(format!("path [{raw}]: {e}")))?;
                Ok(Self {
                    store: Arc::new(store),
                    prefix: ObjPath::default(),
                    shown: location.to_string(),
                })
            }
            Location::Bucket { bucket, key } => {
                let creds = credentials.ok_or_else(missing_credentials)?;
                let store = s3(&engine.config().obs, bucket, creds)?;
                Ok(Self {
                    store: Arc::new(store),
                    prefix: ObjPath::from(key.trim_end_matches('/')),
                    shown: location.to_string(),
                })
            }
        }
    }

    /// Checks, before anything is written, that the location can be listed: a missing bucket,
    /// refused credentials or an unreachable endpoint fail here with the store's answer (some
    /// S3 servers would otherwise create objects in a bucket that does not exist).
    pub async fn preflight(&self) -> std::result::Result<(), String> {
        self.store
            .list_with_delimiter(Some(&self.prefix))
            .await
            .map(|_| ())
            .map_err(|e| reason("writing", &self.shown, &e))
    }

    /// The key of `name` below the prefix (`name` may contain `/`).
    pub fn key(&self, name: &str) -> ObjPath {
        name.split('/')
            .filter(|s| !s.is_empty())
            .fold(self.prefix.clone(), |p, s| p.child(s))
    }
}

/// The error for a bucket path without `obsParameters`.
pub(crate) fn missing_credentials() -> Error {
    Error::invalid(
        "parameter [obsParameters] with accessKey and secretKey is required for OBS paths",
    )
}

/// An S3 client for one bucket on the configured endpoint.
fn s3(config: &ObsConfig, bucket: &str, creds: &ObsCredentials) -> Result<impl ObjectStore> {
    let endpoint = config.endpoint.as_deref().ok_or_else(|| {
        Error::invalid(
            "OBS paths need an object storage endpoint; start the server with --obs-endpoint \
             (GRAPHJOBS_OBS_ENDPOINT), or use a file:/// path",
        )
    })?;
    s3_builder(config, endpoint, bucket, creds)
        .build()
        .map_err(|e| Error::invalid(format!("OBS configuration: {e}")))
}

/// An S3 client's configuration for `bucket` on `endpoint` with `creds`: the region, addressing
/// style, timeouts and retries of `config` (OBS jobs and the engine's own object store alike).
pub(crate) fn s3_builder(
    config: &ObsConfig,
    endpoint: &str,
    bucket: &str,
    creds: &ObsCredentials,
) -> AmazonS3Builder {
    let retry = RetryConfig {
        max_retries: config.max_retries,
        retry_timeout: config.timeout * (config.max_retries as u32 + 1),
        ..RetryConfig::default()
    };
    let options = ClientOptions::new()
        .with_allow_http(true)
        .with_timeout(config.timeout)
        .with_connect_timeout(config.timeout.min(std::time::Duration::from_secs(5)));
    AmazonS3Builder::new()
        .with_endpoint(endpoint)
        .with_region(&config.region)
        .with_bucket_name(bucket)
        .with_access_key_id(&creds.access_key)
        .with_secret_access_key(&creds.secret_key)
        .with_virtual_hosted_style_request(!config.path_style)
        .with_allow_http(true)
        .with_retry(retry)
        .with_client_options(options)
}

/// A user-facing reason for a storage failure at `shown`: what was attempted, where, and the
/// store's answer (S3 error code and message, or the connection error). Credentials never
/// appear in it (the store's errors do not carry them).
pub(crate) fn reason(doing: &str, shown: &str, e: &object_store::Error) -> String {
    let mut text = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        let t = s.to_string();
        if !text.contains(&t) {
            text.push_str(": ");
            text.push_str(&t);
        }
        src = s.source();
    }
    format!("{doing} [{shown}] failed: {text}")
}
