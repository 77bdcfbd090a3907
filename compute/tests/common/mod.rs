//! Helpers of the compute crate's proof tests: engines whose distributed executor starts this
//! crate's `graphjobs-compute` binary, graphs imported by jobs, results read page by page.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use engine::distributed::{ComputeConfig, Executor};
use engine::job::ImportSpec;
use engine::{Engine, EngineConfig, JobKind, JobRecord, JobSpec, JobState, SubmitOptions};
use serde_json::{Map, Value, json};

/// The project of every test graph.
pub(crate) const PROJECT: &str = "proof";
/// How long a job may take.
const JOB_TIMEOUT: Duration = Duration::from_secs(300);

/// The repository's demo graph (`demo/movie`).
pub(crate) fn demo_dir() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace");
    repo.join("demo").join("movie")
}

/// An engine over `data_dir` whose distributed executor runs `processes` processes of
/// `graphjobs-compute` (default retries and checkpoints); it may import from `roots`.
pub(crate) async fn engine(data_dir: &Path, processes: u32, roots: &[&Path]) -> Engine {
    engine_with(data_dir, processes, roots, |_| {}).await
}

/// [`engine`] with its distributed executor's settings adjusted by `configure`.
pub(crate) async fn engine_with(
    data_dir: &Path,
    processes: u32,
    roots: &[&Path],
    configure: impl FnOnce(&mut ComputeConfig),
) -> Engine {
    let mut c = EngineConfig::new(data_dir);
    c.workers = 2;
    c.import_roots = roots.iter().map(|r| r.to_path_buf()).collect();
    c.compute = ComputeConfig {
        processes,
        command: vec![env!("CARGO_BIN_EXE_graphjobs-compute").into()],
        ..Default::default()
    };
    configure(&mut c.compute);
    Engine::open(c).await.unwrap()
}

/// Polls job `id` until `what` holds.
pub(crate) async fn wait_until(
    engine: &Engine,
    id: &str,
    what: impl Fn(&JobRecord) -> bool,
) -> JobRecord {
    let deadline = Instant::now() + JOB_TIMEOUT;
    loop {
        let job = engine.job(PROJECT, id).await.unwrap();
        if what(&job) {
            return job;
        }
        assert!(Instant::now() < deadline, "job {id} is stuck: {job:?}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Waits for job `id` to end.
pub(crate) async fn wait(engine: &Engine, id: &str) -> JobRecord {
    wait_until(engine, id, |j| j.state.is_terminal()).await
}

/// Imports `dir` (`schema.xml`, `vertices.csv`, `edges.csv`) as graph `name`.
pub(crate) async fn import(engine: &Engine, name: &str, dir: &Path) {
    import_parts(engine, name, dir, None).await;
}

/// Imports `dir` as graph `name`, cut into `partitions` parts when given.
pub(crate) async fn import_parts(engine: &Engine, name: &str, dir: &Path, partitions: Option<u32>) {
    let p = |f: &str| dir.join(f).display().to_string();
    let spec = ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("vertices.csv")],
        edge_paths: vec![p("edges.csv")],
        partitions,
        ..Default::default()
    };
    let job = engine
        .submit(
            PROJECT,
            JobSpec::new(name, JobKind::ImportGraph(spec), json!({"graph": name})),
        )
        .await
        .unwrap();
    let job = wait(engine, &job.id.0).await;
    assert_eq!(job.state, JobState::Succeeded, "{:?}", job.fail_reason);
}

/// Submits algorithm `name` with `params` on `graph` to `executor`.
pub(crate) async fn submit(
    engine: &Engine,
    graph: &str,
    name: &str,
    params: Value,
    executor: Executor,
) -> JobRecord {
    let params: Map<String, Value> = params.as_object().cloned().unwrap_or_default();
    let options = SubmitOptions {
        executor,
        ..Default::default()
    };
    let spec = JobSpec::algorithm(graph, name, params);
    engine.submit_with(PROJECT, spec, options).await.unwrap()
}

/// A finished algorithm job's whole result: scalars and rows.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) scalars: Map<String, Value>,
    pub(crate) rows: Vec<Value>,
}

