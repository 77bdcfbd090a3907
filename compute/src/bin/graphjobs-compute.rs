//! `graphjobs-compute`: one compute process, the same as `graphjobs compute-worker` without
//! the rest of the server (tests start it; see `engine::distributed::ComputeConfig::command`).

use clap::Parser;

/// One process of a compute group.
#[derive(Parser)]
#[command(name = "graphjobs-compute")]
struct Cli {
    #[command(flatten)]
    args: compute::WorkerArgs,
}

fn main() -> std::process::ExitCode {
    match compute::worker_main(Cli::parse().args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("graphjobs-compute: {e}");
            std::process::ExitCode::from(engine::distributed::EXIT_TASK_FAILED as u8)
        }
    }
}
