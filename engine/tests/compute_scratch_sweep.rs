//! The sweep removes what distributed jobs left in the object store (`compute/<job>/`: task,
//! shards, checkpoints) and in their groups' working dirs when their node died before their
//! own cleanup, for jobs that are terminal or gone, and never for a job that may still run.
//!
//! Real files in the data dir (the store when no `--object-store` is given) and in a working
//! dir of the operator's; the "running" job is an import blocked on a FIFO.

mod common;

use std::path::Path;
use std::time::Duration;

use common::slow_import::{blocked_reader, fifo, import, release, write_inputs};
use engine::time_fmt::now;
use engine::{Engine, EngineConfig, JobState};

const P: &str = "proj1";

/// What a group of job `id` leaves: its keys in the data dir store and its working dir.
fn leave_scratch(data: &Path, work: &Path, id: &str) {
    let keys = data.join("compute").join(id);
    std::fs::create_dir_all(keys.join("checkpoints")).unwrap();
    std::fs::write(keys.join("task.json"), b"{}").unwrap();
    std::fs::write(keys.join("shard-00000.bin"), b"shard").unwrap();
    std::fs::write(keys.join("checkpoints/ckpt-s10-p0.bin"), b"ckpt").unwrap();
    std::fs::create_dir_all(work.join(id)).unwrap();
    std::fs::write(work.join(id).join("hosts"), b"127.0.0.1:2101\n").unwrap();
}

fn has_scratch(data: &Path, work: &Path, id: &str) -> (bool, bool) {
    (
        data.join("compute")
            .join(id)
            .join("checkpoints/ckpt-s10-p0.bin")
            .exists(),
        work.join(id).join("hosts").exists(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sweep_removes_scratch_of_finished_and_gone_jobs_only() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, work) = (tmp.path().join("data"), tmp.path().join("work"));
    let input = write_inputs(&data);
    let mut c = EngineConfig::new(&data);
    c.workers = 1;
    c.sweep_every = Duration::from_secs(3600); // this test sweeps by hand
    c.compute.work_dir = Some(work.clone());
    let engine = Engine::open(c).await.unwrap();

    let done = engine
        .submit(P, import("g", &input, "v.csv"))
        .await
        .unwrap();
    let done = common::wait(&engine, P, &done.id.0).await;
    assert_eq!(done.state, JobState::Succeeded);
    // The only worker is busy with a blocked import; the next job waits in the queue.
    let running = engine
        .submit(P, import("h", &input, fifo(&input)))
        .await
        .unwrap();
    let gate = blocked_reader(&input).await;
    let queued = engine
        .submit(P, import("q", &input, "v.csv"))
        .await
        .unwrap();
    assert_eq!(
        engine.job(P, &queued.id.0).await.unwrap().state,
        JobState::Queued
    );
    let gone = engine::job::JobId::generate(42).0;
    let ids = [&done.id.0, &running.id.0, &queued.id.0, &gone];
    for id in ids {
        leave_scratch(&data, &work, id);
    }
    // Not a job's: kept whatever happens.
    std::fs::create_dir_all(data.join("compute/notes")).unwrap();
    std::fs::write(data.join("compute/notes/keep.txt"), b"mine").unwrap();
    std::fs::create_dir_all(work.join("other")).unwrap();

    let report = engine.sweep_at(now()).await.unwrap();
    assert_eq!(report.compute_scratch_removed, 2, "{report:?}");
    for id in [&done.id.0, &gone] {
        assert_eq!(has_scratch(&data, &work, id), (false, false), "{id}");
        assert!(!data.join("compute").join(id).exists(), "{id}");
    }
    for id in [&running.id.0, &queued.id.0] {
        assert_eq!(has_scratch(&data, &work, id), (true, true), "{id}");
    }
    assert!(data.join("compute/notes/keep.txt").exists());
    assert!(work.join("other").is_dir());

    // Once they end, the next due sweep takes theirs too.
    release(gate);
    for id in [&running.id.0, &queued.id.0] {
        let job = common::wait(&engine, P, id).await;
        assert_eq!(job.state, JobState::Succeeded, "{job:?}");
    }
    let soon = engine.sweep_at(now()).await.unwrap();
    assert_eq!(soon.compute_scratch_removed, 0, "not due yet: {soon:?}");
    let later = now() + engine::job::sweeper::SNAPSHOT_SWEEP_EVERY;
    let report = engine.sweep_at(later).await.unwrap();
    assert_eq!(report.compute_scratch_removed, 2, "{report:?}");
    for id in ids {
        assert_eq!(has_scratch(&data, &work, id), (false, false), "{id}");
    }
    assert!(data.join("compute/notes/keep.txt").exists());
    engine.shutdown(Duration::from_secs(5)).await;
}
