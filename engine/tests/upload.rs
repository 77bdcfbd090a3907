//! Files uploaded for an import: written in chunks into an upload area, imported by the paths
//! `Upload::finish` returns, bounded by the upload limit, removed when dropped without a
//! commit, and removed by the sweep when old.

mod common;

use std::time::{Duration, SystemTime};

use engine::job::ImportSpec;
use engine::upload::UploadSlot;
use engine::{Engine, EngineConfig, JobKind, JobSpec, JobState};
use serde_json::json;

const P: &str = "proj1";
const SCHEMA: &str = r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>"#;

async fn engine(dir: &std::path::Path, upload_limit: u64) -> Engine {
    let mut config = EngineConfig::new(dir);
    config.workers = 1;
    config.upload_limit = upload_limit;
    Engine::open(config).await.unwrap()
}

async fn wait(engine: &Engine, id: &str) -> engine::JobRecord {
    common::wait(engine, P, id).await
}

/// Sends `text` in chunks of three bytes, as a slow browser would.
async fn send(upload: &mut engine::upload::Upload, slot: UploadSlot, name: &str, text: &str) {
    upload.start_file(slot, name).await.unwrap();
    for chunk in text.as_bytes().chunks(3) {
        upload.write(chunk).await.unwrap();
    }
}

#[tokio::test]
async fn uploaded_files_are_imported_from_the_returned_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine(tmp.path(), 1 << 20).await;
    let mut upload = engine.begin_upload(P).await.unwrap();
    send(&mut upload, UploadSlot::Schema, "schema.xml", SCHEMA).await;
    // Two vertex files: the vertex path is their directory, so both are read.
    send(
        &mut upload,
        UploadSlot::Vertices,
        "part-1.csv",
        "a,n\nb,n\n",
    )
    .await;
    send(&mut upload, UploadSlot::Vertices, "part-2.csv", "c,n\n").await;
    send(
        &mut upload,
        UploadSlot::Edges,
        "edges.csv",
        "a,b,e\nb,c,e\n",
    )
    .await;
    let dir = upload.dir().to_path_buf();
    let paths = upload.finish().await.unwrap();
    upload.commit();
    assert!(dir.starts_with(tmp.path().join("uploads")), "{dir:?}");
    assert_eq!(
        paths.schema,
        Some(format!(
            "file://{}",
            dir.join("schema/schema.xml").display()
        ))
    );
    assert_eq!(
        paths.vertices,
        Some(format!("file://{}", dir.join("vertices").display()))
    );

    let spec = ImportSpec {
        schema_paths: paths.schema.into_iter().collect(),
        vertex_paths: paths.vertices.into_iter().collect(),
        edge_paths: paths.edges.into_iter().collect(),
        ..Default::default()
    };
    let job = engine
        .submit(P, JobSpec::new("g", JobKind::ImportGraph(spec), json!({})))
        .await
        .unwrap();
    let job = wait(&engine, &job.id.0).await;
    assert_eq!(job.state, JobState::Succeeded, "{job:?}");
    let graph = engine.graph(P, "g").await.unwrap();
    assert_eq!((graph.vertices, graph.edges), (3, 2));
}

#[tokio::test]
async fn a_slot_without_files_has_no_path() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine(tmp.path(), 1 << 20).await;
    let mut upload = engine.begin_upload(P).await.unwrap();
    send(&mut upload, UploadSlot::Edges, "e.csv", "a,b,e\n").await;
    let paths = upload.finish().await.unwrap();
    assert_eq!((paths.schema, paths.vertices), (None, None));
    assert!(paths.edges.is_some());
}

#[tokio::test]
async fn an_upload_over_its_limit_is_refused_and_dropping_it_removes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine(tmp.path(), 10).await;
    let mut upload = engine.begin_upload(P).await.unwrap();
    upload
        .start_file(UploadSlot::Vertices, "v.csv")
        .await
        .unwrap();
    upload.write(b"a,n\nb,n\n").await.unwrap();
    // 8 bytes so far; the next 4 make 12 > 10, across files too.
    upload
        .start_file(UploadSlot::Vertices, "w.csv")
        .await
        .unwrap();
    let err = upload.write(b"c,n\n").await.unwrap_err();
    assert!(err.to_string().contains("limit of 10 bytes"), "{err}");
    let dir = upload.dir().to_path_buf();
    assert!(dir.exists());
    drop(upload);
    assert!(!dir.exists());
}

#[tokio::test]
async fn only_a_committed_upload_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine(tmp.path(), 1 << 20).await;
    let mut kept = engine.begin_upload(P).await.unwrap();
    let mut dropped = engine.begin_upload(P).await.unwrap();
    for upload in [&mut kept, &mut dropped] {
        send(upload, UploadSlot::Vertices, "v.csv", "a,n\n").await;
        upload.finish().await.unwrap();
    }
    let (kept_dir, dropped_dir) = (kept.dir().to_path_buf(), dropped.dir().to_path_buf());
    kept.commit();
    drop(dropped);
    assert!(kept_dir.join("vertices/v.csv").exists());
    assert!(!dropped_dir.exists());
}

