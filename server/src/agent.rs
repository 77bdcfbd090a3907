//! `graphjobs compute-agent`: one machine's share of distributed jobs. A node started with
//! `serve --compute-agents URL,…` places a group's processes round-robin over its agents;
//! each agent reserves the ports its processes listen on, starts them as `graphjobs
//! compute-worker` (this very executable) with the object store it was itself given, and
//! reports on them (running or exited with its code or signal, the tail of its stderr, the
//! latest progress line). Each process runs under the smaller of the node's
//! `--compute-memory-limit` (sent with the start request) and the agent's `--memory-limit`,
//! applied as the node applies it to a loopback process (`prlimit --as`). The node's watch loop, failure reasons, cancel and retries are the
//! same as for a loopback group (`engine::distributed::group`); the protocol is
//! [`engine::distributed::agent`].
//!
//! What keeps it from being a remote shell:
//! - every request must carry the shared token (`--agent-token`, env
//!   `GRAPHJOBS_COMPUTE_AGENT_TOKEN`, compared in constant time; 401 otherwise); an agent
//!   bound to anything but loopback refuses to start without one;
//! - a request never names a program or an argument: it asks for process `I` of `P` on a task
//!   key, with the group's `host:port` list, all checked to be plain values; the agent only
//!   ever runs its own executable's `compute-worker`, with arguments it builds itself, on a
//!   port it reserved itself;
//! - a process lives only as long as someone asks about it: one its node has not asked about
//!   for `--lease-ms` is killed (as a loopback process ends when its node's pipe closes), and
//!   every process ends when the agent does (its stdin is a pipe from the agent).
//!
//! There is no TLS: the token travels in plain HTTP. Run the agents on a private network, or
//! bound to loopback behind a TLS-terminating proxy (the node then names them `https://…`).

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use engine::distributed::agent::{AgentToken, PORTS, PROCESSES};

pub use args::{AgentArgs, DEFAULT_LEASE_MS};
use table::{Launcher, Table};

mod args;
mod auth;
mod request_check;
mod routes;
mod table;

/// The agent's state: its table and its token.
#[derive(Clone)]
pub struct Agent {
    table: Arc<Table>,
    token: Option<AgentToken>,
}

impl Agent {
    /// An agent as `args` say.
    ///
    /// # Errors
    /// No token while bound to a non-loopback address; the running executable cannot be
    /// found.
    pub fn new(args: &AgentArgs) -> Result<Agent, String> {
        let token = args.agent_token.clone().filter(|t| !t.expose().is_empty());
        if token.is_none() && !args.addr.ip().is_loopback() {
            return Err(format!(
                "a compute agent on {} would run processes for anyone who can reach it: give it --agent-token (or env GRAPHJOBS_COMPUTE_AGENT_TOKEN), or bind it to loopback",
                args.addr
            ));
        }
        let program = std::env::current_exe()
            .map_err(|e| format!("cannot find the running executable: {e}"))?;
        let (store_args, store_env) = args.store.for_worker();
        let table = Table::new(Launcher {
            program,
            store_args,
            store_env,
            worker_host: engine::distributed::agent::bare_host(&args.worker_host).to_owned(),
            ports: args.ports.clone(),
            work_dir: std::path::absolute(&args.work_dir)
                .map_err(|e| format!("--work-dir {}: {e}", args.work_dir.display()))?,
            lease: args.lease(),
            memory_limit: args.memory_limit,
        });
        Ok(Agent {
            table: Arc::new(table),
            token,
        })
    }

    /// The agent's routes, every one behind the token.
    pub fn router(&self) -> Router {
        Router::new()
            .route(PORTS, post(routes::reserve))
            .route(
                &format!("{PORTS}/{{address}}"),
                axum::routing::delete(routes::release),
            )
            .route(PROCESSES, post(routes::start))
            .route(
                &format!("{PROCESSES}/{{id}}"),
                get(routes::report).delete(routes::stop),
            )
            .layer(axum::middleware::from_fn_with_state(
                self.clone(),
                auth::require_token,
            ))
            .with_state(self.clone())
    }
}

/// `graphjobs compute-agent`: serves until SIGTERM / Ctrl-C, killing processes past their
/// lease meanwhile and every process at the end.
pub async fn run(args: AgentArgs) -> Result<(), Box<dyn std::error::Error>> {
    let agent = Agent::new(&args)?;
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    let addr = listener.local_addr()?;
    // On stdout, for whoever started the agent on port 0 (tests).
    println!("compute agent listening on http://{addr}");
    tracing::info!(worker_host = %args.worker_host, "compute agent listening on http://{addr}");
    let table = agent.table.clone();
    let lease = tokio::spawn(async move {
        let mut every = tokio::time::interval(table.lease() / 4);
        loop {
            every.tick().await;
            let table = table.clone();
            let _ = tokio::task::spawn_blocking(move || table.expire()).await;
        }
    });
    axum::serve(listener, agent.router())
        .with_graceful_shutdown(crate::startup::shutdown_signal())
        .await?;
    lease.abort();
    agent.table.end_all();
    Ok(())
}
