//! `graphjobs`: the server binary and its admin commands.

use clap::Parser;
use server::cli::{Cli, Command, KeysCommand, TokenCommand};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let command = match Cli::parse().command {
        // Its own exit codes: the node that started it tells a failed task from a lost peer.
        Command::ComputeWorker(args) => {
            // On a thread of its own, outside this runtime: the worker's object-store calls
            // block on a runtime of the worker's own. A panic stays a panic (exit code 101).
            let worker = std::thread::spawn(move || compute::worker_main(args));
            let done = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            return match done {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("graphjobs compute-worker: {e}");
                    std::process::ExitCode::from(engine::distributed::EXIT_TASK_FAILED as u8)
                }
            };
        }
        other => other,
    };
    server::telemetry::init();
    let outcome = match command {
        Command::Serve(args) => server::startup::serve(*args).await,
        Command::Token {
            command: TokenCommand::Create(args),
        } => server::cli::token_create(args).await,
        Command::Keys {
            command: KeysCommand::Create(args),
        } => server::cli::keys_create(args).await,
        Command::Token {
            command: TokenCommand::List(args),
        }
        | Command::Keys {
            command: KeysCommand::List(args),
        } => server::cli::credentials_list(args).await,
        Command::Token {
            command: TokenCommand::Revoke(args),
        }
        | Command::Keys {
            command: KeysCommand::Revoke(args),
        } => server::cli::credentials_revoke(args).await,
        Command::ComputeAgent(args) => server::agent::run(args).await,
        Command::ComputeWorker(_) => Ok(()), // returned above
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("graphjobs: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
