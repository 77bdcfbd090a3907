//! Label propagation on the distributed executor: its synchronous definition, checked against
//! `engine::algo::label_propagation::synchronous` run sequentially on the same import (exactly:
//! every vertex's community, the number of communities and of supersteps) with P = 1 to 4 on a
//! Kronecker graph and on MovieLens, unweighted and weighted; against the local asynchronous
//! kernel on cliques joined by single edges (the same communities); a job killed mid-run resumed
//! from its checkpoint with the answer of a run that never stopped; seeds spread as the seeded
//! reference defines them, with P = 1 to 4 and on a partitioned import; bad seeds refused.
//!
//! Real processes (`graphjobs-compute`) on loopback, jobs submitted to the engine as a client
//! would, results read through the ordinary result pages.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{
    PROJECT, engine, engine_with, import, kill_process, processes_with, run, submit, wait,
    wait_until, write_kronecker, write_plain_graph,
};
use engine::algo::label_propagation::{LabelPropagationConfig, synchronous};
use engine::distributed::Executor;
use engine::graph::Graph;
use engine::graph::import::ImportOptions;
use engine::job::control::JobControl;
use engine::{Engine, JobState};
use serde_json::{Value, json};

/// `dir`'s graph as the engine imports it (the same vertex indices as the job's graph).
fn imported(dir: &Path) -> Graph {
    let opts = ImportOptions {
        schema_paths: vec![dir.join("schema.xml")],
        vertex_paths: vec![dir.join("vertices.csv")],
        edge_paths: vec![dir.join("edges.csv")],
        ..Default::default()
    };
    engine::graph::import::import(None, &opts, &JobControl::new())
        .unwrap()
        .0
}

/// The synchronous reference's answer on `g` as the result rows name it: community by vertex
/// name, the number of communities and supersteps.
fn reference(g: &Graph, weight: Option<&str>) -> (HashMap<String, String>, u64, u64) {
    let cfg = LabelPropagationConfig {
        weight: weight.map(str::to_owned),
        ..Default::default()
    };
    let r = synchronous(g, &cfg, &JobControl::new()).unwrap();
    let names = (0..g.vertex_count() as u32)
        .map(|v| {
            let c = r.labels[v as usize];
            (g.vertex_name(v).to_owned(), g.vertex_name(c).to_owned())
        })
        .collect();
    (names, r.communities as u64, u64::from(r.iterations))
}

/// A result's communities by vertex name.
fn communities(rows: &[Value]) -> HashMap<String, String> {
    rows.iter()
        .map(|r| {
            let name = |k: &str| r[k].as_str().unwrap_or_else(|| panic!("{r}")).to_owned();
            (name("id"), name("community"))
        })
        .collect()
}

/// The reference's answers on `g`, unweighted and weighted by `weight`.
type Answers = Vec<(Option<String>, (HashMap<String, String>, u64, u64))>;

/// Runs label propagation on `graph` distributed, unweighted and weighted, and compares each
/// answer with the reference's (`want`).
async fn compare(engine: &Engine, graph: &str, g: &Graph, want: &Answers, processes: u32) {
    for (w, (communities_want, count, steps)) in want {
        let params = w.as_ref().map_or(json!({}), |w| json!({"weight": w}));
        let what = format!("{graph} {params} P={processes}");
        let got = run(
            engine,
            graph,
            "label_propagation",
            params,
            Executor::Distributed,
        )
        .await;
        assert_eq!(got.rows.len(), g.vertex_count(), "{what}: rows");
        assert!(
            communities(&got.rows) == *communities_want,
            "{what}: communities"
        );
        assert_eq!(
            got.scalars["community_num"], *count,
            "{what}: community_num"
        );
        assert_eq!(got.scalars["iterations"], *steps, "{what}: iterations");
        assert!(
            *steps >= 2 && *count > 1,
            "{what}: a run with something to do"
        );
    }
}

