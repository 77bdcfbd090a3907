//! A real S3-protocol server on loopback for the Playwright suite (scripts/e2e.sh): the same
//! `s3s` + `s3s-fs` server the API tests use (SigV4 checked against one key pair), serving the
//! buckets named on the command line from a temp dir until it is killed. Prints its endpoint,
//! access key and secret key on one line once it listens.
//!
//! Usage: `s3_loopback BUCKET…` (a development tool, not part of the product).

#[allow(dead_code, unreachable_pub)]
#[path = "../tests/api/s3.rs"]
mod s3;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let buckets: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = buckets.iter().map(String::as_str).collect();
    let server = s3::S3Server::start(&names).await;
    println!("{} {} {}", server.endpoint, s3::AK, s3::SK);
    let _ = tokio::signal::ctrl_c().await;
    drop(server);
}
