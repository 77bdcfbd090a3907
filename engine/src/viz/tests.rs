//! The façade over a real store, with the clock driven by hand (`workers = 0` starts no
//! scheduler, so only `visualization_tick` moves jobs).

use time::Duration;

use super::*;
use crate::{Engine, EngineConfig, Error, Refusal};

/// An engine on `dir` that starts no scheduler.
async fn engine(dir: &std::path::Path) -> Engine {
    Engine::open(config(dir, 0).await).await.unwrap()
}

/// The config of an engine on `dir` with `workers`, its store in a fresh PostgreSQL database
/// when `GRAPHJOBS_TEST_PG_URL` names a server (`scripts/system/pg_test.sh` runs these tests so), else
/// in `dir`'s SQLite file. A restart opens the same dir again and must find the same store: the
/// database chosen first is remembered in `dir`.
async fn config(dir: &std::path::Path, workers: usize) -> EngineConfig {
    let mut config = EngineConfig::new(dir);
    config.workers = workers;
    let remembered = dir.join("test-database-url");
    config.database_url = match std::fs::read_to_string(&remembered) {
        Ok(url) => Some(url),
        Err(_) => {
            let url = crate::testing::fresh_pg_database().await;
            if let Some(url) = &url {
                std::fs::write(&remembered, url).unwrap();
            }
            url
        }
    };
    config
}

/// A create request over a graphjobs dump written below the data dir.
fn input(dir: &std::path::Path, name: &str, hours: Option<&str>) -> NewVizJob {
    let train = dir.join("train");
    std::fs::create_dir_all(&train).unwrap();
    std::fs::write(
        train.join("manifest.json"),
        r#"{"jobId":"j1","complete":true}"#,
    )
    .unwrap();
    std::fs::write(train.join("vertices.csv"), "id,pagerank\na,0.25\nb,0.75\n").unwrap();
    NewVizJob {
        name: Some(name.into()),
        train_url: Some(format!("file://{}/", train.display())),
        schedule: hours
            .map(|h| ScheduleSpec {
                kind: Some("stop".into()),
                time_unit: Some("HOURS".into()),
                duration: Some(h.into()),
            })
            .into_iter()
            .collect(),
        ..Default::default()
    }
}

/// Ticks until nothing moves; returns the time reached.
async fn settle(e: &Engine, mut now: OffsetDateTime) -> OffsetDateTime {
    for _ in 0..10 {
        now += scheduler::STEP;
        if e.visualization_tick(now).await.unwrap() == 0 {
            break;
        }
    }
    now
}

#[tokio::test]
async fn a_job_runs_stops_restarts_and_is_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let e = engine(dir.path()).await;
    let job = e
        .create_visualization_job("p1", input(dir.path(), "viz", None))
        .await
        .unwrap();
    assert_eq!(
        (job.id, job.state, job.desc.as_str()),
        (1, VizState::Init, "")
    );
    assert_eq!(job.job_type, "TensorBoard");
    assert_eq!(job.resource_id.len(), 32);
    let id = job.id.to_string();

    let now = time_fmt::now();
    assert_eq!(e.visualization_tick(now).await.unwrap(), 0, "not due yet");
    assert_eq!(
        e.visualization_tick(now + scheduler::STEP).await.unwrap(),
        1
    );
    assert_eq!(
        e.visualization_job("p1", &id).await.unwrap().state,
        VizState::Waiting
    );
    let now = settle(&e, now + scheduler::STEP).await;
    let running = e.visualization_job("p1", &id).await.unwrap();
    assert_eq!(running.state, VizState::Running);
    assert_eq!(
        running.duration_ms(running.started_at.unwrap() + Duration::seconds(3)),
        3000
    );

    let refused = e.restart_visualization_job("p1", &id).await.unwrap_err();
    assert_eq!(
        refused.to_string(),
        "This job can't be resubmit. job status: 8"
    );
    assert_eq!(
        e.stop_visualization_job("p1", &id).await.unwrap().state,
        VizState::Killing
    );
    let refused = e.delete_visualization_job("p1", &id).await.unwrap_err();
    assert!(matches!(refused, Error::Conflict { .. }));
    assert_eq!(
        refused.to_string(),
        "This job can't be delete. job status: 9"
    );
    let now = settle(&e, now.max(time_fmt::now())).await;
    let done = e.visualization_job("p1", &id).await.unwrap();
    assert_eq!(done.state, VizState::Completed);
    let frozen = done.duration_ms(now + Duration::hours(1));
    assert_eq!(frozen, done.duration_ms(now), "duration stops with the run");
    assert_eq!(
        e.stop_visualization_job("p1", &id)
            .await
            .unwrap_err()
            .to_string(),
        "This job can't be stop. job status: 10"
    );

    let again = e.restart_visualization_job("p1", &id).await.unwrap();
    assert_eq!(
        (again.state, again.started_at, again.ended_at),
        (VizState::Init, None, None)
    );
    assert_eq!(again.duration_ms(now), 0);
    let updated = e
        .update_visualization_job("p1", &id, Some("new"))
        .await
        .unwrap();
    assert_eq!(updated.desc, "new");
    e.delete_visualization_job("p1", &id).await.unwrap();
    assert!(matches!(
        e.visualization_job("p1", &id).await.unwrap_err(),
        Error::NotFound { .. }
    ));
    let next = e
        .create_visualization_job("p1", input(dir.path(), "viz2", None))
        .await
        .unwrap();
    assert_eq!(next.id, 2, "ids are never reused");
}