async fn check_graph(dir: &Path, name: &str, weight: &str, most: u32) {
    let g = imported(dir);
    // Computed once: the reference does not depend on the processes.
    let want: Answers = [None, Some(weight)]
        .into_iter()
        .map(|w| (w.map(str::to_owned), reference(&g, w)))
        .collect();
    for processes in 1..=most {
        let tmp = tempfile::tempdir().unwrap();
        let engine = engine(tmp.path(), processes, &[dir]).await;
        import(&engine, name, dir).await;
        compare(&engine, name, &g, &want, processes).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn distributed_label_propagation_is_the_synchronous_reference_on_a_kronecker_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kron");
    write_kronecker(&dir, 10, 8, 42);
    check_graph(&dir, "kron", "w", 4).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn distributed_label_propagation_is_the_synchronous_reference_on_real_data() {
    let Some(dir) = common::real_data_dir() else {
        return;
    };
    check_graph(&dir.join("movielens"), "movielens", "rating", 4).await;
}

/// Cliques of 4, 5 and 6 vertices, their vertices interleaved in import order (so that no
/// community is a range of indices), the first joined to the second and the second to the
/// third by one edge.
fn write_cliques(dir: &Path) {
    let sizes = [4u32, 5, 6];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); sizes.len()];
    let mut n = 0;
    for round in 0..6 {
        for (c, &size) in sizes.iter().enumerate() {
            if round < size {
                members[c].push(n);
                n += 1;
            }
        }
    }
    let mut edges = String::new();
    for m in &members {
        for (i, a) in m.iter().enumerate() {
            for b in &m[i + 1..] {
                edges.push_str(&format!("c{a},c{b},e\n"));
            }
        }
    }
    edges.push_str(&format!("c{},c{},e\n", members[0][3], members[1][4]));
    edges.push_str(&format!("c{},c{},e\n", members[1][0], members[2][5]));
    let vertices: String = (0..n).map(|i| format!("c{i},n\n")).collect();
    write_plain_graph(dir, &vertices, &edges);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_clear_communities_the_distributed_run_finds_the_local_kernels() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cliques");
    write_cliques(&dir);
    for processes in [1, 3] {
        let engine = engine(
            &tmp.path().join(format!("p{processes}")),
            processes,
            &[&dir],
        )
        .await;
        import(&engine, "cliques", &dir).await;
        let local = run(
            &engine,
            "cliques",
            "label_propagation",
            json!({}),
            Executor::Local,
        )
        .await;
        let dist = run(
            &engine,
            "cliques",
            "label_propagation",
            json!({}),
            Executor::Distributed,
        )
        .await;
        assert_eq!(local.rows, dist.rows, "P={processes}");
        assert_eq!(local.scalars["community_num"], 3);
        assert_eq!(dist.scalars["community_num"], 3);
    }
}

/// A Kronecker graph (scale 10) whose vertices `k0`, `k41`, `k82`, … carry a seed label
/// `s0`…`s4` in the vertex property `seed`, the others none.
fn write_seeded_kronecker(dir: &Path) {
    write_kronecker(dir, 10, 8, 7);
    std::fs::write(
        dir.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"><properties><property name="seed" cardinality="single" dataType="string"/></properties></label><label name="e"><properties><property name="w" cardinality="single" dataType="int"/></properties></label></labels></PMML>"#,
    )
    .unwrap();
    let vertices: String = (0..1 << 10)
        .map(|i| match i % 41 {
            0 => format!("k{i},n,s{}\n", i % 5),
            _ => format!("k{i},n,\n"),
        })
        .collect();
    std::fs::write(dir.join("vertices.csv"), vertices).unwrap();
}

/// The seeded synchronous reference's communities by vertex name (`None`: no seed reached it),
/// their number and the supersteps.
fn seeded_reference(g: &Graph) -> (HashMap<String, Option<String>>, u64, u64) {
    let cfg = LabelPropagationConfig {
        initial: Some("seed".into()),
        ..Default::default()
    };
    let r = synchronous(g, &cfg, &JobControl::new()).unwrap();
    let names = (0..g.vertex_count() as u32)
        .map(|v| {
            let seed = r.names.get(r.labels[v as usize] as usize).cloned();
            (g.vertex_name(v).to_owned(), seed)
        })
        .collect();
    (names, r.communities as u64, u64::from(r.iterations))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_spread_as_the_seeded_synchronous_reference_with_1_to_4_processes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seeded");
    write_seeded_kronecker(&dir);
    let (want, count, steps) = seeded_reference(&imported(&dir));
    assert!(count == 5 && steps >= 2, "a run with something to do");
    assert!(want.values().any(Option::is_none), "some vertex unreached");
    // P processes over the whole graph, then over a graph imported in 3 parts (its node holds
    // only the vertices).
    let runs = (1..=4).map(|p| (p, None)).chain([(3, Some(3))]);
    for (processes, partitions) in runs {
        let data = tmp.path().join(format!("p{processes}-{partitions:?}"));
        let engine = engine(&data, processes, &[&dir]).await;
        common::import_parts(&engine, "seeded", &dir, partitions).await;
        let got = run(
            &engine,
            "seeded",
            "label_propagation",
            json!({"initial": "seed"}),
            Executor::Distributed,
        )
        .await;
        let what = format!("P={processes} parts={partitions:?}");
        let found: HashMap<String, Option<String>> = got
            .rows
            .iter()
            .map(|r| {
                (
                    r["id"].as_str().unwrap().to_owned(),
                    r["community"].as_str().map(str::to_owned),
                )
            })
            .collect();
        assert!(found == want, "{what}: communities");
        assert_eq!(got.scalars["community_num"], count, "{what}");
        assert_eq!(got.scalars["iterations"], steps, "{what}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_seeds_are_refused_with_a_reason_and_a_bad_weight_fails_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seeded");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"><properties><property name="seed" cardinality="single" dataType="string"/></properties></label><label name="e"><properties><property name="w" cardinality="single" dataType="int"/></properties></label></labels></PMML>"#,
    )
    .unwrap();
    std::fs::write(dir.join("vertices.csv"), "a,n,x\nb,n,\nc,n,\n").unwrap();
    std::fs::write(dir.join("edges.csv"), "a,b,e,1\nb,c,e,-2\n").unwrap();
    let engine = engine(&tmp.path().join("data"), 2, &[&dir]).await;
    import(&engine, "seeded", &dir).await;
    // Seeds in a property no vertex label has: the local kernel's words.
    let reason = distributed_failure(&engine, "seeded", json!({"initial": "colour"})).await;
    assert!(
        reason.contains("parameter [initial] is invalid! No vertex label has a property [colour]."),
        "{reason}"
    );
    // Good seeds spread over the whole path.
    let dist = run(
        &engine,
        "seeded",
        "label_propagation",
        json!({"initial": "seed"}),
        Executor::Distributed,
    )
    .await;
    assert!(
        dist.rows.iter().all(|r| r["community"] == "x"),
        "{:?}",
        dist.rows
    );
    // A negative weight fails the task once, with the local kernel's words.
    let reason = distributed_failure(&engine, "seeded", json!({"weight": "w"})).await;
    assert!(
        reason.contains("parameter [weight] is invalid!"),
        "{reason}"
    );
    assert!(reason.ends_with("(after 1 attempt)"), "{reason}");
}

