//! The job sweep removes a distributed job's leftover scratch from an `s3://` store (what a
//! node killed midway left under `compute/<job>/`) once the job is terminal or gone, and
//! leaves what is not a job's.

use object_store::ObjectStore;
use object_store::path::Path as ObjectPath;

use crate::helpers::PROJECT;
use crate::obs_app::spawn_obs_app_with;
use crate::s3::{AK, S3Server, SK};

const BUCKET: &str = "graphjobs";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sweep_removes_finished_and_gone_jobs_scratch_from_the_bucket() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let app = spawn_obs_app_with(Some(&s3.endpoint), Some((AK, SK)), |c| {
        c.object_store = engine::objects::ObjectStoreUrl::S3 {
            bucket: BUCKET.into(),
            prefix: "node".into(),
        };
        // The test sweeps by hand: no periodic sweep may take the scratch first.
        c.sweep_every = std::time::Duration::from_secs(3600);
    })
    .await;
    let spec = engine::JobSpec::new("made", engine::JobKind::CreateGraph, serde_json::json!({}));
    let done = app.engine.submit(PROJECT, spec).await.unwrap().id.0;
    let done = app.wait_engine_job(&done).await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
    let gone = engine::job::JobId::generate(7).0;
    let bucket = s3.client(BUCKET);
    for id in [done.id.0.as_str(), gone.as_str(), "notes"] {
        for name in [
            "task.json",
            "shard-00000.bin",
            "checkpoints/ckpt-s10-p0.bin",
        ] {
            let key = ObjectPath::from(format!("node/compute/{id}/{name}"));
            bucket.put(&key, b"x".to_vec().into()).await.unwrap();
        }
    }
    // An hour on (nothing else expires by then): the first sweep, so it is due.
    let later = engine::time_fmt::now() + time::Duration::hours(1);
    let report = app.engine.sweep_at(later).await.unwrap();
    assert_eq!(report.compute_scratch_removed, 2, "{report:?}");
    let left = s3.keys(BUCKET, "node/compute").await;
    assert_eq!(
        left,
        [
            "node/compute/notes/checkpoints/ckpt-s10-p0.bin",
            "node/compute/notes/shard-00000.bin",
            "node/compute/notes/task.json",
        ],
        "not a job's: kept"
    );
}
