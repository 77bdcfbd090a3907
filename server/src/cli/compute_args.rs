//! `serve`'s flags for the distributed executor (`--compute-*`).

use clap::Args;

/// How a node runs distributed algorithm jobs.
#[derive(Debug, Clone, Args)]
pub struct ComputeArgs {
    /// Processes of the timely group a distributed algorithm job runs on (header
    /// `X-Executor: distributed`), started as `graphjobs compute-worker` on loopback by this
    /// node, or by the compute agents (`--compute-agents`). 0 turns the distributed executor
    /// off, unless there are agents: then it is one process per agent.
    #[arg(long, env = "GRAPHJOBS_COMPUTE_PROCESSES", default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(0..=i64::from(engine::distributed::MAX_PROCESSES)))]
    pub compute_processes: u32,
    /// Times a distributed job's group that lost a process is started again, from its latest
    /// complete checkpoint, before the job fails.
    #[arg(long, env = "GRAPHJOBS_COMPUTE_RETRIES", default_value_t = engine::distributed::DEFAULT_RETRIES)]
    pub compute_retries: u32,
    /// Supersteps between a distributed job's checkpoints (0: none; a retry starts over).
    #[arg(long, env = "GRAPHJOBS_COMPUTE_CHECKPOINT_EVERY", default_value_t = engine::distributed::DEFAULT_CHECKPOINT_EVERY)]
    pub compute_checkpoint_every: u32,
    /// Address space each compute process may map, in bytes (`setrlimit(RLIMIT_AS)`, set with
    /// util-linux's `prlimit` before the process starts): a process that needs more fails its
    /// job with an out-of-memory reason naming it. Unset: no limit.
    #[arg(long, env = "GRAPHJOBS_COMPUTE_MEMORY_LIMIT")]
    pub compute_memory_limit: Option<u64>,
    /// Compute agents (`graphjobs compute-agent`, `http://host:port`, comma-separated) a
    /// distributed job's processes are placed on, round-robin, instead of this node's
    /// loopback. `--compute-processes` then defaults to their number.
    #[arg(long, env = "GRAPHJOBS_COMPUTE_AGENTS", value_delimiter = ',')]
    pub compute_agents: Vec<String>,
    /// The secret the compute agents were started with (their `--agent-token`).
    #[arg(long, env = "GRAPHJOBS_COMPUTE_AGENT_TOKEN", hide_env_values = true)]
    pub compute_agent_token: Option<engine::distributed::agent::AgentToken>,
}

impl ComputeArgs {
    /// Sets the engine's [`engine::distributed::ComputeConfig`] from these flags.
    pub fn apply(&self, c: &mut engine::distributed::ComputeConfig) {
        // The command stays empty: this very binary, `graphjobs compute-worker`.
        c.processes = self.compute_processes;
        c.retries = self.compute_retries;
        c.checkpoint_every = self.compute_checkpoint_every;
        c.memory_limit = self.compute_memory_limit;
        c.agents = self.compute_agents.clone();
        c.agent_token = self.compute_agent_token.clone();
        if c.processes == 0 {
            c.processes = self.compute_agents.len() as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command};

    fn compute(args: &[&str]) -> engine::distributed::ComputeConfig {
        let cli = Cli::try_parse_from(["graphjobs", "serve"].iter().chain(args)).unwrap();
        let Command::Serve(serve) = cli.command else {
            panic!("not serve");
        };
        serve.engine_config().compute
    }

    #[test]
    fn agents_give_the_group_its_default_size_and_carry_the_token() {
        let c = compute(&[
            "--compute-agents",
            "http://m1:7070,http://m2:7070",
            "--compute-agent-token",
            "t0k",
        ]);
        assert_eq!(c.agents, ["http://m1:7070", "http://m2:7070"]);
        assert_eq!(c.processes, 2);
        assert_eq!(
            c.agent_token,
            Some(engine::distributed::agent::AgentToken::new("t0k"))
        );
        let c = compute(&[
            "--compute-agents",
            "http://m1:7070",
            "--compute-processes",
            "3",
        ]);
        assert_eq!(c.processes, 3);
        assert_eq!(compute(&[]).processes, 0);
    }

    #[test]
    fn the_tokens_never_show_in_the_flags_debug() {
        let serve: &[&str] = &["graphjobs", "serve", "--compute-agent-token", "s3cr3t-7f3e"];
        let agent: &[&str] = &[
            "graphjobs",
            "compute-agent",
            "--worker-host",
            "h",
            "--agent-token",
            "s3cr3t-7f3e",
            "--object-store",
            "file:///x",
        ];
        for args in [serve, agent] {
            let cli = Cli::try_parse_from(args).unwrap();
            let shown = format!("{cli:?}");
            assert!(
                !shown.contains("s3cr3t") && shown.contains("[redacted]"),
                "{shown}"
            );
        }
    }
}
