//! Command line and configuration: every flag is also an environment variable `GRAPHJOBS_*`.
//! Parsed once in `main`; nothing else reads the environment.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand};
use engine::auth::Role;

pub use compute_args::ComputeArgs;

mod compute_args;

/// graphjobs: a self-hosted engine and console for asynchronous graph jobs.
#[derive(Debug, Parser)]
#[command(name = "graphjobs", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (REST APIs and console).
    Serve(Box<ServeArgs>),
    /// Manage API tokens (`X-Auth-Token`).
    Token {
        /// Token action.
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Manage access keys (AK/SK for `SDK-HMAC-SHA256` signed requests).
    Keys {
        /// Key action.
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Run one process of a distributed algorithm job's timely group (a node started with
    /// `serve --compute-processes P` starts these itself; on several machines, run one per
    /// machine with the same `--hosts` file, `--job` key and `--object-store`, see README).
    ComputeWorker(compute::WorkerArgs),
    /// Start and watch compute-worker processes on this machine for nodes started with
    /// `serve --compute-agents` (needs `--agent-token` unless bound to loopback; see README).
    ComputeAgent(crate::agent::AgentArgs),
}

/// `graphjobs serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "GRAPHJOBS_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Where jobs, graphs and results are kept.
    #[arg(long, env = "GRAPHJOBS_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// Create project `demo` with graph `movie` on first start (loaded by a normal import job).
    #[arg(long, env = "GRAPHJOBS_DEMO")]
    pub demo: bool,
    /// Jobs that run at once.
    #[arg(long, env = "GRAPHJOBS_WORKERS", default_value_t = engine::config::DEFAULT_WORKERS)]
    pub workers: usize,
    /// Queued jobs accepted before submissions are refused.
    #[arg(long, env = "GRAPHJOBS_QUEUE_LIMIT", default_value_t = engine::config::DEFAULT_QUEUE_LIMIT)]
    pub queue_limit: u64,
    /// Extra directories local import paths may lie below (comma-separated).
    #[arg(long, env = "GRAPHJOBS_IMPORT_ROOTS", value_delimiter = ',')]
    pub import_roots: Vec<PathBuf>,
    /// PostgreSQL job store shared by several nodes (`postgres://user:pass@host/db`); the
    /// nodes share graphs and results through `--object-store`. Default: the SQLite file in
    /// the data dir.
    #[arg(long, env = "GRAPHJOBS_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Where graph snapshots and job results live: `file:///dir` or `s3://bucket/prefix` (on
    /// `--obs-endpoint`, signed with `--obs-access-key`/`--obs-secret-key`). The data dir then
    /// only caches them. Default: the data dir itself.
    #[arg(long, env = "GRAPHJOBS_OBJECT_STORE", value_parser = engine::objects::ObjectStoreUrl::parse)]
    pub object_store: Option<engine::objects::ObjectStoreUrl>,
    /// The console's static files (wasm, js, css), as scripts/dev/build.sh writes them.
    #[arg(long, env = "GRAPHJOBS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// S3-compatible object storage endpoint for OBS paths (`bucket/key`), e.g.
    /// `http://127.0.0.1:9000`. Without it only `file:///` paths can be imported or exported.
    #[arg(long, env = "GRAPHJOBS_OBS_ENDPOINT")]
    pub obs_endpoint: Option<String>,
    /// Region used to sign OBS requests.
    #[arg(long, env = "GRAPHJOBS_OBS_REGION", default_value = engine::obs::DEFAULT_REGION)]
    pub obs_region: String,
    /// Path-style OBS addressing (`endpoint/bucket/key`); `false` for virtual-hosted style
    /// (`bucket.endpoint/key`).
    #[arg(long, env = "GRAPHJOBS_OBS_PATH_STYLE", default_value_t = true, action = clap::ArgAction::Set)]
    pub obs_path_style: bool,
    /// Access key visualization jobs read bucket `train_url`s with (ModelArts requests carry
    /// no OBS credentials). Never logged or stored.
    #[arg(long, env = "GRAPHJOBS_OBS_ACCESS_KEY", hide_env_values = true)]
    pub obs_access_key: Option<String>,
    /// Secret key paired with `--obs-access-key`.
    #[arg(long, env = "GRAPHJOBS_OBS_SECRET_KEY", hide_env_values = true)]
    pub obs_secret_key: Option<String>,
    /// Bytes of graphs a node keeps in memory; past it the least recently used graphs are
    /// dropped and loaded again (from the data dir or the object store) by their next job.
    /// Default: no limit.
    #[arg(long, env = "GRAPHJOBS_GRAPH_CACHE_BYTES")]
    pub graph_cache_bytes: Option<u64>,
    /// A running job's lease in seconds: a node that stops renewing it (crashed, paused) has
    /// its job re-queued by another node this long after its last renewal.
    #[arg(long, env = "GRAPHJOBS_LEASE_SECS", default_value_t = engine::job::store::DEFAULT_LEASE.as_secs())]
    pub lease_secs: u64,
    /// Largest request body accepted, in bytes (not the console's file uploads).
    #[arg(long, env = "GRAPHJOBS_BODY_LIMIT", default_value_t = 10 * 1024 * 1024)]
    pub body_limit: usize,
    /// Largest upload of files for one import from the console, in bytes, all files together.
    #[arg(long, env = "GRAPHJOBS_UPLOAD_LIMIT", default_value_t = engine::upload::DEFAULT_UPLOAD_LIMIT)]
    pub upload_limit: u64,
    /// The distributed executor: processes, retries, checkpoints, memory limit, agents.
    #[command(flatten)]
    pub compute: ComputeArgs,
}

