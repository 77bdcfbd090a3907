//! The command line of one compute process (`graphjobs compute-worker …`).

use std::path::PathBuf;

use engine::objects::ObjectStoreUrl;
use engine::obs::{ObsConfig, ObsCredentials};

/// One process of a compute group.
///
/// On one node the engine starts the whole group itself (`serve --compute-processes P`). On
/// several machines (plain hosts, or a Kubernetes Indexed Job whose completion index is the
/// process number) each machine runs one process with the same `--hosts` file, `--job` key
/// and `--object-store`: the task, the partition, the shards and the checkpoints are objects
/// in that store, so the machines share no file system.
#[derive(Debug, Clone, clap::Args)]
pub struct WorkerArgs {
    /// This process's number, 0 ≤ I < P.
    #[arg(long)]
    pub process: u32,
    /// Processes in the group (P); the hosts file lists exactly P addresses.
    #[arg(long)]
    pub processes: u32,
    /// A local file of `host:port` lines, process `i`'s address on line `i`.
    #[arg(long)]
    pub hosts: PathBuf,
    /// The task's key in the object store (`compute/<job>/task.json`, an
    /// `engine::distributed::ComputeTask` as JSON).
    #[arg(long)]
    pub job: String,
    /// The object store holding the task, the partition, the shards and the checkpoints.
    #[command(flatten)]
    pub store: StoreArgs,
    /// End the process when its standard input closes (the engine passes a pipe, so that
    /// processes never outlive the node that started them).
    #[arg(long)]
    pub exit_with_stdin: bool,
    /// Seconds to wait for every peer of the group to connect before giving up (timely
    /// itself would retry forever).
    #[arg(long, default_value_t = DEFAULT_CONNECT_TIMEOUT_SECS)]
    pub connect_timeout_secs: u64,
}

/// Default of `--connect-timeout-secs`.
pub const DEFAULT_CONNECT_TIMEOUT_SECS: u64 = 60;

/// The object store a compute process opens: its URL, the endpoint settings of an `s3://`
/// store and its keys (from the environment). `graphjobs compute-agent` takes the same flags
/// and hands them on to the processes it starts.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// The object store holding the task, the partition, the shards and the checkpoints:
    /// `file:///dir` or `s3://bucket/prefix`, as the node's `--object-store` (a node whose
    /// store is its data dir passes `file://<data dir>`).
    #[arg(long, env = "GRAPHJOBS_OBJECT_STORE", value_parser = ObjectStoreUrl::parse)]
    pub object_store: ObjectStoreUrl,
    /// The S3-compatible endpoint of an `s3://` store.
    #[arg(long, env = "GRAPHJOBS_OBS_ENDPOINT")]
    pub obs_endpoint: Option<String>,
    /// Region used to sign the store's requests.
    #[arg(long, env = "GRAPHJOBS_OBS_REGION", default_value = engine::obs::DEFAULT_REGION)]
    pub obs_region: String,
    /// Path-style addressing (`endpoint/bucket/key`); `false` for virtual-hosted style.
    #[arg(long, env = "GRAPHJOBS_OBS_PATH_STYLE", default_value_t = true, action = clap::ArgAction::Set)]
    pub obs_path_style: bool,
    /// Access key of an `s3://` store (the node passes it in the environment, never as an
    /// argument).
    #[arg(long, env = engine::distributed::ACCESS_KEY_ENV, hide_env_values = true)]
    pub obs_access_key: Option<String>,
    /// Secret key paired with `--obs-access-key`.
    #[arg(long, env = engine::distributed::SECRET_KEY_ENV, hide_env_values = true)]
    pub obs_secret_key: Option<String>,
}

impl StoreArgs {
    /// The store's endpoint settings and keys, as the engine's object-store client takes them.
    pub fn obs(&self) -> ObsConfig {
        ObsConfig {
            endpoint: self.obs_endpoint.clone(),
            region: self.obs_region.clone(),
            path_style: self.obs_path_style,
            reader: self
                .obs_access_key
                .clone()
                .zip(self.obs_secret_key.clone())
                .map(|(access_key, secret_key)| ObsCredentials {
                    access_key,
                    secret_key,
                }),
            ..ObsConfig::default()
        }
    }
}

impl StoreArgs {
    /// The arguments and environment that hand this store to a `compute-worker` process: the
    /// URL and endpoint settings on its command line, the keys in its environment (never on a
    /// command line, which every user of the machine can read).
    pub fn for_worker(&self) -> (Vec<String>, Vec<(String, String)>) {
        let mut args = vec!["--object-store".to_owned(), self.object_store.to_string()];
        if let Some(endpoint) = &self.obs_endpoint {
            args.extend(["--obs-endpoint".to_owned(), endpoint.clone()]);
        }
        args.extend([
            "--obs-region".to_owned(),
            self.obs_region.clone(),
            "--obs-path-style".to_owned(),
            self.obs_path_style.to_string(),
        ]);
        let env = self
            .obs_access_key
            .clone()
            .zip(self.obs_secret_key.clone())
            .map(|(ak, sk)| {
                vec![
                    (engine::distributed::ACCESS_KEY_ENV.to_owned(), ak),
                    (engine::distributed::SECRET_KEY_ENV.to_owned(), sk),
                ]
            })
            .unwrap_or_default();
        (args, env)
    }
}
