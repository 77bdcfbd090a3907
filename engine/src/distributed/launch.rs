//! [`Launch`]: how a node starts the processes of a group, and how they reach its object store.

use std::ffi::OsString;
use std::io;

use super::memory_limit::{limited_command, limited_environment};
use crate::config::EngineConfig;
use crate::objects::ObjectStoreUrl;

/// The environment variables that carry the store's keys to a process (the names
/// `graphjobs serve` and `graphjobs compute-worker` read them from): keys never go on a
/// command line, which every user of the machine can read.
pub const ACCESS_KEY_ENV: &str = "GRAPHJOBS_OBS_ACCESS_KEY";
/// See [`ACCESS_KEY_ENV`].
pub const SECRET_KEY_ENV: &str = "GRAPHJOBS_OBS_SECRET_KEY";

/// How to start one process of a group: the program and its leading arguments
/// ([`super::ComputeConfig::resolved_command`]), the arguments naming the object store, which
/// follow the group's own, and the environment that carries the store's keys.
#[derive(Debug, Clone, Default)]
pub(crate) struct Launch {
    /// Program and leading arguments.
    pub(crate) command: Vec<OsString>,
    /// Trailing arguments (`--object-store URL`, the endpoint's settings).
    pub(crate) args: Vec<OsString>,
    /// Environment variables set on each process (the store's keys).
    pub(crate) env: Vec<(String, String)>,
    /// Bytes of address space each process may map
    /// ([`super::ComputeConfig::memory_limit`]).
    pub(crate) memory_limit: Option<u64>,
}

impl Launch {
    /// The program and arguments that start one process: the command itself, or, under a
    /// memory limit, `prlimit --as=BYTES -- command…` ([`limited_command`]).
    pub(crate) fn program(&self) -> Vec<OsString> {
        limited_command(&self.command, self.memory_limit)
    }

    /// The environment of each process: the store's keys and, under a memory limit, the cap
    /// on malloc arenas ([`limited_environment`]).
    pub(crate) fn environment(&self) -> Vec<(String, String)> {
        let mut env = self.env.clone();
        env.extend(limited_environment(self.memory_limit));
        env
    }
}

impl Launch {
    /// The processes of a node configured by `config`: its compute command, and its object
    /// store as they open it (the data dir as `file://<data dir>`; an `s3://` store with the
    /// node's endpoint settings and, in the environment, its keys).
    ///
    /// # Errors
    /// The running executable or the data dir's absolute path cannot be found.
    pub(crate) fn for_node(config: &EngineConfig) -> io::Result<Launch> {
        let url = match &config.object_store {
            ObjectStoreUrl::DataDir => {
                ObjectStoreUrl::Dir(std::path::absolute(&config.data_dir)?).to_string()
            }
            other => other.to_string(),
        };
        let mut args: Vec<OsString> = vec!["--object-store".into(), url.into()];
        let mut env = Vec::new();
        if let ObjectStoreUrl::S3 { .. } = &config.object_store {
            let obs = &config.obs;
            if let Some(endpoint) = &obs.endpoint {
                args.extend(["--obs-endpoint".into(), endpoint.into()]);
            }
            args.extend([
                "--obs-region".into(),
                obs.region.clone().into(),
                "--obs-path-style".into(),
                obs.path_style.to_string().into(),
            ]);
            if let Some(keys) = &obs.reader {
                env.push((ACCESS_KEY_ENV.to_owned(), keys.access_key.clone()));
                env.push((SECRET_KEY_ENV.to_owned(), keys.secret_key.clone()));
            }
        }
        Ok(Launch {
            command: config.compute.resolved_command()?,
            args,
            env,
            memory_limit: config.compute.memory_limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::obs::ObsCredentials;

    #[test]
    fn keys_travel_in_the_environment_and_the_store_on_the_command_line() {
        let mut c = EngineConfig::new("/srv/data");
        c.compute.command = vec!["w".into()];
        let local = Launch::for_node(&c).unwrap();
        assert_eq!(local.args, ["--object-store", "file:///srv/data"]);
        assert!(local.env.is_empty());
        c.object_store = ObjectStoreUrl::S3 {
            bucket: "b1".into(),
            prefix: "p".into(),
        };
        c.obs.endpoint = Some("http://127.0.0.1:9".into());
        c.obs.reader = Some(ObsCredentials {
            access_key: "AK".into(),
            secret_key: "SK".into(),
        });
        let s3 = Launch::for_node(&c).unwrap();
        let args: Vec<String> = s3
            .args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            args,
            [
                "--object-store",
                "s3://b1/p",
                "--obs-endpoint",
                "http://127.0.0.1:9",
                "--obs-region",
                "us-east-1",
                "--obs-path-style",
                "true"
            ]
        );
        assert!(!args.iter().any(|a| a.contains("SK")));
        assert_eq!(s3.env[1], (SECRET_KEY_ENV.to_owned(), "SK".to_owned()));
    }

    #[test]
    fn a_memory_limit_starts_the_process_under_prlimit_with_few_arenas() {
        let mut c = EngineConfig::new("/srv/data");
        c.compute.command = vec!["w".into(), "compute-worker".into()];
        let free = Launch::for_node(&c).unwrap();
        assert_eq!(free.program(), ["w", "compute-worker"]);
        assert!(free.environment().is_empty());
        c.compute.memory_limit = Some(64 << 20);
        let capped = Launch::for_node(&c).unwrap();
        assert_eq!(
            capped.program(),
            ["prlimit", "--as=67108864", "--", "w", "compute-worker"]
        );
        assert_eq!(
            capped.environment(),
            [("MALLOC_ARENA_MAX".to_owned(), "1".to_owned())]
        );
    }
}
