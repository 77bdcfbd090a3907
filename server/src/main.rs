//! `graphjobs`: the server binary and its admin commands.

use clap::Parser;
use server::cli::{Cli, Command, KeysCommand, TokenCommand};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let command = match Cli::parse().command {
        // Its own exit codes: the node that started it tells a failed task from a lost peer.
        Command::ComputeWorker(args) => {
            return match compute::worker_main(args) {
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