#[tokio::test]
async fn the_schedule_stops_a_running_job_after_its_hours() {
    let dir = tempfile::tempdir().unwrap();
    let e = engine(dir.path()).await;
    let job = e
        .create_visualization_job("p1", input(dir.path(), "timed", Some("2")))
        .await
        .unwrap();
    assert_eq!(job.schedule_hours, Some(2));
    let id = job.id.to_string();
    let now = settle(&e, time_fmt::now()).await;
    let running = e.visualization_job("p1", &id).await.unwrap();
    assert_eq!(running.state, VizState::Running);
    let start = running.started_at.unwrap();

    assert_eq!(
        e.visualization_tick(start + Duration::minutes(119))
            .await
            .unwrap(),
        0
    );
    let late = start + Duration::hours(3);
    assert_eq!(e.visualization_tick(late).await.unwrap(), 1);
    assert_eq!(
        e.visualization_job("p1", &id).await.unwrap().state,
        VizState::Killing
    );
    settle(&e, late.max(now)).await;
    let done = e.visualization_job("p1", &id).await.unwrap();
    assert_eq!(done.state, VizState::Completed);
    assert_eq!(done.duration_ms(late + Duration::hours(5)), 2 * 3_600_000);
}

#[tokio::test]
async fn jobs_carry_on_after_a_restart_of_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let e = engine(dir.path()).await;
    let init = e
        .create_visualization_job("p1", input(dir.path(), "a", None))
        .await
        .unwrap();
    let run = e
        .create_visualization_job("p1", input(dir.path(), "b", None))
        .await
        .unwrap();
    // Only `b` reaches RUNNING before the "crash": move it by hand.
    let now = time_fmt::now();
    let b = store::get(e.viz_db(), "p1", run.id).await.unwrap().unwrap();
    assert!(
        store::transition(e.viz_db(), &b, VizState::Waiting, now, None)
            .await
            .unwrap()
    );
    let b = store::get(e.viz_db(), "p1", run.id).await.unwrap().unwrap();
    assert!(
        store::transition(e.viz_db(), &b, VizState::Running, now, None)
            .await
            .unwrap()
    );
    e.shutdown(std::time::Duration::from_secs(1)).await;

    // A serving engine (one worker): its own scheduler moves the jobs.
    let e = Engine::open(config(dir.path(), 1).await).await.unwrap();
    let id = init.id.to_string();
    for _ in 0..100 {
        if e.visualization_job("p1", &id).await.unwrap().state == VizState::Running {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        e.visualization_job("p1", &id).await.unwrap().state,
        VizState::Running
    );
    let b = e
        .visualization_job("p1", &run.id.to_string())
        .await
        .unwrap();
    assert_eq!((b.state, b.started_at), (VizState::Running, Some(now)));
    e.shutdown(std::time::Duration::from_secs(1)).await;
}

#[tokio::test]
async fn projects_never_see_each_others_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let e = engine(dir.path()).await;
    let job = e
        .create_visualization_job("p1", input(dir.path(), "mine", None))
        .await
        .unwrap();
    let id = job.id.to_string();
    assert!(matches!(
        e.visualization_job("p2", &id).await.unwrap_err(),
        Error::NotFound { .. }
    ));
    for r in [
        e.stop_visualization_job("p2", &id).await.map(|_| ()),
        e.restart_visualization_job("p2", &id).await.map(|_| ()),
        e.delete_visualization_job("p2", &id).await,
        e.update_visualization_job("p2", &id, Some("x"))
            .await
            .map(|_| ()),
    ] {
        assert!(matches!(r.unwrap_err(), Error::NotFound { .. }));
    }
    let page = e
        .visualization_jobs("p2", &VizListQuery::default())
        .await
        .unwrap();
    assert_eq!(
        (page.total, page.jobs.len(), page.remaining),
        (0, 0, JOB_QUOTA)
    );
    let page = e
        .visualization_jobs("p1", &VizListQuery::default())
        .await
        .unwrap();
    assert_eq!((page.total, page.remaining), (1, JOB_QUOTA - 1));
}

