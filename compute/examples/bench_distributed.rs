//! The distributed executor beside the single-node engine, in one run on one machine: PageRank
//! (20 iterations), connected components and BFS (`k_hop` from the hub, up to its limit of 100 levels: every level of these graphs) on a GES
//! graph, as jobs submitted to an engine the way a client would, with the local executor and
//! with P timely processes for each P asked for.
//!
//! ```text
//! cargo build --release -p compute --bins --examples
//! target/release/examples/bench_distributed --ges bench/out/kron-18-ges --processes 1,2,4
//! ```
//!
//! Each figure is a whole job's wall time, submit to success, the median of `--runs` runs (the
//! first distributed run of a graph version also cuts the partition: it is run once
//! beforehand and not counted). Memory: the peak resident set of each compute process (its
//! `VmHWM`, read from `/proc` every 20 ms while the job runs) and of this process, which holds
//! the graph as the node does. Prints one JSON document on stdout. `bench/distributed.sh`
//! runs it and writes the table.
//!
//! `--partitioned` measures the ceiling instead (`bench/ceiling.sh`): the graph is imported
//! partitioned into the one P of `--processes` (the node streams the edges into the parts and
//! keeps only the vertices), no local kernel runs, and each job's processes run under
//! `--memory-limit BYTES` (the node's `--compute-memory-limit`). A job that fails is recorded
//! with its reason instead of ending the run. `--local-only` is the same for the single-node
//! engine: a whole import and the kernels on the local executor, nothing distributed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use engine::distributed::{ComputeConfig, Executor};
use engine::job::ImportSpec;
use engine::{Engine, EngineConfig, JobKind, JobRecord, JobSpec, JobState, SubmitOptions};
use serde_json::{Map, Value, json};

const PROJECT: &str = "bench";
const GRAPH: &str = "g";
/// PageRank iterations per run (the convergence threshold is too small to stop it earlier).
const PR_ITERATIONS: u64 = 20;

struct Args {
    ges: PathBuf,
    processes: Vec<u32>,
    runs: usize,
    source: String,
    /// Import partitioned into the one process count given; no local executor.
    partitioned: bool,
    /// A whole import and the local executor only (`bench/ceiling.sh` with `BENCH_LOCAL=1`).
    local_only: bool,
    /// Address-space limit of each compute process, bytes.
    memory_limit: Option<u64>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        ges: PathBuf::new(),
        processes: vec![1, 2, 4],
        runs: 3,
        source: "0".into(),
        partitioned: false,
        local_only: false,
        memory_limit: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--partitioned" || flag == "--local-only" {
            args.partitioned |= flag == "--partitioned";
            args.local_only |= flag == "--local-only";
            continue;
        }
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--ges" => args.ges = PathBuf::from(value),
            "--processes" => {
                args.processes = value
                    .split(',')
                    .map(|p| p.parse().map_err(|e| format!("--processes: {e}")))
                    .collect::<Result<_, _>>()?;
            }
            "--runs" => args.runs = value.parse().map_err(|e| format!("--runs: {e}"))?,
            "--source" => args.source = value,
            "--memory-limit" => {
                args.memory_limit =
                    Some(value.parse().map_err(|e| format!("--memory-limit: {e}"))?);
            }
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if args.ges.as_os_str().is_empty() {
        return Err("--ges DIR (schema.xml, vertices.csv, edges.csv) is required".into());
    }
    if args.partitioned && args.processes.len() != 1 {
        return Err("--partitioned takes one --processes count (the parts)".into());
    }
    // The engine imports absolute local paths only.
    args.ges = std::fs::canonicalize(&args.ges).map_err(|e| format!("--ges: {e}"))?;
    Ok(args)
}

/// The compute binary built beside this example (`target/<profile>/graphjobs-compute`).
fn compute_binary() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("graphjobs-compute"))
        .ok_or("no target dir")?;
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!(
            "{} is missing: cargo build --release -p compute --bins --examples",
            bin.display()
        ))
    }
}

