//! Kernel benchmark on a Graph500 Kronecker graph (see `bench/run.sh`, which compares the
//! figures with igraph, NetworKit, networkx and the GAP reference).
//!
//! ```text
//! cargo run --release -p engine --example bench -- --scale 18 [--runs 3] [--out bench/out]
//!     [--kernels bfs,sssp]
//! ```
//!
//! `--kernels` runs only the listed parts (pagerank, bfs, wcc, sssp, triangle_count,
//! betweenness, import, paging) — for working on one kernel; `bench/run.sh` runs them all.
//! `--ges-only` writes `kron-<scale>.json` and the GES CSV (`kron-<scale>-ges/`) and stops: no
//! edge list, no CSR, no timing (how `bench/distributed.sh` and `bench/ceiling.sh` get their
//! graphs, up to scales whose CSR this process could not also hold).
//!
//! Generates the graph from a fixed seed, writes it as `kron-<scale>.el` (`u v w` lines, each
//! undirected edge once) plus `kron-<scale>.json` (vertex count and the sources every library
//! uses), builds the CSR, then times each kernel as the median of `--runs` runs (fewer when a
//! kernel's time budget runs out). The graph is undirected, as GAP's `kron` graphs are, so every
//! kernel runs in its undirected mode. Prints one JSON line on stdout; progress goes to stderr.

// The crate root is this file, so its modules are found by explicit path.
#[path = "bench/import.rs"]
mod import;
#[path = "bench/kron.rs"]
mod kron;
#[path = "bench/measure.rs"]
mod measure;
#[path = "bench/paging.rs"]
mod paging;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use engine::algo::betweenness::{BetweennessConfig, betweenness};
use engine::algo::connected_component::wcc;
use engine::algo::k_hop::{Direction, k_hop};
use engine::algo::pagerank::{PageRankConfig, page_rank};
use engine::algo::sssp::dijkstra_distances;
use engine::algo::triangle_count::triangle_total;
use engine::graph::Graph;
use engine::job::control::JobControl;
use serde_json::{Value, json};

use measure::{Samples, repeat, rss_kib};

/// Rows of the result the paging part writes and pages through.
const PAGING_ROWS: u64 = 10_000_000;

/// The seed every run uses (the graph, its weights and the sources follow from it).
const SEED: u64 = 0x6a09_e667_f3bc_c908;
/// PageRank iterations per run (convergence disabled, so exactly this many).
const PR_ITERATIONS: u32 = 20;
/// BFS and SSSP sources; betweenness uses the first [`BC_SOURCES`].
const SOURCES: usize = 8;
const BC_SOURCES: usize = 4;
/// Wall-clock budget per kernel: repetitions stop once it is spent (one run always happens).
const BUDGET: Duration = Duration::from_secs(30);

struct Args {
    scale: u32,
    runs: usize,
    out: PathBuf,
    /// `None`: every part.
    kernels: Option<Vec<String>>,
    /// Only the graph's JSON and GES CSV files.
    ges_only: bool,
}

impl Args {
    /// Whether the part `name` should run.
    fn wants(&self, name: &str) -> bool {
        self.kernels
            .as_ref()
            .is_none_or(|k| k.iter().any(|x| x == name))
    }
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        scale: 14,
        runs: 3,
        out: PathBuf::from("bench/out"),
        kernels: None,
        ges_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--ges-only" {
            args.ges_only = true;
            continue;
        }
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--scale" => args.scale = value.parse().map_err(|e| format!("--scale: {e}"))?,
            "--runs" => args.runs = value.parse().map_err(|e| format!("--runs: {e}"))?,
            "--out" => args.out = PathBuf::from(value),
            "--kernels" => args.kernels = Some(value.split(',').map(str::to_owned).collect()),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if !(4..=26).contains(&args.scale) {
        return Err("--scale must be in 4..=26".into());
    }
    Ok(args)
}

/// `{"median_s", "mean_s", "runs"}` for one measurement, optionally per unit (iteration or
/// source).
fn figure(s: &Samples, per: f64) -> Value {
    json!({"median_s": s.median() / per, "mean_s": s.mean() / per, "samples": s.0.len()})
}