#[tokio::test]
async fn the_quota_caps_a_projects_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let e = engine(dir.path()).await;
    for i in 0..JOB_QUOTA {
        e.create_visualization_job("p1", input(dir.path(), &format!("j{i}"), None))
            .await
            .unwrap();
    }
    match e
        .create_visualization_job("p1", input(dir.path(), "one-more", None))
        .await
    {
        Err(Error::InvalidArgument { kind, .. }) => assert_eq!(kind, Refusal::QuotaExceeded),
        other => panic!("{other:?}"),
    }
    e.create_visualization_job("p2", input(dir.path(), "other", None))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_running_job_serves_the_view_of_its_dump_and_unknown_content_fails_it() {
    let dir = tempfile::tempdir().unwrap();
    let e = engine(dir.path()).await;
    let ok = e
        .create_visualization_job("p1", input(dir.path(), "ok", None))
        .await
        .unwrap();
    let junk = dir.path().join("junk");
    std::fs::create_dir_all(&junk).unwrap();
    std::fs::write(junk.join("model.ckpt"), "weights").unwrap();
    let bad = e
        .create_visualization_job(
            "p1",
            NewVizJob {
                name: Some("bad".into()),
                train_url: Some(format!("file://{}/", junk.display())),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let tb = dir.path().join("tb");
    std::fs::create_dir_all(&tb).unwrap();
    let mut events = Vec::new();
    for step in 0..3 {
        events.extend(view::encode_scalar_event(
            1.0,
            step,
            "loss",
            3.0 - step as f32,
        ));
    }
    std::fs::write(tb.join("events.out.tfevents.1.host"), events).unwrap();
    let scalars = e
        .create_visualization_job(
            "p1",
            NewVizJob {
                name: Some("tb".into()),
                train_url: Some(format!("file://{}/", tb.display())),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    settle(&e, time_fmt::now()).await;

    let (ok, bad, scalars) = (
        ok.id.to_string(),
        bad.id.to_string(),
        scalars.id.to_string(),
    );
    assert_eq!(
        e.visualization_job("p1", &ok).await.unwrap().state,
        VizState::Running
    );
    let view::VizView::Metric {
        metric, rows, top, ..
    } = e.visualization_view("p1", &ok).await.unwrap()
    else {
        panic!("not a metric view")
    };
    assert_eq!((metric.as_str(), rows), ("pagerank", 2));
    assert_eq!(top[0], ("b".to_string(), 0.75));

    let failed = e.visualization_job("p1", &bad).await.unwrap();
    assert_eq!(failed.state, VizState::Failed);
    assert!(
        failed
            .fail_reason
            .as_deref()
            .unwrap()
            .contains("model.ckpt"),
        "{failed:?}"
    );
    assert!(matches!(
        e.visualization_view("p1", &bad).await,
        Err(Error::Conflict { .. })
    ));
    let view::VizView::Scalars { series, .. } = e.visualization_view("p1", &scalars).await.unwrap()
    else {
        panic!("not scalars")
    };
    assert_eq!(series[0].tag, "loss");
    assert_eq!(series[0].points, vec![(0, 3.0), (1, 2.0), (2, 1.0)]);

    // A restart of the failed job clears its reason once it is underway again.
    e.restart_visualization_job("p1", &bad).await.unwrap();
    std::fs::write(junk.join("manifest.json"), r#"{"jobId":"j9"}"#).unwrap();
    std::fs::write(junk.join("vertices.csv"), "id,community\na,1\nb,1\nc,2\n").unwrap();
    settle(&e, time_fmt::now() + Duration::seconds(5)).await;
    let again = e.visualization_job("p1", &bad).await.unwrap();
    assert_eq!((again.state, again.fail_reason), (VizState::Running, None));
    assert!(matches!(
        e.visualization_view("p1", &bad).await.unwrap(),
        view::VizView::Communities { communities: 2, .. }
    ));
}