async fn open(
    data: &Path,
    processes: u32,
    roots: &[PathBuf],
    memory_limit: Option<u64>,
) -> Result<Engine, String> {
    let mut c = EngineConfig::new(data);
    c.workers = 1;
    c.import_roots = roots.to_vec();
    c.compute = ComputeConfig {
        processes,
        command: vec![compute_binary()?.into()],
        checkpoint_every: 0,
        memory_limit,
        ..Default::default()
    };
    Engine::open(c).await.map_err(|e| e.to_string())
}

/// Submits `spec` and waits for it, sampling the compute processes' peak memory meanwhile:
/// `(seconds, the job, peak KiB of each compute process)`.
async fn timed(
    engine: &Engine,
    spec: JobSpec,
    executor: Executor,
) -> Result<(f64, JobRecord, Vec<u64>), String> {
    let options = SubmitOptions {
        executor,
        ..Default::default()
    };
    let t = Instant::now();
    let job = engine
        .submit_with(PROJECT, spec, options)
        .await
        .map_err(|e| e.to_string())?;
    let id = job.id.0.clone();
    let mut peaks = std::collections::BTreeMap::new();
    loop {
        let job = engine.job(PROJECT, &id).await.map_err(|e| e.to_string())?;
        if job.state.is_terminal() {
            let secs = t.elapsed().as_secs_f64();
            if job.state != JobState::Succeeded {
                return Err(format!(
                    "job {id} ended {:?}: {:?}",
                    job.state, job.fail_reason
                ));
            }
            return Ok((secs, job, peaks.into_values().collect()));
        }
        for (pid, kib) in group_peaks(&id) {
            let peak = peaks.entry(pid).or_insert(0);
            *peak = kib.max(*peak);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// `(pid, VmHWM KiB)` of the processes of job `id`'s group.
fn group_peaks(id: &str) -> Vec<(u32, u64)> {
    let needle = format!("compute/{id}/");
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| {
            let pid = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let cmd = std::fs::read(e.path().join("cmdline")).ok()?;
            if !String::from_utf8_lossy(&cmd)
                .replace('\0', " ")
                .contains(&needle)
            {
                return None;
            }
            Some((pid, vm_hwm_kib(&e.path().join("status"))?))
        })
        .collect()
}

fn vm_hwm_kib(status: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(status).ok()?;
    let line = text.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn algorithm(name: &str, params: Value) -> JobSpec {
    let params: Map<String, Value> = params.as_object().cloned().unwrap_or_default();
    JobSpec::algorithm(GRAPH, name, params)
}

/// The kernels measured, with their parameters.
fn kernels(source: &str) -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "pagerank",
            "pagerank",
            json!({"max_iterations": PR_ITERATIONS, "convergence": 1e-300, "directed": false}),
        ),
        ("wcc", "connected_component", json!({})),
        (
            "bfs",
            "k_hop",
            json!({"source": source, "k": 100, "mode": "ALL", "statistics": true}),
        ),
    ]
}

/// Median of `runs` timed runs of kernel `(name, params)` on `executor`, with the largest
/// peak of each compute process over the runs.
async fn measure(
    engine: &Engine,
    (algo, params): (&str, &Value),
    executor: Executor,
    runs: usize,
) -> Result<Value, String> {
    let mut secs = Vec::new();
    let mut peaks: Vec<u64> = Vec::new();
    let mut iterations = Value::Null;
    for _ in 0..runs.max(1) {
        let (s, job, p) = timed(engine, algorithm(algo, params.clone()), executor).await?;
        secs.push(s);
        peaks.resize(peaks.len().max(p.len()), 0);
        for (m, x) in peaks.iter_mut().zip(p) {
            *m = (*m).max(x);
        }
        if algo == "pagerank" {
            let page = engine
                .result_page(PROJECT, &job.id.0, 0, 1)
                .await
                .map_err(|e| e.to_string())?;
            iterations = page.scalars.get("iterations").cloned().unwrap_or_default();
        }
    }
    secs.sort_by(f64::total_cmp);
    Ok(json!({
        "median_s": secs[secs.len() / 2],
        "runs": secs.len(),
        "iterations": iterations,
        "process_peak_kib": peaks,
    }))
}