fn memory() -> Value {
    rss_kib().map_or(
        Value::Null,
        |(hwm, rss)| json!({"vmhwm_kib": hwm, "vmrss_kib": rss}),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let threads = rayon::current_num_threads();
    let ctl = JobControl::new();
    std::fs::create_dir_all(&args.out)?;

    let t = Instant::now();
    let kg = kron::generate(args.scale, SEED);
    let generate_s = t.elapsed().as_secs_f64();
    let sources = kron::pick_sources(&kg, SOURCES, SEED);
    let edge_list = args.out.join(format!("kron-{}.el", args.scale));
    let ges_dir = args.out.join(format!("kron-{}-ges", args.scale));
    if args.ges_only {
        import::write_ges(&kg, &ges_dir)?;
    } else {
        kron::write_edge_list(&kg, &edge_list)?;
    }
    let meta = json!({
        "scale": args.scale, "seed": SEED, "vertices": kg.n, "edges": kg.edges.len(),
        "edges_drawn": kg.drawn, "edge_list": (!args.ges_only).then_some(&edge_list), "sources": sources,
        "bc_sources": &sources[..BC_SOURCES], "pagerank_iterations": PR_ITERATIONS,
    });
    std::fs::write(
        args.out.join(format!("kron-{}.json", args.scale)),
        meta.to_string(),
    )?;
    eprintln!(
        "bench: scale {} — {} vertices, {} undirected edges ({} drawn), generated in {generate_s:.2}s",
        args.scale,
        kg.n,
        kg.edges.len(),
        kg.drawn
    );
    if args.ges_only {
        eprintln!("bench: wrote {}", ges_dir.display());
        return Ok(());
    }

    let t = Instant::now();
    let weighted: Vec<(u32, u32, f64)> = kg
        .edges
        .iter()
        .map(|&(u, v, w)| (u, v, f64::from(w)))
        .collect();
    let g = Graph::from_weighted_edges(kg.n, &weighted);
    drop(weighted);
    let build_s = t.elapsed().as_secs_f64();
    let mem_built = memory();
    eprintln!("bench: CSR built in {build_s:.2}s");

    let mut kernels = serde_json::Map::new();
    let mut checks = serde_json::Map::new();
    let runs = args.runs;

    if args.wants("pagerank") {
        let pr_cfg = PageRankConfig {
            convergence: 0.0,
            max_iterations: PR_ITERATIONS,
            num_thread: threads,
            directed: false,
            ..PageRankConfig::default()
        };
        let (s, pr) = repeat(runs, BUDGET, || page_rank(&g, &pr_cfg, &ctl));
        let pr = pr?;
        assert_eq!(pr.iterations, PR_ITERATIONS);
        kernels.insert("pagerank".into(), figure(&s, f64::from(PR_ITERATIONS)));
        eprintln!(
            "bench: pagerank {:.2} ms/iteration",
            s.median() * 1e3 / 20.0
        );
    }

    if args.wants("bfs") {
        let mut bfs = Samples::default();
        let mut reached = Vec::new();
        for &src in &sources {
            let (s, r) = repeat(runs, BUDGET / SOURCES as u32, || {
                k_hop(&g, src, u32::MAX, Direction::All, &ctl)
            });
            bfs.0.extend(s.0);
            reached.push(r?.len() + 1);
        }
        kernels.insert("bfs".into(), figure(&bfs, 1.0));
        checks.insert("bfs_reached".into(), json!(reached));
        eprintln!("bench: bfs {:.2} ms/source", bfs.median() * 1e3);
    }

    if args.wants("wcc") {
        let (s, cc) = repeat(runs, BUDGET, || wcc(&g, &ctl));
        let cc = cc?;
        let components = cc
            .component
            .iter()
            .enumerate()
            .filter(|&(v, &c)| v as u32 == c)
            .count();
        kernels.insert("wcc".into(), figure(&s, 1.0));
        checks.insert("wcc_components".into(), json!(components));
        checks.insert("wcc_largest".into(), json!(cc.max_size));
        eprintln!("bench: wcc {:.2} ms", s.median() * 1e3);
    }

    if args.wants("sssp") {
        let weights = g.edge_weights("weight").ok_or("no weight property")?;
        let mut sssp = Samples::default();
        let mut dist_sums = Vec::new();
        for &src in &sources {
            let (s, d) = repeat(runs, BUDGET / SOURCES as u32, || {
                dijkstra_distances(&g, src, &weights, false, &ctl)
            });
            sssp.0.extend(s.0);
            dist_sums.push(d?.iter().filter(|x| x.is_finite()).sum::<f64>());
        }
        kernels.insert("sssp".into(), figure(&sssp, 1.0));
        checks.insert("sssp_distance_sums".into(), json!(dist_sums));
        eprintln!("bench: sssp {:.2} ms/source", sssp.median() * 1e3);
    }

    if args.wants("triangle_count") {
        // The total alone, as the default job (`statistics: true`) and GAP compute it.
        let (s, tc) = repeat(runs, BUDGET, || triangle_total(&g, &ctl));
        kernels.insert("triangle_count".into(), figure(&s, 1.0));
        checks.insert("triangles".into(), json!(tc?));
        eprintln!("bench: triangle count {:.3} s", s.median());
    }

    if args.wants("betweenness") {
        let bc_cfg = BetweennessConfig {
            directed: false,
            weight: None,
            seeds: Some(sources[..BC_SOURCES].iter().map(u32::to_string).collect()),
            k: None,
        };
        let (s, bc) = repeat(runs, BUDGET, || betweenness(&g, &bc_cfg, &ctl));
        bc?;
        kernels.insert("betweenness".into(), figure(&s, 1.0));
        eprintln!("bench: betweenness (4 sources) {:.3} s", s.median());
    }

    let mem_kernels = memory();
    let graph_bytes = g.stats().memory_bytes;
    drop(g);

    let import = if args.wants("import") {
        let import = import::bench(&kg, &ges_dir, runs, BUDGET)?;
        eprintln!("bench: import {import}");
        import
    } else {
        Value::Null
    };

    let paging = if args.wants("paging") {
        let paging = paging::bench(&args.out.join("paging"), PAGING_ROWS)?;
        eprintln!("bench: paging {paging}");
        paging
    } else {
        Value::Null
    };

    let result = json!({
        "tool": "graphjobs",
        "paging": paging,
        "graph": meta,
        "threads": threads,
        "runs": runs,
        "generate_s": generate_s,
        "build_s": build_s,
        "kernels": kernels,
        "checks": checks,
        "import": import,
        "memory": {
            "graph_bytes": graph_bytes,
            "after_build": mem_built,
            "after_kernels": mem_kernels,
            "after_import": memory(),
        },
    });
    println!("{result}");
    Ok(())
}
