//! Job-store benchmarks (issue 7's "job-list query with 1M jobs" and "job throughput"), on a
//! real SQLite store in a temp dir, each beside a reference measured in the same run.
//!
//! ```text
//! cargo run --release -p engine --example jobs_bench -- [--jobs 1000000] [--runs 40]
//!     [--parts list,throughput] [--throughput-jobs 3000] [--workers 2]
//! ```
//!
//! - **list**: fills the store with `--jobs` jobs (one SQL statement, the store's own triggers
//!   keep its tallies), then times `JobStore::list_jobs` for the console's and the API's query
//!   shapes — first, random and last page, common and rare states, a type, a graph, text
//!   searches, a time range — `--runs` times each; p50/p99 per shape and over all. The
//!   reference is the plain query on the same database and indexes: `COUNT(*)` plus
//!   `ORDER BY … LIMIT … OFFSET …` with the text as a substring test (what the store ran before
//!   migration 0008).
//! - **throughput**: an engine with `--workers` workers and a 5-vertex graph; submits
//!   `--throughput-jobs` pagerank jobs (distinct requests) and waits until every one succeeded:
//!   submitted and completed jobs per second. The reference is the store alone doing the same
//!   jobs' writes (insert, claim, finish) with no algorithm, no result file and no worker pool.
//!
//! Prints one JSON object on stdout; a readable table goes to stderr.

#[path = "jobs_bench/list.rs"]
mod list;
#[path = "jobs_bench/stats.rs"]
mod stats;
#[path = "jobs_bench/throughput.rs"]
mod throughput;

use serde_json::json;

struct Args {
    jobs: u64,
    runs: usize,
    parts: Vec<String>,
    throughput_jobs: u64,
    workers: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        jobs: 1_000_000,
        runs: 40,
        parts: vec!["list".into(), "throughput".into()],
        throughput_jobs: 3000,
        workers: 2,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let num = |v: &str| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--jobs" => args.jobs = num(&value)?.max(1),
            "--runs" => args.runs = num(&value)?.max(1) as usize,
            "--parts" => args.parts = value.split(',').map(str::to_owned).collect(),
            "--throughput-jobs" => args.throughput_jobs = num(&value)?.max(1),
            "--workers" => args.workers = num(&value)?.max(1) as usize,
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let mut out = serde_json::Map::new();
    if args.parts.iter().any(|p| p == "list") {
        out.insert("list".into(), list::run(args.jobs, args.runs).await?);
    }
    if args.parts.iter().any(|p| p == "throughput") {
        out.insert(
            "throughput".into(),
            throughput::run(args.throughput_jobs, args.workers).await?,
        );
    }
    out.insert(
        "nproc".into(),
        json!(std::thread::available_parallelism()?.get()),
    );
    println!("{}", serde_json::Value::Object(out));
    Ok(())
}