#[tokio::test]
async fn file_names_cannot_leave_the_upload_area_or_collide() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine(tmp.path(), 1 << 20).await;
    let mut upload = engine.begin_upload(P).await.unwrap();
    send(
        &mut upload,
        UploadSlot::Vertices,
        "../../../escaped.csv",
        "a,n\n",
    )
    .await;
    let dir = upload.dir().to_path_buf();
    assert!(dir.join("vertices/escaped.csv").exists());
    assert!(!tmp.path().join("escaped.csv").exists());
    let twice = upload
        .start_file(UploadSlot::Vertices, "sub/escaped.csv")
        .await;
    assert!(
        twice
            .unwrap_err()
            .to_string()
            .contains("two uploaded files are named [escaped.csv]")
    );
    let dot = upload.start_file(UploadSlot::Edges, "..").await;
    assert!(dot.unwrap_err().to_string().contains("is not usable"));
    send(&mut upload, UploadSlot::Schema, "s.xml", SCHEMA).await;
    let second = upload.start_file(UploadSlot::Schema, "t.xml").await;
    assert!(second.unwrap_err().to_string().contains("one schema file"));
}

#[tokio::test]
async fn the_sweep_removes_uploads_older_than_the_longest_retention() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine(tmp.path(), 1 << 20).await;
    let mut upload = engine.begin_upload(P).await.unwrap();
    send(&mut upload, UploadSlot::Vertices, "v.csv", "a,n\n").await;
    let dir = upload.dir().to_path_buf();
    upload.finish().await.unwrap();
    upload.commit();

    let report = engine
        .sweep_at(time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(report.uploads_removed, 0);
    assert!(dir.exists(), "a fresh upload is kept");

    // Failed jobs are kept longest (30 days by default), and they are the ones re-run.
    let r = &engine.config().retention;
    let longest = r.longest();
    assert_eq!(longest, r.failed);
    assert!(longest > r.succeeded);
    let earlier = SystemTime::now() + r.succeeded + Duration::from_secs(60);
    assert_eq!(
        engine
            .sweep_at(earlier.into())
            .await
            .unwrap()
            .uploads_removed,
        0
    );
    assert!(dir.exists(), "kept past the succeeded-job retention");
    let later = SystemTime::now() + longest + Duration::from_secs(60);
    let report = engine.sweep_at(later.into()).await.unwrap();
    assert_eq!(report.uploads_removed, 1);
    assert!(!dir.exists());
}

#[tokio::test]
async fn local_paths_cannot_name_the_servers_own_files() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine(tmp.path(), 1 << 20).await;
    let mut upload = engine.begin_upload(P).await.unwrap();
    send(&mut upload, UploadSlot::Vertices, "v.csv", "a,n\n").await;
    let paths = upload.finish().await.unwrap();
    let data = tmp.path().canonicalize().unwrap();
    std::fs::create_dir_all(data.join("input")).unwrap();
    std::fs::write(data.join("input/v.csv"), "a,n\n").unwrap();
    // The job store, the master key, graph snapshots, results, and the dirs holding them all.
    for own in [
        "",
        "graphjobs.db",
        "graphjobs.db-wal",
        "secrets/master.key",
        "graphs",
        "results/x/rows.jsonl",
        "uploads",
        &format!("uploads/{P}"),
    ] {
        let raw = format!("file://{}", data.join(own).display());
        let err = engine.resolve_local_path(P, &raw).unwrap_err();
        assert!(
            err.to_string().contains("the server's own data"),
            "{own}: {err}"
        );
    }
    // Files an operator or an upload put there stay importable.
    for fine in [
        format!("file://{}", data.join("input/v.csv").display()),
        paths.vertices.unwrap(),
    ] {
        engine.resolve_local_path(P, &fine).unwrap();
    }
}

#[tokio::test]
async fn an_upload_is_its_projects_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let engine = engine(tmp.path(), 1 << 20).await;
    let mut upload = engine.begin_upload(P).await.unwrap();
    send(&mut upload, UploadSlot::Schema, "schema.xml", SCHEMA).await;
    send(&mut upload, UploadSlot::Vertices, "v.csv", "a,n\nb,n\n").await;
    let paths = upload.finish().await.unwrap();
    upload.commit();
    let data = tmp.path().canonicalize().unwrap();
    let vertices = paths.vertices.clone().unwrap();
    let area = std::path::Path::new(vertices.strip_prefix("file://").unwrap());
    assert!(area.starts_with(data.join("uploads").join(P)), "{area:?}");

    // Another project that learns the paths can neither check, import nor export into them.
    let other = "proj2";
    for path in [
        paths.schema.clone().unwrap(),
        paths.vertices.clone().unwrap(),
    ] {
        let err = engine.resolve_local_path(other, &path).unwrap_err();
        assert!(
            err.to_string().contains("another project's upload"),
            "{err}"
        );
    }
    let import = || {
        let spec = ImportSpec {
            schema_paths: paths.schema.iter().cloned().collect(),
            vertex_paths: paths.vertices.iter().cloned().collect(),
            ..Default::default()
        };
        JobSpec::new("g", JobKind::ImportGraph(spec), json!({}))
    };
    let refused = engine.submit(other, import()).await.unwrap_err();
    assert!(
        refused.to_string().contains("another project's upload"),
        "{refused}"
    );
    // The owner imports them.
    let job = engine.submit(P, import()).await.unwrap();
    assert_eq!(wait(&engine, &job.id.0).await.state, JobState::Succeeded);
    assert!(engine.graphs(other).await.unwrap().is_empty());
    assert!(
        engine.begin_upload("../x").await.is_err(),
        "the project names a directory, so it is checked"
    );
}
