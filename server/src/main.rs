//! `graphjobs`: the server binary and its admin commands.

use clap::Parser;
use server::cli::{Cli, Command, TokenCommand};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    server::telemetry::init();
    let outcome = match cli.command {
        Command::Serve(args) => server::startup::serve(args).await,
        Command::Token { command: TokenCommand::Create(args) } => server::cli::token_create(args).await,
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("graphjobs: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
