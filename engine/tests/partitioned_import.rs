//! A partitioned import of the demo graph writes the partitions that `partition::write` cuts
//! from the whole import of the same files: same vertices (dense ids and names), same edge
//! multiset per part, same weights, same manifest but for the names file.

use std::path::{Path, PathBuf};

use engine::graph::import::partitioned::{auto_parts, import_partitioned};
use engine::graph::import::{ImportOptions, ParallelEdge, import};
use engine::graph::partition::{self, Manifest, PartEdge, PartReader};
use engine::job::control::JobControl;

fn demo() -> ImportOptions {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../demo/movie");
    ImportOptions {
        schema_paths: vec![dir.join("schema.xml")],
        vertex_paths: vec![dir.join("vertices.csv")],
        edge_paths: vec![dir.join("edges.csv")],
        ..ImportOptions::default()
    }
}

/// Every part's edges, sorted (a part's order is the file's, a cut graph's is its CSR's).
fn parts_of(dir: &Path, m: &Manifest) -> Vec<Vec<(u32, u32, Option<u64>)>> {
    m.part_keys
        .iter()
        .map(|k| {
            let mut edges: Vec<_> = PartReader::open(&dir.join(k))
                .unwrap()
                .map(|e| {
                    let PartEdge {
                        source,
                        target,
                        weight,
                    } = e.unwrap();
                    (source, target, weight.map(f64::to_bits))
                })
                .collect();
            edges.sort_unstable();
            edges
        })
        .collect()
}

#[test]
fn a_partitioned_import_writes_what_partition_cuts_from_the_whole_import() {
    let opts = demo();
    let ctl = JobControl::new();
    let (whole, whole_report) = import(None, &opts, &ctl).unwrap();
    for parts in 1..=3u32 {
        let tmp = tempfile::tempdir().unwrap();
        let (streamed, cut) = (tmp.path().join("streamed"), tmp.path().join("cut"));
        let got = import_partitioned(&opts, parts, &streamed, 7, &ctl).unwrap();
        // The rows are read and counted as the whole import reads them.
        assert_eq!(got.report.files.len(), whole_report.files.len());
        for (a, b) in got.report.files.iter().zip(&whole_report.files) {
            assert_eq!(
                (a.total_lines, a.successful_lines, a.failed_lines),
                (b.total_lines, b.successful_lines, b.failed_lines)
            );
        }
        // The node keeps the vertices, with the whole import's dense ids, and no edge.
        let v = &got.vertices;
        assert_eq!(v.vertex_count(), whole.vertex_count());
        assert_eq!(v.edge_count(), 0, "the node never holds an edge");
        for i in 0..whole.vertex_count() as u32 {
            assert_eq!(v.vertex_name(i), whole.vertex_name(i));
        }
        // The unweighted partition and the one weighted by the edges' `Score`.
        let names: Vec<Option<&str>> = got.manifests.iter().map(|m| m.weight.as_deref()).collect();
        assert!(
            names.contains(&None) && names.contains(&Some("Score")),
            "{names:?}"
        );
        for m in &got.manifests {
            let weight = m.weight.as_deref();
            let dir = streamed.join(partition::dir_name(7, parts, weight));
            assert_eq!(&Manifest::read(&dir).unwrap(), m);
            let cut_dir = cut.join(partition::dir_name(7, parts, weight));
            let want = partition::write(&whole, 7, parts, weight, &cut_dir).unwrap();
            assert_eq!(m.names, "v7.names.bin");
            assert_eq!(
                Manifest {
                    names: want.names.clone(),
                    ..m.clone()
                },
                want,
                "P={parts} weight={weight:?}"
            );
            assert_eq!(parts_of(&dir, m), parts_of(&cut_dir, &want));
        }
        assert_eq!(got.manifests[0].edges, whole.edge_count() as u64);
    }
}

#[test]
fn bad_requests_are_refused_and_rejected_rows_keep_their_lines() {
    let ctl = JobControl::new();
    let tmp = tempfile::tempdir().unwrap();
    for parts in [0, partition::MAX_PARTS + 1] {
        let e = import_partitioned(&demo(), parts, tmp.path(), 1, &ctl).unwrap_err();
        assert!(
            e.to_string().contains("partitions must be in 1..=256"),
            "{e}"
        );
    }
    let ignore = ImportOptions {
        parallel_edge: ParallelEdge::Ignore { ignore_label: true },
        ..demo()
    };
    let e = import_partitioned(&ignore, 2, tmp.path(), 1, &ctl).unwrap_err();
    assert!(
        e.to_string().contains("parallelEdge action must be allow"),
        "{e}"
    );

    // A bad edge row is logged with its file and line, as a whole import logs it.
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../demo/movie/schema.xml");
    std::fs::write(data.join("v.csv"), "a,user,,,,,\nb,user,,,,,\n").unwrap();
    std::fs::write(
        data.join("e.csv"),
        "a,b,rate,3,\n\na,nobody,rate,1,\nb,a,rate,2,\n",
    )
    .unwrap();
    let opts = |logs: &str| ImportOptions {
        schema_paths: vec![schema.clone()],
        vertex_paths: vec![data.join("v.csv")],
        edge_paths: vec![data.join("e.csv")],
        log_dir: Some(tmp.path().join(logs)),
        ..ImportOptions::default()
    };
    let (_, whole) = import(None, &opts("whole"), &ctl).unwrap();
    let got = import_partitioned(&opts("parts"), 2, &tmp.path().join("g"), 1, &ctl).unwrap();
    let edge_file = |r: &engine::graph::import::ImportReport| r.files.last().cloned().unwrap();
    let (a, b) = (edge_file(&got.report), edge_file(&whole));
    assert_eq!((a.successful_lines, a.failed_lines), (2, 1));
    assert_eq!((b.successful_lines, b.failed_lines), (2, 1));
    let log = std::fs::read_to_string(a.rejected_log.unwrap()).unwrap();
    assert!(log.starts_with("line,reason,row\n3,"), "{log}");
    assert_eq!(
        log,
        std::fs::read_to_string(b.rejected_log.unwrap()).unwrap()
    );
    assert_eq!(got.manifests[0].edges, 2);
}

