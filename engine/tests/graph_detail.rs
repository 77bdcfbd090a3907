//! `Engine::graph_detail` and `Engine::job_counts` on a real SQLite store: a tiny imported
//! graph whose per-label counts are checked by hand, and job counts per state.

mod common;

use std::path::Path;
use std::time::Duration;

use engine::graph::{Cardinality, DataType};
use engine::job::ImportSpec;
use engine::{Engine, EngineConfig, Error, JobKind, JobSpec, JobState};
use serde_json::json;

const P: &str = "proj1";

async fn open(dir: &Path, workers: usize) -> Engine {
    let mut c = EngineConfig::new(dir);
    c.workers = workers;
    Engine::open(c).await.unwrap()
}

/// person a, b, c and city x; `knows` a→b, b→c; `lives` a→x, b→x, c→x.
fn import_spec(dir: &Path) -> JobSpec {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("schema.xml"),
        r#"<PMML version="3.0"><labels>
<label name="person"><properties>
  <property name="name" dataType="string" cardinality="single"/>
  <property name="tags" dataType="string" cardinality="list"/>
</properties></label>
<label name="city"><properties><property name="zip" dataType="char array" maxDataSize="8" cardinality="single"/></properties></label>
<label name="knows"><properties><property name="since" dataType="int" cardinality="single"/></properties></label>
<label name="lives"></label>
<label name="unused"></label>
</labels></PMML>"#,
    )
    .unwrap();
    std::fs::write(
        input.join("v.csv"),
        "a,person,Ann,x;y\nb,person,Bob,\nc,person,Cy,z\nx,city,12345\n",
    )
    .unwrap();
    std::fs::write(
        input.join("e.csv"),
        "a,b,knows,2001\nb,c,knows,2002\na,x,lives\nb,x,lives\nc,x,lives\n",
    )
    .unwrap();
    let p = |f: &str| input.join(f).display().to_string();
    let spec = ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("v.csv")],
        edge_paths: vec![p("e.csv")],
        ..Default::default()
    };
    JobSpec::new("g", JobKind::ImportGraph(spec), json!({ "graph": "g" }))
}

async fn wait(engine: &Engine, id: &str) -> engine::JobRecord {
    common::wait(engine, P, id).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn detail_lists_every_label_with_its_properties_and_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = open(tmp.path(), 1).await;
    assert!(matches!(
        engine.graph_detail(P, "g").await,
        Err(Error::NotFound { .. })
    ));
    let job = engine.submit(P, import_spec(tmp.path())).await.unwrap();
    assert_eq!(wait(&engine, &job.id.0).await.state, JobState::Succeeded);

    let d = engine.graph_detail(P, "g").await.unwrap();
    assert_eq!(d.info, engine.graph(P, "g").await.unwrap());
    assert_eq!((d.info.vertices, d.info.edges), (4, 5));
    let counts: Vec<_> = d
        .labels
        .iter()
        .map(|l| (l.name.as_str(), l.vertices, l.edges))
        .collect();
    assert_eq!(
        counts,
        [
            ("person", 3, 0),
            ("city", 1, 0),
            ("knows", 0, 2),
            ("lives", 0, 3),
            ("unused", 0, 0),
        ]
    );
    let person = &d.labels[0].properties;
    assert_eq!(
        person
            .iter()
            .map(|p| (p.name.as_str(), p.data_type.as_str(), p.cardinality))
            .collect::<Vec<_>>(),
        [
            ("name", "string", Cardinality::Single),
            ("tags", "string", Cardinality::List)
        ]
    );
    assert_eq!(
        d.labels[1].properties[0].data_type,
        DataType::CharArray { max_data_size: 8 }
    );
    assert!(d.labels[3].properties.is_empty());
    assert!(d.memory_bytes > 0);
    // The sums match the catalogue's sizes.
    let sum =
        |f: fn(&engine::graph_detail::LabelDetail) -> u64| d.labels.iter().map(f).sum::<u64>();
    assert_eq!((sum(|l| l.vertices), sum(|l| l.edges)), (4, 5));

    // After a clear the schema stays and every count is zero, at the new version.
    let clear = JobSpec::new(
        "g",
        JobKind::ClearGraph {
            clear_metadata: false,
        },
        json!({}),
    );
    let job = engine.submit(P, clear).await.unwrap();
    assert_eq!(wait(&engine, &job.id.0).await.state, JobState::Succeeded);
    let cleared = engine.graph_detail(P, "g").await.unwrap();
    assert_eq!(cleared.info.version, d.info.version + 1);
    assert_eq!(cleared.labels.len(), 5);
    assert!(
        cleared
            .labels
            .iter()
            .all(|l| l.vertices == 0 && l.edges == 0)
    );
    engine.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn job_counts_cover_every_state_in_lifecycle_order() {
    let tmp = tempfile::tempdir().unwrap();
    // No workers: submitted jobs stay queued until cancelled.
    let engine = open(tmp.path(), 0).await;
    let zeros: Vec<_> = JobState::ALL.iter().map(|&s| (s, 0)).collect();
    assert_eq!(engine.job_counts(P).await.unwrap(), zeros);

    let mut ids = Vec::new();
    for name in ["g1", "g2", "g3"] {
        let spec = JobSpec::new(name, JobKind::CreateGraph, json!({ "graph": name }));
        ids.push(engine.submit(P, spec).await.unwrap().id.0);
    }
    engine
        .cancel(P, &ids[0], "test", "not needed")
        .await
        .unwrap();
    let counts = engine.job_counts(P).await.unwrap();
    assert_eq!(
        counts,
        [
            (JobState::Queued, 2),
            (JobState::Running, 0),
            (JobState::Cancelling, 0),
            (JobState::Succeeded, 0),
            (JobState::Failed, 0),
            (JobState::Cancelled, 1),
        ]
    );
    // Other projects' jobs are not counted.
    assert_eq!(engine.job_counts("proj2").await.unwrap(), zeros);
}