/// Runs `label_propagation` with `params` on `graph` distributed; the reason it failed with.
async fn distributed_failure(engine: &Engine, graph: &str, params: Value) -> String {
    let job = submit(
        engine,
        graph,
        "label_propagation",
        params,
        Executor::Distributed,
    )
    .await;
    let job = wait(engine, &job.id.0).await;
    assert_eq!(job.state, JobState::Failed);
    job.fail_reason.unwrap_or_default()
}

/// A path `p0 … p(len-1)` whose edge weights fall by 2 along it: every vertex prefers its left
/// neighbour's label (heavier by more than its own vote), so labels shift one hop to the right
/// per superstep, for about `len` supersteps.
fn write_sliding_path(dir: &Path, len: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let vertices: String = (0..len).map(|i| format!("p{i},n\n")).collect();
    let edges: String = (1..len)
        .map(|i| format!("p{},p{i},e,{}\n", i - 1, 2 * (len - i) + 2))
        .collect();
    std::fs::write(dir.join("vertices.csv"), vertices).unwrap();
    std::fs::write(dir.join("edges.csv"), edges).unwrap();
    std::fs::write(
        dir.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"><properties><property name="w" cardinality="single" dataType="int"/></properties></label></labels></PMML>"#,
    )
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_killed_mid_run_resumes_from_its_checkpoint_with_the_same_result() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("path");
    // Within the default cap of 1,000 supersteps.
    let len = 900;
    write_sliding_path(&dir, len);
    let engine = engine_with(&tmp.path().join("data"), 3, &[&dir], |c| {
        c.checkpoint_every = 100;
    })
    .await;
    import(&engine, "path", &dir).await;
    let params = json!({"weight": "w"});
    let job = submit(
        &engine,
        "path",
        "label_propagation",
        params.clone(),
        Executor::Distributed,
    )
    .await;
    let id = job.id.0.clone();
    let job = wait_until(&engine, &id, |j| {
        j.counters.iterations.is_some_and(|k| k >= 300) || j.state.is_terminal()
    })
    .await;
    assert!(!job.state.is_terminal(), "the job ended early: {job:?}");
    let group = processes_with(&format!("compute/{id}/task.json"));
    kill_process(&group, 1);
    let job = wait(&engine, &id).await;
    assert_eq!(job.state, JobState::Succeeded, "{:?}", job.fail_reason);
    let detail = &job.detail.expect("a retried job says so")["distributed"];
    let resumed = detail["resumedFrom"]
        .as_u64()
        .expect("resumed from a checkpoint");
    assert!(resumed >= 200 && resumed % 100 == 0, "{detail}");
    assert_eq!(processes_with(&format!("compute/{id}/")), []);
    // The answer of a run that never stopped: the synchronous reference's.
    let page = engine.result_page(PROJECT, &id, 0, 100_000).await.unwrap();
    let (want, count, steps) = reference(&imported(&dir), Some("w"));
    assert!(communities(&page.rows) == want);
    assert_eq!(page.scalars["community_num"], count);
    assert_eq!(page.scalars["iterations"], steps);
    assert!(steps > 400, "{steps} supersteps");
}
