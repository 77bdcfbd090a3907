//! With `--object-store` naming a store of its own, a node's data dir only caches graphs and
//! results: delete its `graphs/` and `results/` and everything reads back from the store
//! (ranged reads for pages, a copy for sorted pages, the snapshot on the next job).

mod common;

use std::path::Path;
use std::time::Duration;

use engine::export::result::ExportResultSpec;
use engine::job::ImportSpec;
use engine::objects::ObjectStoreUrl;
use engine::{Engine, EngineConfig, JobKind, JobSpec, JobState};
use serde_json::{Map, Value, json};

const P: &str = "proj1";

fn config(data: &Path, objects: &Path) -> EngineConfig {
    let mut c = EngineConfig::new(data);
    c.workers = 1;
    c.object_store = ObjectStoreUrl::Dir(objects.to_owned());
    c
}

/// Five vertices, three edges; vertex line 6 names a label the schema lacks (rejected).
fn inputs(dir: &Path) -> ImportSpec {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>"#,
    )
    .unwrap();
    std::fs::write(input.join("v.csv"), "a,n\nb,n\nc,n\nx,n\ny,n\nz,nolabel\n").unwrap();
    std::fs::write(input.join("e.csv"), "a,b,e\nb,c,e\nx,y,e\n").unwrap();
    let p = |n: &str| input.join(n).display().to_string();
    ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("v.csv")],
        edge_paths: vec![p("e.csv")],
        ..Default::default()
    }
}

async fn run(engine: &Engine, spec: JobSpec) -> engine::JobRecord {
    let job = engine.submit(P, spec).await.unwrap();
    let job = common::wait(engine, P, &job.id.0).await;
    assert_eq!(job.state, JobState::Succeeded, "{job:?}");
    job
}

/// Dumps `job`'s result below `dir` with `erase: true`.
async fn dump_erasing(engine: &Engine, job: &engine::JobRecord, dir: &Path) {
    let export = ExportResultSpec {
        source_job: job.id.0.clone(),
        export_path: format!("file://{}/export", dir.display()),
        file_name: None,
        erase: true,
    };
    run(
        engine,
        JobSpec::new("g", JobKind::ExportResult(export), json!({})),
    )
    .await;
}

/// Objects below `dir` (a directory store leaves empty directories behind).
fn files_under(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                if e.path().is_dir() {
                    files_under(&e.path())
                } else {
                    1
                }
            })
            .sum()
    })
}

