//! Peak memory of one import, whole or partitioned (`bench/partitioned_import_rss.sh`): imports
//! `DIR/{schema.xml,v.csv,e.csv}` and prints the process's peak resident set (`VmHWM`).
//!
//! `cargo run --release -p engine --example import_peak_rss -- DIR whole|P`

use std::path::PathBuf;

use engine::graph::import::partitioned::import_partitioned;
use engine::graph::import::{ImportOptions, import};
use engine::job::control::JobControl;

fn main() {
    let mut args = std::env::args().skip(1);
    let (dir, mode) = match (args.next(), args.next()) {
        (Some(d), Some(m)) => (PathBuf::from(d), m),
        _ => panic!("usage: import_peak_rss DIR whole|PARTS"),
    };
    let opts = ImportOptions {
        schema_paths: vec![dir.join("schema.xml")],
        vertex_paths: vec![dir.join("v.csv")],
        edge_paths: vec![dir.join("e.csv")],
        ..ImportOptions::default()
    };
    let ctl = JobControl::new();
    let (vertices, edges) = if mode == "whole" {
        let (g, _) = import(None, &opts, &ctl).unwrap();
        (g.vertex_count() as u64, g.edge_count() as u64)
    } else {
        let parts: u32 = mode.parse().expect("whole or a part count");
        let out = tempfile::tempdir_in(&dir).unwrap();
        let got = import_partitioned(&opts, parts, out.path(), 1, &ctl).unwrap();
        (got.vertices.vertex_count() as u64, got.manifests[0].edges)
    };
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .unwrap_or("VmHWM: ?");
    println!("{mode}: {vertices} vertices, {edges} edges, peak {hwm}");
}
