//! One GES CSV import in a process of its own, so its peak resident set is the import's: for
//! comparing two builds of the import on the same files (alternate their binaries in one run).
//!
//! ```text
//! cargo run --release -p engine --example import_once -- DIR
//! ```
//!
//! `DIR` holds `schema.xml`, `vertices.csv` and `edges.csv` (as `bench --kernels import` writes
//! them under `bench/out/kron-<scale>-ges`). Prints one JSON line: seconds, MB/s of CSV, the
//! process's peak RSS and the finished graph's own estimate of its bytes; `read_s` is the part
//! spent reading the files (the rest builds the graph).

#[allow(dead_code)]
#[path = "bench/measure.rs"]
mod measure;

use std::path::PathBuf;
use std::time::Instant;

use engine::graph::{ImportOptions, import};
use engine::job::control::JobControl;
use serde_json::json;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: import_once DIR")?);
    let opts = ImportOptions {
        schema_paths: vec![dir.join("schema.xml")],
        vertex_paths: vec![dir.join("vertices.csv")],
        edge_paths: vec![dir.join("edges.csv")],
        ..ImportOptions::default()
    };
    let bytes: u64 = [&opts.vertex_paths[0], &opts.edge_paths[0]]
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()))
        .sum::<std::io::Result<u64>>()?;
    let t = Instant::now();
    let (graph, report) = import(None, &opts, &JobControl::new())?;
    let secs = t.elapsed().as_secs_f64();
    let (hwm_kib, _) = measure::rss_kib().unwrap_or_default();
    let graph_bytes = graph.stats().memory_bytes;
    // Reading the CSV files (parse and add); the rest of `import_s` is building the graph.
    let read_us: i64 = report.files.iter().map(|f| f.end_us - f.start_us).sum();
    println!(
        "{}",
        json!({
            "import_s": secs,
            "read_s": read_us as f64 / 1e6,
            "mb_per_s": bytes as f64 / 1e6 / secs,
            "vertices": graph.vertex_count(),
            "edges": graph.edge_count(),
            "failed_lines": report.failed_lines(),
            "peak_rss_mib": hwm_kib as f64 / 1024.0,
            "graph_mib": graph_bytes as f64 / 1048576.0,
            "peak_over_graph": hwm_kib as f64 * 1024.0 / graph_bytes as f64,
        })
    );
    Ok(())
}