#[test]
fn only_a_csv_larger_than_the_cache_is_partitioned_automatically() {
    assert_eq!(auto_parts(100, None, 3), None);
    assert_eq!(auto_parts(100, Some(200), 3), None);
    assert_eq!(auto_parts(300, Some(200), 3), Some(3));
    // The distributed executor is off: a graph it could not run stays whole.
    assert_eq!(auto_parts(300, Some(200), 0), None);
}

mod common;

/// A node with the demo graph's files in its data dir, where imports may read them.
fn node(dir: &Path, cache_bytes: Option<u64>) -> engine::EngineConfig {
    let mut c = engine::EngineConfig::new(dir);
    c.workers = 2;
    c.graph_cache_bytes = cache_bytes;
    c.compute.processes = 2;
    c
}

fn import_job(dir: &Path, graph: &str, partitions: Option<u32>) -> engine::JobSpec {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../demo/movie");
    for name in ["schema.xml", "vertices.csv", "edges.csv"] {
        std::fs::copy(demo.join(name), input.join(name)).unwrap();
    }
    let p = |n: &str| input.join(n).display().to_string();
    let spec = engine::job::ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("vertices.csv")],
        edge_paths: vec![p("edges.csv")],
        partitions,
        ..Default::default()
    };
    engine::JobSpec::new(
        graph,
        engine::JobKind::ImportGraph(spec),
        serde_json::json!({}),
    )
}

#[tokio::test]
async fn a_partitioned_graph_is_the_catalogue_and_its_files_and_survives_a_restart() {
    const P: &str = "proj1";
    let tmp = tempfile::tempdir().unwrap();
    // The CSV (≈ 2 MB) is past this node's 1 MB graph cache: imported partitioned, into
    // --compute-processes parts, without being asked.
    let engine = engine::Engine::open(node(tmp.path(), Some(1 << 20)))
        .await
        .unwrap();
    for (graph, asked) in [("auto", None), ("asked", Some(3))] {
        let job = engine
            .submit(P, import_job(tmp.path(), graph, asked))
            .await
            .unwrap();
        let job = common::wait(&engine, P, &job.id.0).await;
        assert_eq!(job.state, engine::JobState::Succeeded, "{job:?}");
    }
    // Drop the node without a shutdown (nothing of it is kept but its files and its
    // catalogue); a new one on the same data dir and a larger cache.
    drop(engine);
    let engine = engine::Engine::open(node(tmp.path(), None)).await.unwrap();
    for (graph, parts) in [("auto", 2), ("asked", 3)] {
        let detail = engine.graph_detail(P, graph).await.unwrap();
        assert_eq!(detail.partitions, Some(parts), "{graph}");
        assert_eq!((detail.info.vertices, detail.info.edges), (4018, 36803));
        let louvain = engine::JobSpec::new(
            graph,
            engine::JobKind::Algorithm {
                name: "louvain".into(),
                parameters: serde_json::Map::new(),
                executor: engine::distributed::Executor::Local,
            },
            serde_json::json!({}),
        );
        let sync = engine::JobSpec::new(
            graph,
            engine::JobKind::HygSync(engine::hyg::HygSync {
                vertex: None,
                edge: None,
            }),
            serde_json::json!({}),
        );
        // Neither an algorithm without a kernel nor a HyG view's sync (built from the whole
        // graph) is queued.
        for spec in [louvain, sync] {
            let e = engine.submit(P, spec).await.unwrap_err().to_string();
            assert!(
                e.contains(&format!(
                    "graph [{graph}] is partitioned into {parts} parts"
                )),
                "{e}"
            );
        }
    }
    // An import into a graph without data is whole when its CSV fits the cache.
    let job = engine
        .submit(P, import_job(tmp.path(), "whole", None))
        .await
        .unwrap();
    let job = common::wait(&engine, P, &job.id.0).await;
    assert_eq!(job.state, engine::JobState::Succeeded, "{job:?}");
    assert_eq!(
        engine.graph_detail(P, "whole").await.unwrap().partitions,
        None
    );
    engine.shutdown(std::time::Duration::from_secs(5)).await;
}