/// Runs algorithm `name` on `executor`, insists it succeeded, and reads its whole result.
pub(crate) async fn run(
    engine: &Engine,
    graph: &str,
    name: &str,
    params: Value,
    executor: Executor,
) -> Answer {
    let job = submit(engine, graph, name, params.clone(), executor).await;
    let job = wait(engine, &job.id.0).await;
    assert_eq!(
        job.state,
        JobState::Succeeded,
        "{name} {params} on {executor:?}: {:?}",
        job.fail_reason
    );
    let mut rows = Vec::new();
    loop {
        let page = engine
            .result_page(PROJECT, &job.id.0, rows.len() as u64, 100_000)
            .await
            .unwrap();
        let done = page.rows.is_empty() || rows.len() as u64 + page.rows.len() as u64 >= page.total;
        rows.extend(page.rows);
        if done {
            return Answer {
                scalars: page.scalars,
                rows,
            };
        }
    }
}

/// The processes of this machine whose command line contains `needle` (pid, command line).
pub(crate) fn processes_with(needle: &str) -> Vec<(u32, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(raw) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let line = String::from_utf8_lossy(&raw).replace('\0', " ");
        if line.contains(needle) {
            found.push((pid, line));
        }
    }
    found
}

/// Writes a graph of property-less vertices (label `n`) and edges (label `e`) to `dir`
/// in the GES import format: `vertices.csv`, `edges.csv` and `schema.xml`.
pub(crate) fn write_plain_graph(dir: &Path, vertices: &str, edges: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("vertices.csv"), vertices).unwrap();
    std::fs::write(dir.join("edges.csv"), edges).unwrap();
    std::fs::write(
        dir.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>"#,
    )
    .unwrap();
}

/// Kills process `index` of `group` (as [`processes_with`] lists it) with SIGKILL; its pid.
pub(crate) fn kill_process(group: &[(u32, String)], index: u32) -> u32 {
    let flag = format!("--process {index} ");
    let (victim, _) = group
        .iter()
        .find(|(_, line)| line.contains(&flag))
        .unwrap_or_else(|| panic!("no process {index} in {group:?}"));
    let killed = std::process::Command::new("kill")
        .args(["-9", &victim.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    *victim
}

/// Writes a Kronecker (R-MAT, Graph500 probabilities) graph of `2^scale` vertices and
/// `edge_factor · 2^scale` drawn edges in the GES import format, self-loops and repeated edges
/// kept, vertex ids shuffled, each edge with an integer weight `w` in 1..=255 (GAP's SSSP
/// weights); vertex names are `k<i>`. Returns the name of the hub (R-MAT's vertex 0).
pub(crate) fn write_kronecker(dir: &Path, scale: u32, edge_factor: usize, seed: u64) -> String {
    let mut state = seed;
    let mut next = move || {
        // SplitMix64.
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let n = 1usize << scale;
    let mut perm: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        perm.swap(i, (next() % (i as u64 + 1)) as usize);
    }
    let mut edges = String::new();
    for _ in 0..edge_factor * n {
        let (mut u, mut v) = (0usize, 0usize);
        for _ in 0..scale {
            let r = (next() >> 11) as f64 / (1u64 << 53) as f64;
            u <<= 1;
            v <<= 1;
            if r < 0.57 {
            } else if r < 0.76 {
                v |= 1;
            } else if r < 0.95 {
                u |= 1;
            } else {
                u |= 1;
                v |= 1;
            }
        }
        let w = 1 + next() % 255;
        edges.push_str(&format!("k{},k{},e,{w}\n", perm[u], perm[v]));
    }
    let vertices: String = (0..n).map(|i| format!("k{i},n\n")).collect();
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"><properties><property name="w" cardinality="single" dataType="int"/></properties></label></labels></PMML>"#,
    )
    .unwrap();
    std::fs::write(dir.join("vertices.csv"), vertices).unwrap();
    std::fs::write(dir.join("edges.csv"), edges).unwrap();
    format!("k{}", perm[0])
}

/// The prepared real-data graphs (`GRAPHJOBS_REALDATA_DIR`, default
/// `$HOME/.cache/graphjobs/realdata`, as `engine/tests/real_data.rs` reads them), or `None`
/// after saying on stderr that the test is skipped.
///
/// # Panics
/// They are missing and `GRAPHJOBS_REALDATA_REQUIRED=1`.
pub(crate) fn real_data_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("GRAPHJOBS_REALDATA_DIR").map_or_else(
        || {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into()))
                .join(".cache/graphjobs/realdata")
        },
        PathBuf::from,
    );
    if dir.join("reference.json").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var("GRAPHJOBS_REALDATA_REQUIRED").as_deref() != Ok("1"),
        "GRAPHJOBS_REALDATA_REQUIRED=1 but {} holds no prepared data (scripts/data/realdata/setup.sh, then prepare.py)",
        dir.display()
    );
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: real data not prepared (scripts/data/realdata/setup.sh)"
    );
    None
}
