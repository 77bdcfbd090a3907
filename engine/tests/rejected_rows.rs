//! The rows an import rejected are kept without a `logDir` and paged across its files.

mod common;

use std::path::Path;
use std::time::Duration;

use engine::job::ImportSpec;
use engine::{Engine, EngineConfig, JobKind, JobSpec, JobState};
use serde_json::json;

const P: &str = "proj1";

async fn wait(engine: &Engine, id: &str) -> engine::JobRecord {
    common::wait(engine, P, id).await
}

fn inputs(dir: &Path) -> ImportSpec {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>"#,
    )
    .unwrap();
    // Lines 2 and 4 name a label the schema lacks.
    std::fs::write(input.join("v.csv"), "a,n\nb,nolabel\nc,n\nd,nolabel\n").unwrap();
    // Line 2 too; line 3 has the label but not the edge's target column.
    std::fs::write(input.join("e.csv"), "a,c,e\na,c,what\na\n").unwrap();
    let p = |n: &str| input.join(n).display().to_string();
    ImportSpec {
        schema_paths: vec![p("schema.xml")],
        vertex_paths: vec![p("v.csv")],
        edge_paths: vec![p("e.csv")],
        ..Default::default()
    }
}

#[tokio::test]
async fn rejected_rows_are_kept_and_paged_across_files() {
    let tmp = tempfile::tempdir().unwrap();
    let mut config = EngineConfig::new(tmp.path());
    config.workers = 1;
    let engine = Engine::open(config).await.unwrap();
    let spec = JobSpec::new("g", JobKind::ImportGraph(inputs(tmp.path())), json!({}));
    let job = engine.submit(P, spec).await.unwrap();
    let job = wait(&engine, &job.id.0).await;
    assert_eq!(job.state, JobState::Succeeded, "{job:?}");
    assert!(job.partial);

    let all = engine.rejected_rows(P, &job.id.0, 0, 100).await.unwrap();
    assert_eq!(all.total, 4);
    let found: Vec<(String, u64, String)> = all
        .rows
        .iter()
        .map(|r| {
            let file = Path::new(&r.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (file, r.line, r.row.clone())
        })
        .collect();
    assert_eq!(
        found,
        [
            ("v.csv".into(), 2, "b,nolabel".into()),
            ("v.csv".into(), 4, "d,nolabel".into()),
            ("e.csv".into(), 2, "a,c,what".into()),
            ("e.csv".into(), 3, "a".into()),
        ]
    );
    assert!(all.rows.iter().all(|r| !r.reason.is_empty()), "{all:?}");

    // A page that starts in the first file and ends in the second; one past the end.
    let page = engine.rejected_rows(P, &job.id.0, 1, 2).await.unwrap();
    assert_eq!(page.rows, all.rows[1..3]);
    assert_eq!((page.offset, page.total), (1, 4));
    assert!(
        engine
            .rejected_rows(P, &job.id.0, 4, 10)
            .await
            .unwrap()
            .rows
            .is_empty()
    );
    // Another project sees nothing.
    assert!(
        engine
            .rejected_rows("other", &job.id.0, 0, 10)
            .await
            .is_err()
    );

    // Retention deletes the rows with the job.
    let dir = engine::rejected_rows::default_dir(&tmp.path().join("results"), &job.id.0);
    assert!(dir.is_dir(), "{}", dir.display());
    let later = engine::time_fmt::now() + Duration::from_secs(400 * 24 * 3600);
    engine.sweep_at(later).await.unwrap();
    assert!(!dir.exists());
    assert!(engine.job(P, &job.id.0).await.is_err());
}