fn wipe_cache(data: &Path) {
    for d in ["graphs", "results"] {
        std::fs::remove_dir_all(data.join(d)).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_dir_is_only_a_cache_of_the_object_store() {
    let (data, objects) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = Engine::open(config(data.path(), objects.path()))
        .await
        .unwrap();
    let import = JobSpec::new("g", JobKind::ImportGraph(inputs(data.path())), json!({}));
    let import = run(&engine, import).await;
    assert!(import.partial, "the line with an unknown label is rejected");
    let pr = run(&engine, JobSpec::algorithm("g", "pagerank", Map::new())).await;
    let all = engine.result_page(P, &pr.id.0, 0, 10).await.unwrap();
    assert_eq!(all.total, 5);
    assert!(objects.path().join("graphs/proj1/g/v1.bin").is_file());
    assert!(
        objects
            .path()
            .join(format!("results/{}/a1/meta.json", pr.id.0))
            .is_file(),
        "a result is kept per claim of its job"
    );
    engine.shutdown(Duration::from_secs(5)).await;

    // The cache is gone: pages come from the store, the same rows at any offset.
    wipe_cache(data.path());
    let engine = Engine::open(config(data.path(), objects.path()))
        .await
        .unwrap();
    let page = engine.result_page(P, &pr.id.0, 1, 2).await.unwrap();
    assert_eq!((page.offset, page.total), (1, 5));
    assert_eq!(page.rows, all.rows[1..3]);
    assert_eq!(page.scalars, all.scalars);
    assert!(!data.path().join("results").join(&pr.id.0).exists());
    let top = engine
        .result_page_sorted(P, &pr.id.0, "pagerank", 0, 5)
        .await
        .unwrap();
    let mut expected: Vec<Value> = all.rows.clone();
    expected.sort_by(|a, b| {
        b["pagerank"]
            .as_f64()
            .partial_cmp(&a["pagerank"].as_f64())
            .unwrap()
    });
    let score = |rows: &[Value]| {
        rows.iter()
            .map(|r| r["pagerank"].as_f64())
            .collect::<Vec<_>>()
    };
    assert_eq!(score(&top.rows), score(&expected));
    let rejected = engine.rejected_rows(P, &import.id.0, 0, 10).await.unwrap();
    assert_eq!(rejected.total, 1);
    assert!(rejected.rows[0].row.starts_with("z,"), "{rejected:?}");

    // A job on the graph loads its snapshot from the store.
    let params = json!({"source": "a", "k": 1}).as_object().unwrap().clone();
    let kh = run(&engine, JobSpec::algorithm("g", "k_hop", params)).await;
    let page = engine.result_page(P, &kh.id.0, 0, 10).await.unwrap();
    assert_eq!(page.rows, vec![json!("b")]);
    assert!(data.path().join("graphs/proj1/g/v1.bin").is_file());

    // A dump that erases the result leaves its tombstone in the store too.
    dump_erasing(&engine, &pr, data.path()).await;
    assert_eq!(
        files_under(&objects.path().join(format!("results/{}", pr.id.0))),
        0
    );
    engine.shutdown(Duration::from_secs(5)).await;
    wipe_cache(data.path());
    let engine = Engine::open(config(data.path(), objects.path()))
        .await
        .unwrap();
    let gone = engine.result_page(P, &pr.id.0, 0, 10).await.unwrap();
    assert!(gone.rows.is_empty());
    assert_eq!(gone.scalars["exported"], true);
    assert_eq!(gone.scalars["erased_total"], 5);

    // Deleting the graph deletes its snapshots from the store.
    run(&engine, JobSpec::new("g", JobKind::DeleteGraph, json!({}))).await;
    assert_eq!(files_under(&objects.path().join("graphs/proj1/g")), 0);
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_store_that_cannot_be_made_is_named_at_start() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("plain-file");
    std::fs::write(&file, b"x").unwrap();
    let mut c = EngineConfig::new(data.path());
    c.object_store = ObjectStoreUrl::Dir(file.join("below"));
    let e = Engine::open(c).await.unwrap_err();
    assert!(matches!(e, engine::Error::Unavailable { .. }), "{e:?}");
    assert!(e.to_string().contains("plain-file/below"), "{e}");
}

#[tokio::test]
async fn an_unreachable_postgresql_is_named_at_start() {
    use engine::job::store::SqlStore;
    // Port 1 on loopback: nothing listens there, so every attempt is refused at once.
    let Err(e) = SqlStore::connect_postgres("postgres://u:p@127.0.0.1:1/jobs").await else {
        panic!("nothing listens on port 1");
    };
    assert!(e.is_unavailable(), "{e:?}");
    let text = e.to_string();
    assert!(
        text.contains("PostgreSQL at 127.0.0.1:1 (database jobs, user u)"),
        "{text}"
    );
    assert!(
        text.contains("5 connection attempt(s)") && text.contains("refused"),
        "{text}"
    );
    let Err(e) = SqlStore::connect_postgres("mysql://u@db/jobs").await else {
        panic!("not PostgreSQL");
    };
    assert!(e.to_string().contains("not a postgres:// URL"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_graph_cache_limit_the_least_recently_used_graph_is_loaded_again() {
    let (data, objects) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut c = config(data.path(), objects.path());
    c.graph_cache_bytes = Some(1); // room for one graph: the one last used
    let engine = Engine::open(c).await.unwrap();
    for g in ["g1", "g2"] {
        run(
            &engine,
            JobSpec::new(g, JobKind::ImportGraph(inputs(data.path())), json!({})),
        )
        .await;
    }
    let load_ms = |job: &engine::JobRecord| job.counters.graph_load_ms;
    let cc = |g: &str| JobSpec::algorithm(g, "connected_component", Map::new());
    // g2 was imported last, so it is the one in memory.
    assert_eq!(load_ms(&run(&engine, cc("g2")).await), None);
    assert!(
        load_ms(&run(&engine, cc("g1")).await).is_some(),
        "g1 was evicted"
    );
    assert_eq!(load_ms(&run(&engine, cc("g1")).await), None);
    assert!(
        load_ms(&run(&engine, cc("g2")).await).is_some(),
        "g2 was evicted"
    );
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sweep_deletes_what_expired_from_the_store_too() {
    let (data, objects) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = Engine::open(config(data.path(), objects.path()))
        .await
        .unwrap();
    run(
        &engine,
        JobSpec::new("g", JobKind::ImportGraph(inputs(data.path())), json!({})),
    )
    .await;
    let pr = run(&engine, JobSpec::algorithm("g", "pagerank", Map::new())).await;
    dump_erasing(&engine, &pr, data.path()).await;
    let tombstone = objects
        .path()
        .join(format!("results/{}.exported.json", pr.id.0));
    assert!(tombstone.is_file(), "the erased result's tombstone");
    let mut upload = engine.begin_upload(P).await.unwrap();
    upload
        .start_file(engine::upload::UploadSlot::Vertices, "v.csv")
        .await
        .unwrap();
    upload.write(b"a,n\n").await.unwrap();
    upload.finish().await.unwrap();
    upload.commit();
    assert_eq!(files_under(&objects.path().join("uploads")), 1);

    // Past every retention: the jobs go, and with them what the store kept for them.
    let later = std::time::SystemTime::now()
        + engine.config().retention.longest()
        + Duration::from_secs(60);
    let report = engine.sweep_at(later.into()).await.unwrap();
    assert_eq!(report.uploads_removed, 1);
    assert_eq!(files_under(&objects.path().join("uploads")), 0);
    assert!(!tombstone.exists(), "the tombstone outlived its job");
    assert_eq!(files_under(&objects.path().join("results")), 0);
    engine.shutdown(Duration::from_secs(5)).await;
}