impl ServeArgs {
    /// The engine's share of the configuration.
    pub fn engine_config(&self) -> engine::EngineConfig {
        let mut c = engine::EngineConfig::new(&self.data_dir);
        c.workers = self.workers;
        c.queue_limit = self.queue_limit;
        c.import_roots = self.import_roots.clone();
        c.upload_limit = self.upload_limit;
        c.obs.endpoint = self.obs_endpoint.clone();
        c.obs.region = self.obs_region.clone();
        c.obs.path_style = self.obs_path_style;
        c.obs.reader = self
            .obs_access_key
            .clone()
            .zip(self.obs_secret_key.clone())
            .map(|(access_key, secret_key)| engine::obs::ObsCredentials {
                access_key,
                secret_key,
            });
        c.database_url = self.database_url.clone();
        c.graph_cache_bytes = self.graph_cache_bytes;
        c.lease = std::time::Duration::from_secs(self.lease_secs.max(1));
        c.object_store = self.object_store.clone().unwrap_or_default();
        self.compute.apply(&mut c.compute);
        c
    }
}

/// `graphjobs token …`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token for a project and print it as the last line of stdout.
    ///
    /// Roles: `viewer` reads only; `operator` also submits, cancels and dumps jobs and runs
    /// visualization jobs; `admin` (the default) also imports, clears and deletes graphs and
    /// manages tokens and keys. The server refuses what the role may not do with HTTP 403.
    Create(TokenCreateArgs),
    /// List tokens and access keys: ids, projects and roles, never secrets.
    List(DataDirArgs),
    /// Revoke a token (by the id `list` shows) or an access key.
    Revoke(RevokeArgs),
}

/// `graphjobs keys …`.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create an access key for a project; prints "<AK> <SK>" as the last line of stdout.
    ///
    /// Roles: `viewer` reads only; `operator` also submits, cancels and dumps jobs and runs
    /// visualization jobs; `admin` (the default) also imports, clears and deletes graphs and
    /// manages tokens and keys. The server refuses what the role may not do with HTTP 403.
    Create(TokenCreateArgs),
    /// List tokens and access keys: ids, projects and roles, never secrets.
    List(DataDirArgs),
    /// Revoke an access key (or a token).
    Revoke(RevokeArgs),
}

/// Where the server keeps its credentials: its data dir, or the PostgreSQL store its nodes
/// share (then tokens and access keys made here are accepted by every node).
#[derive(Debug, Clone, Args)]
pub struct DataDirArgs {
    /// Data dir of the server.
    #[arg(long, env = "GRAPHJOBS_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// The PostgreSQL store of the server's nodes, as `serve --database-url` names it.
    #[arg(long, env = "GRAPHJOBS_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

impl DataDirArgs {
    fn config(&self) -> engine::EngineConfig {
        let mut c = engine::EngineConfig::new(&self.data_dir);
        c.database_url = self.database_url.clone();
        c
    }
}

/// `… revoke ID`.
#[derive(Debug, Clone, Args)]
pub struct RevokeArgs {
    /// Token id (first 12 hex digits of its hash, as `list` shows) or access key.
    pub id: String,
    /// The server's store.
    #[command(flatten)]
    pub store: DataDirArgs,
}

/// `graphjobs token create`.
#[derive(Debug, Clone, Args)]
pub struct TokenCreateArgs {
    /// Project the token is scoped to (created on first use). A token may be given several
    /// (`--project a --project b`): the console then offers a switcher; an access key takes one.
    #[arg(long, env = "GRAPHJOBS_PROJECT", required = true)]
    pub project: Vec<String>,
    /// What the credential may do in its project: `viewer` (reads only), `operator` (also
    /// submits, cancels, dumps, runs visualization jobs) or `admin` (also imports, clears and
    /// deletes graphs, manages tokens and keys). Given once, it is the role in every
    /// `--project`; given once per `--project`, the roles pair with them in order.
    #[arg(long, env = "GRAPHJOBS_ROLE", value_delimiter = ',', default_value = "admin",
          value_parser = role_parser())]
    pub role: Vec<Role>,
    /// Whom or what the credential is for (1–64 characters, e.g. `nightly ETL`): the audit log
    /// names its actions by it, and `list` shows it. Never a secret.
    #[arg(long)]
    pub name: Option<String>,
    /// The store of the server that will accept the token.
    #[command(flatten)]
    pub store: DataDirArgs,
}