async fn bench(args: Args) -> Result<Value, String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let roots = vec![args.ges.clone()];
    let p = |f: &str| args.ges.join(f).display().to_string();
    let mut out = Map::new();
    let spec = ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("vertices.csv")],
        edge_paths: vec![p("edges.csv")],
        partitions: args.partitioned.then_some(args.processes[0]),
        ..Default::default()
    };
    let import = JobSpec::new(GRAPH, JobKind::ImportGraph(spec), json!({"graph": GRAPH}));
    if args.partitioned || args.local_only {
        return ceiling(&args, tmp.path(), import).await;
    }
    let mut first = true;
    for &processes in &args.processes {
        let engine = open(tmp.path(), processes, &roots, args.memory_limit).await?;
        if first {
            let (s, _, _) = timed(&engine, import.clone(), Executor::Local).await?;
            eprintln!("bench_distributed: import {s:.2} s");
            let mut local = Map::new();
            for (name, algo, params) in kernels(&args.source) {
                let m = measure(&engine, (algo, &params), Executor::Local, args.runs).await?;
                eprintln!("bench_distributed: local {name} {m}");
                local.insert(name.into(), m);
            }
            out.insert("local".into(), Value::Object(local));
            out.insert("node_peak_kib".into(), json!(own_peak_kib()));
            first = false;
        }
        // The first distributed run of this graph version cuts the partition for P processes.
        let (cut, _, _) = timed(
            &engine,
            algorithm("connected_component", json!({})),
            Executor::Distributed,
        )
        .await?;
        eprintln!("bench_distributed: P={processes} partition and a first run {cut:.2} s");
        let mut dist = Map::new();
        for (name, algo, params) in kernels(&args.source) {
            let m = measure(&engine, (algo, &params), Executor::Distributed, args.runs).await?;
            eprintln!("bench_distributed: P={processes} {name} {m}");
            dist.insert(name.into(), m);
        }
        out.insert(format!("distributed_{processes}"), Value::Object(dist));
        engine.shutdown(Duration::from_secs(10)).await;
    }
    out.insert("graph".into(), json!(args.ges.display().to_string()));
    out.insert("processes".into(), json!(args.processes));
    Ok(Value::Object(out))
}

/// The `--partitioned` run: a partitioned import, then each kernel `--runs` times on the P
/// processes under the memory limit; a failed job is recorded with its reason. With
/// `--local-only`, a whole import and the local executor instead.
async fn ceiling(args: &Args, data: &Path, import: JobSpec) -> Result<Value, String> {
    let (processes, executor, key) = if args.local_only {
        (0, Executor::Local, "local".to_owned())
    } else {
        let p = args.processes[0];
        (p, Executor::Distributed, format!("distributed_{p}"))
    };
    let engine = open(
        data,
        processes,
        std::slice::from_ref(&args.ges),
        args.memory_limit,
    )
    .await?;
    let (import_s, _, _) = timed(&engine, import, Executor::Local).await?;
    eprintln!("bench_distributed: import {import_s:.2} s");
    let node_after_import = own_peak_kib();
    let mut dist = Map::new();
    for (name, algo, params) in kernels(&args.source) {
        let m = match measure(&engine, (algo, &params), executor, args.runs).await {
            Ok(m) => m,
            Err(reason) => json!({ "failed": reason }),
        };
        eprintln!("bench_distributed: {key} {name} {m}");
        dist.insert(name.into(), m);
    }
    engine.shutdown(Duration::from_secs(10)).await;
    let mut out = json!({
        "graph": args.ges.display().to_string(),
        "processes": [processes],
        "partitioned": !args.local_only,
        "local_only": args.local_only,
        "memory_limit": args.memory_limit,
        "import_s": import_s,
        "node_peak_kib_after_import": node_after_import,
        "node_peak_kib": own_peak_kib(),
        "memory_total_kib": meminfo_kib("MemTotal:"),
        "swap_total_kib": meminfo_kib("SwapTotal:"),
    });
    out[key] = Value::Object(dist);
    Ok(out)
}

/// A `/proc/meminfo` figure, KiB.
fn meminfo_kib(key: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn own_peak_kib() -> Option<u64> {
    vm_hwm_kib(Path::new("/proc/self/status"))
}

fn main() -> Result<(), String> {
    let args = parse_args()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let result = runtime.block_on(bench(args))?;
    println!("{result}");
    Ok(())
}
