//! Helpers of the networkx cross-checks (`algo_crosscheck.rs`, `algo_crosscheck_extra.rs`):
//! the deterministic test graphs, running a `scripts/data/crosscheck/*.py` reference beside the
//! catalogue, reading answers out of [`AlgoOutput`]s, and a [`Report`] that collects every
//! mismatch. Each test file includes it with `mod crosscheck;`; what one file does not use is
//! dead code in it, hence the `allow`.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use engine::algo::{self, AlgoOutput, MetricValues, Rows};
use engine::graph::Graph;
use engine::job::control::JobControl;
use serde_json::Value;

/// Absolute tolerance for floating-point results.
pub(crate) const EPS: f64 = 1e-9;

/// A deterministic xorshift generator, so the graphs never depend on a crate's version.
pub(crate) struct XorShift(pub(crate) u64);

impl XorShift {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A simple random graph with `groups` planted communities: no self-loops, at most one edge per
/// unordered pair, 80 % of edges inside a community, a third of endpoints drawn among each
/// community's first five vertices (hubs), random direction, weights 1–9.
pub(crate) fn planted(n: u32, groups: u32, m: usize, seed: u64) -> Vec<(u32, u32, f64)> {
    let mut rng = XorShift(seed);
    let size = n / groups;
    let mut seen = std::collections::HashSet::new();
    let mut edges = Vec::with_capacity(m);
    let pick = |rng: &mut XorShift, group: u32| {
        let offset = if rng.below(3) == 0 {
            rng.below(5)
        } else {
            rng.below(size as u64)
        };
        group * size + offset as u32
    };
    while edges.len() < m {
        let g = rng.below(groups as u64) as u32;
        let u = pick(&mut rng, g);
        let h = if rng.below(5) < 4 {
            g
        } else {
            rng.below(groups as u64) as u32
        };
        let v = pick(&mut rng, h);
        if u == v || !seen.insert((u.min(v), u.max(v))) {
            continue;
        }
        let (s, t) = if rng.below(2) == 0 { (u, v) } else { (v, u) };
        edges.push((s, t, (1 + rng.below(9)) as f64));
    }
    edges
}

pub(crate) fn write_edges(path: &Path, n: u32, edges: &[(u32, u32, f64)]) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(f, "# {n}").unwrap();
    for (s, t, w) in edges {
        writeln!(f, "{s} {t} {w}").unwrap();
    }
}

pub(crate) fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".into())
}

pub(crate) fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../scripts/data/crosscheck")
        .join(name)
}

/// `Err(reason)` when python3 or networkx cannot be used.
pub(crate) fn networkx_available() -> Result<(), String> {
    match Command::new(python())
        .args(["-c", "import networkx"])
        .output()
    {
        Err(e) => Err(format!("{} not runnable: {e}", python())),
        Ok(out) if !out.status.success() => Err("import networkx failed".into()),
        Ok(_) => Ok(()),
    }
}

pub(crate) fn spawn_python(script_name: &str, command: &str, dir: &Path) -> Child {
    Command::new(python())
        .arg(script(script_name))
        .arg(command)
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 ran a moment ago")
}

pub(crate) fn finish_python(child: Child, output: &Path) -> Value {
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{} failed:\n{}",
        output.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(output).unwrap()).unwrap()
}

pub(crate) fn run(g: &Graph, name: &str, params: Value) -> AlgoOutput {
    algo::run(g, name, params.as_object().unwrap(), &JobControl::new())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A dense per-vertex metric as floats.
pub(crate) fn dense(out: &AlgoOutput) -> Vec<f64> {
    match &out.rows {
        Rows::VertexMetric { values, .. } => floats(values),
        other => panic!("not a dense metric: {other:?}"),
    }
}

/// A sparse per-vertex metric.
pub(crate) fn sparse(out: &AlgoOutput) -> HashMap<u32, f64> {
    match &out.rows {
        Rows::SomeVertices { ids, values, .. } => ids.iter().copied().zip(floats(values)).collect(),
        other => panic!("not a sparse metric: {other:?}"),
    }
}

pub(crate) fn floats(values: &MetricValues) -> Vec<f64> {
    match values {
        MetricValues::F64(v) => v.clone(),
        MetricValues::I64(v) => v.iter().map(|&x| x as f64).collect(),
        MetricValues::Vertex(v) => v.iter().map(|&x| x as f64).collect(),
        other => panic!("not numeric: {other:?}"),
    }
}

pub(crate) fn labels(out: &AlgoOutput) -> Vec<u32> {
    match &out.rows {
        Rows::VertexMetric {
            values: MetricValues::Vertex(v),
            ..
        } => v.clone(),
        other => panic!("not a partition: {other:?}"),
    }
}

pub(crate) fn paths(out: &AlgoOutput) -> Vec<Vec<u32>> {
    match &out.rows {
        Rows::Paths { paths, .. } => paths.clone(),
        other => panic!("not paths: {other:?}"),
    }
}

pub(crate) fn vertices(out: &AlgoOutput) -> Vec<u32> {
    match &out.rows {
        Rows::Vertices { ids, .. } => ids.clone(),
        other => panic!("not vertices: {other:?}"),
    }
}

pub(crate) fn json_paths(v: &Value) -> Vec<Vec<u32>> {
    serde_json::from_value(v.clone()).unwrap()
}

pub(crate) fn json_floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Collects mismatches so one run reports all of them.
#[derive(Default)]
pub(crate) struct Report {
    pub(crate) failures: Vec<String>,
    pub(crate) checks: usize,
}

impl Report {
    pub(crate) fn check(&mut self, what: &str, ok: bool, detail: impl FnOnce() -> String) {
        self.checks += 1;
        if !ok {
            self.failures.push(format!("{what}: {}", detail()));
        }
    }

    pub(crate) fn close(&mut self, what: &str, ours: &[f64], theirs: &[f64], eps: f64) {
        let worst = ours
            .iter()
            .zip(theirs)
            .enumerate()
            .map(|(i, (a, b))| (i, (a - b).abs()))
            .fold((0, 0.0f64), |w, x| if x.1 > w.1 { x } else { w });
        self.check(what, ours.len() == theirs.len() && worst.1 <= eps, || {
            format!(
                "lengths {} / {}; worst at {}: ours {:?} networkx {:?}",
                ours.len(),
                theirs.len(),
                worst.0,
                ours.get(worst.0),
                theirs.get(worst.0)
            )
        });
    }

    pub(crate) fn equal<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, ours: T, theirs: T) {
        self.check(what, ours == theirs, || {
            format!("ours {ours:?}\n  networkx {theirs:?}")
        });
    }
}

pub(crate) fn csv(ids: &[u32]) -> String {
    ids.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

/// When python3 or networkx cannot be used: reports the skip on stderr (past the test
/// harness's capture) and returns true, or panics when `GRAPHJOBS_CROSSCHECK_REQUIRED` is set.
pub(crate) fn skip_without_networkx(test: &str) -> bool {
    let Err(why) = networkx_available() else {
        return false;
    };
    let msg = format!(
        "SKIPPED: networkx not installed ({why}); run scripts/data/crosscheck/setup.sh to enable \
         the algorithm cross-check"
    );
    assert!(
        std::env::var_os("GRAPHJOBS_CROSSCHECK_REQUIRED").is_none(),
        "{msg}"
    );
    let _ = writeln!(std::io::stderr(), "{test}: {msg}");
    true
}
