//! A real S3-protocol server on loopback for the Playwright suite (scripts/system/e2e.sh), the local
//! cluster (scripts/dev/cluster.sh) and its fault harness: the same `s3s` + `s3s-fs` server the API
//! tests use (SigV4 checked against one key pair), serving the buckets named on the command
//! line from a temp dir until it is killed. Prints its endpoint, access key and secret key on
//! one line once it listens. `SIGUSR1` makes it answer every request with 503 until `SIGUSR2`.
//!
//! Usage: `s3_loopback BUCKET…` (a development tool, not part of the product).

#[allow(dead_code, unreachable_pub)]
#[path = "../tests/api/s3.rs"]
mod s3;

use tokio::signal::unix::{SignalKind, signal};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let buckets: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = buckets.iter().map(String::as_str).collect();
    let server = s3::S3Server::start(&names).await;
    let mut refuse = signal(SignalKind::user_defined1()).expect("SIGUSR1 handler");
    let mut serve = signal(SignalKind::user_defined2()).expect("SIGUSR2 handler");
    let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
    println!("{} {} {}", server.endpoint, s3::AK, s3::SK);
    loop {
        tokio::select! {
            _ = refuse.recv() => server.refuse(true),
            _ = serve.recv() => server.refuse(false),
            _ = term.recv() => break,
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    drop(server);
}