impl TokenCreateArgs {
    /// Each `--project` with its role: one `--role` for all, or one per project in order.
    pub fn grants(&self) -> Result<Vec<(&str, Role)>, String> {
        let projects = self.project.iter().map(String::as_str);
        match self.role.as_slice() {
            [one] => Ok(projects.map(|p| (p, *one)).collect()),
            roles if roles.len() == self.project.len() => {
                Ok(projects.zip(roles.iter().copied()).collect())
            }
            roles => Err(format!(
                "{} roles for {} projects: give --role once (for every project) or once per --project",
                roles.len(),
                self.project.len()
            )),
        }
    }
}

/// `--role`: one of the role words, listed in `--help`.
fn role_parser() -> impl clap::builder::TypedValueParser<Value = Role> {
    clap::builder::PossibleValuesParser::new(Role::ALL.map(Role::as_str))
        .map(|word| Role::parse(&word).unwrap_or(Role::DEFAULT))
}

/// Creates a token; safe while a server runs on the same data dir.
pub async fn token_create(args: TokenCreateArgs) -> Result<(), Box<dyn std::error::Error>> {
    let config = args.store.config();
    let grants = args.grants()?;
    let token = engine::admin::create_token_for(&config, &grants, args.name.as_deref()).await?;
    let names = grants
        .iter()
        .map(|(project, role)| format!("{project} ({role})"))
        .collect::<Vec<_>>()
        .join(", ");
    let noun = if grants.len() == 1 {
        "project"
    } else {
        "projects"
    };
    println!("Token for {noun} {names} (shown once; keep it secret):");
    println!("{token}");
    Ok(())
}

/// Creates an access key; the secret is shown once.
pub async fn keys_create(args: TokenCreateArgs) -> Result<(), Box<dyn std::error::Error>> {
    let config = args.store.config();
    let [(project, role)] = args.grants()?[..] else {
        return Err("an access key is for exactly one project: give --project once".into());
    };
    let (ak, sk) =
        engine::admin::create_access_key(&config, project, role, args.name.as_deref()).await?;
    println!("Access key and secret key for project {project} ({role}; the secret is shown once):");
    println!("{ak} {sk}");
    Ok(())
}

/// Lists every credential, one per line.
pub async fn credentials_list(args: DataDirArgs) -> Result<(), Box<dyn std::error::Error>> {
    let config = args.config();
    println!(
        "{:<11} {:<22} {:<20} {:<9} {:<25} {:<25} name",
        "kind", "id", "project", "role", "created", "revoked"
    );
    for c in engine::admin::list_credentials(&config).await? {
        let time = |ms: i64| engine::time_fmt::rfc3339(engine::time_fmt::from_millis(ms));
        let revoked = c.revoked_at.map(time).unwrap_or_else(|| "-".into());
        println!(
            "{:<11} {:<22} {:<20} {:<9} {:<25} {revoked:<25} {}",
            c.kind,
            c.id,
            c.project,
            c.role.as_str(),
            time(c.created_at),
            c.name.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}

/// Revokes a credential.
pub async fn credentials_revoke(args: RevokeArgs) -> Result<(), Box<dyn std::error::Error>> {
    let config = args.store.config();
    match engine::admin::revoke_credential(&config, &args.id).await? {
        0 => Err(format!(
            "no active credential matches [{}] (token ids need at least 8 characters)",
            args.id
        )
        .into()),
        n => {
            println!("revoked {n} credential(s)");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grants(args: &[&str]) -> Result<Vec<(String, Role)>, String> {
        let cli = Cli::try_parse_from(["graphjobs", "token", "create"].iter().chain(args))
            .map_err(|e| e.to_string())?;
        let Command::Token {
            command: TokenCommand::Create(create),
        } = cli.command
        else {
            panic!("not token create");
        };
        let grants = create.grants()?;
        Ok(grants.into_iter().map(|(p, r)| (p.to_owned(), r)).collect())
    }

    #[test]
    fn a_role_is_for_every_project_or_one_per_project_and_admin_by_default() {
        let own = |pairs: &[(&str, Role)]| -> Vec<(String, Role)> {
            pairs.iter().map(|(p, r)| ((*p).to_owned(), *r)).collect()
        };
        assert_eq!(grants(&["--project", "a"]), Ok(own(&[("a", Role::Admin)])));
        assert_eq!(
            grants(&["--project", "a", "--project", "b", "--role", "viewer"]),
            Ok(own(&[("a", Role::Viewer), ("b", Role::Viewer)]))
        );
        assert_eq!(
            grants(&[
                "--project",
                "a",
                "--role",
                "viewer",
                "--project",
                "b",
                "--role",
                "operator"
            ]),
            Ok(own(&[("a", Role::Viewer), ("b", Role::Operator)]))
        );
        let refused = grants(&[
            "--project",
            "a",
            "--project",
            "b",
            "--project",
            "c",
            "--role",
            "viewer,admin",
        ]);
        assert!(refused.unwrap_err().contains("2 roles for 3 projects"));
        let unknown = grants(&["--project", "a", "--role", "root"]).unwrap_err();
        assert!(
            unknown.contains("possible values: viewer, operator, admin"),
            "{unknown}"
        );
    }
}
