//! The job store conformance suite: every store behaviour written once, generic over
//! [`JobStore`], run against SQLite always and against PostgreSQL when `GRAPHJOBS_TEST_PG_URL`
//! names a server (`scripts/system/pg_test.sh` starts a throwaway one). Each PostgreSQL test gets its
//! own fresh database, so tests run in parallel without seeing each other's jobs.

use std::collections::HashSet;
use std::time::Duration;

use engine::auth::{Grant, Role};
use engine::job::store::{
    CancelEffect, GraphChange, GraphInfo, JobStore, LEASE_LOST_REASON, MAX_ATTEMPTS, NewJob,
    Outcome, ProgressReport, Retention, SqlStore, Submitted,
};
use engine::job::{JobCounters, JobType};
use engine::time_fmt::now;
use engine::{Error, FailKind, JobFilter, JobId, JobRecord, JobState};
use serde_json::json;

#[path = "conformance/audit_log.rs"]
mod audit_log;
#[path = "conformance/job_list.rs"]
mod job_list;
use audit_log::{
    audit_entries_round_trip_newest_first_with_filters_and_paging,
    audit_names_credentials_and_revokes_with_their_entries,
    audit_retention_deletes_only_older_entries,
};
use job_list::lists_jobs_like_a_scan_of_every_job;

const P: &str = "proj1";
const MIN: Duration = Duration::from_secs(60);

fn record(n: u64, job_type: JobType) -> JobRecord {
    JobRecord {
        algorithm: (job_type == JobType::Algorithm).then(|| "pagerank".into()),
        ..JobRecord::new(JobId::generate(n), P, "g", job_type, json!({"n": n}))
    }
}

async fn add<S: JobStore>(s: &S, n: u64, job_type: JobType, priority: i64) -> String {
    let job = record(n, job_type);
    s.insert_job(&job, &json!({"n": n}), priority)
        .await
        .unwrap();
    job.id.0
}

async fn get<S: JobStore>(s: &S, id: &str) -> JobRecord {
    s.job(P, id).await.unwrap().expect("job exists")
}

fn ok() -> Outcome {
    Outcome::Succeeded {
        result_total: 3,
        graph_version: Some(1),
        detail: None,
        partial: false,
        graph_change: None,
    }
}

async fn claims_by_priority_then_fifo<S: JobStore>(s: S) {
    let low = add(&s, 1, JobType::Algorithm, 0).await;
    let high = add(&s, 2, JobType::Algorithm, 5).await;
    let low2 = add(&s, 3, JobType::Algorithm, 0).await;
    let high2 = add(&s, 4, JobType::Algorithm, 5).await;
    let neg = add(&s, 5, JobType::Algorithm, -3).await;
    assert_eq!(s.queued_count().await.unwrap(), 5);
    let mut order = Vec::new();
    while let Some(j) = s.claim_next("w").await.unwrap() {
        assert_eq!(j.state, JobState::Running);
        assert!(j.started_at.is_some() && j.lease_expires_at.is_some());
        order.push(j.id.0);
    }
    assert_eq!(order, vec![high, high2, low, low2, neg]);
    assert_eq!(s.queued_count().await.unwrap(), 0);
    assert_eq!(get(&s, &order[0]).await.priority, 5);
}

async fn concurrent_claims_never_share_a_job<S: JobStore>(s: S) {
    for n in 0..24 {
        add(&s, n, JobType::Algorithm, 0).await;
    }
    // Six workers claiming at once over the store's connection pool (joined in one task: the
    // trait's futures are not `Send`, but their queries still overlap in the database).
    let worker = async |w: u32| {
        let mut got = Vec::new();
        while let Some(j) = s.claim_next(&format!("w{w}")).await.unwrap() {
            got.push(j.id.0);
        }
        got
    };
    let (a, b, c, d, e, f) = tokio::join!(
        worker(0),
        worker(1),
        worker(2),
        worker(3),
        worker(4),
        worker(5)
    );
    let all: Vec<String> = [a, b, c, d, e, f].concat();
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(
        (all.len(), unique.len()),
        (24, 24),
        "each job claimed exactly once"
    );
}

async fn writes_are_fenced_on_the_lease_owner<S: JobStore>(s: S) {
    let id = add(&s, 1, JobType::Algorithm, 0).await;
    s.claim_next("w1").await.unwrap().unwrap();
    let report = ProgressReport {
        percent: Some(40),
        counters: JobCounters {
            rows: Some(10),
            vertices: Some(5),
            iterations: Some(2),
            graph_load_ms: Some(7),
        },
        eta: Some(now() + MIN),
    };
    assert!(!s.set_progress(&id, "w2", Some(50)).await.unwrap());
    assert!(!s.report_progress(&id, "w2", &report).await.unwrap());
    assert!(!s.renew_lease(&id, "w2", MIN).await.unwrap());
    assert!(!s.finish(&id, "w2", &Outcome::Cancelled).await.unwrap());
    assert!(s.report_progress(&id, "w1", &report).await.unwrap());
    let j = get(&s, &id).await;
    assert_eq!(j.progress, Some(40));
    assert_eq!(j.counters, report.counters);
    assert_eq!(j.eta, report.eta);
    assert!(s.finish(&id, "w1", &ok()).await.unwrap());
    assert!(
        !s.finish(&id, "w1", &ok()).await.unwrap(),
        "one outcome only"
    );
    assert!(!s.renew_lease(&id, "w1", MIN).await.unwrap());
    let j = get(&s, &id).await;
    assert_eq!(
        (j.state, j.progress, j.result_total),
        (JobState::Succeeded, Some(100), Some(3))
    );
    assert_eq!(
        j.counters.rows,
        Some(10),
        "counters are kept with the outcome"
    );
    assert_eq!(j.eta, None);
}

async fn cancel_records_actor_reason_and_deadline<S: JobStore>(s: S) {
    let queued = add(&s, 1, JobType::Algorithm, 0).await;
    let running = add(&s, 2, JobType::Algorithm, 0).await;
    let CancelEffect::Cancelled(j) = s.request_cancel(P, &queued, "alice", "oops").await.unwrap()
    else {
        panic!("a queued job cancels at once")
    };
    assert_eq!(j.state, JobState::Cancelled);
    assert_eq!(
        (j.cancel_actor.as_deref(), j.cancel_reason.as_deref()),
        (Some("alice"), Some("oops"))
    );
    s.claim_next("w1").await.unwrap().unwrap();
    let before = now();
    let CancelEffect::Cancelling(j) = s
        .request_cancel_until(P, &running, "bob", "too slow", Duration::from_secs(90))
        .await
        .unwrap()
    else {
        panic!("a running job winds down")
    };
    assert_eq!(j.state, JobState::Cancelling);
    let deadline = j.cancel_deadline.expect("deadline recorded");
    assert!(
        deadline >= before + Duration::from_secs(90) && deadline <= now() + Duration::from_secs(90)
    );
    // A second cancel keeps the first actor and deadline.
    let CancelEffect::Cancelling(again) = s
        .request_cancel_until(P, &running, "carol", "again", Duration::from_secs(1))
        .await
        .unwrap()
    else {
        panic!("still cancelling")
    };
    assert_eq!(again.cancel_deadline, Some(deadline));
    assert_eq!(again.cancel_actor.as_deref(), Some("bob"));
    assert!(matches!(
        s.request_cancel(P, &queued, "x", "y").await,
        Err(Error::Conflict { .. })
    ));
    assert!(matches!(
        s.request_cancel(P, "nope", "x", "y").await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        s.request_cancel("other", &running, "x", "y").await,
        Err(Error::NotFound { .. })
    ));
    // The worker notices and stops: cancelled.
    assert!(s.finish(&running, "w1", &Outcome::Cancelled).await.unwrap());
    assert_eq!(get(&s, &running).await.state, JobState::Cancelled);
}

async fn overdue_cancels_fail_with_actor_reason_and_deadline<S: JobStore>(s: S) {
    let id = add(&s, 1, JobType::Algorithm, 0).await;
    s.claim_next("w1").await.unwrap().unwrap();
    s.request_cancel_until(P, &id, "bob", "wrong graph", Duration::from_secs(30))
        .await
        .unwrap();
    assert_eq!(s.fail_overdue_cancels(now()).await.unwrap(), 0);
    assert_eq!(get(&s, &id).await.state, JobState::Cancelling);
    let later = now() + Duration::from_secs(31);
    assert_eq!(s.fail_overdue_cancels(later).await.unwrap(), 1);
    let j = get(&s, &id).await;
    assert_eq!(j.state, JobState::Failed);
    assert_eq!(j.fail_kind, Some(FailKind::Abandoned));
    let reason = j.fail_reason.unwrap();
    assert!(
        reason.starts_with("cancelled by bob: wrong graph")
            && reason.contains("30 s cancel deadline"),
        "{reason}"
    );
    assert!(j.ended_at.is_some());
    assert_eq!(j.cancel_actor.as_deref(), Some("bob"));
    // The worker that did not stop is fenced out.
    assert!(!s.finish(&id, "w1", &ok()).await.unwrap());
    assert!(!s.renew_lease(&id, "w1", MIN).await.unwrap());
    assert_eq!(get(&s, &id).await.state, JobState::Failed);
}

async fn restart_recovery_accounts_for_every_job<S: JobStore>(s: S) {
    let algo = add(&s, 1, JobType::Algorithm, 0).await;
    let import = add(&s, 2, JobType::ImportGraph, 0).await;
    let cancelling = add(&s, 3, JobType::Algorithm, 0).await;
    let queued = add(&s, 4, JobType::Algorithm, 0).await;
    for _ in 0..3 {
        s.claim_next("dead").await.unwrap().unwrap();
    }
    s.request_cancel(P, &cancelling, "bob", "stop")
        .await
        .unwrap();
    let r = s.recover().await.unwrap();
    assert_eq!((r.requeued, r.failed, r.cancelled), (1, 1, 1));
    assert_eq!(get(&s, &algo).await.state, JobState::Queued);
    let j = get(&s, &import).await;
    assert_eq!(j.state, JobState::Failed);
    assert_eq!(j.fail_kind, Some(FailKind::Abandoned));
    assert!(j.fail_reason.unwrap().contains("interrupted by restart"));
    assert_eq!(get(&s, &cancelling).await.state, JobState::Cancelled);
    assert_eq!(get(&s, &queued).await.state, JobState::Queued);
    assert!(!s.finish(&algo, "dead", &ok()).await.unwrap());
}

async fn a_job_whose_node_keeps_stopping_is_failed_after_max_attempts<S: JobStore>(s: S) {
    let id = add(&s, 1, JobType::Algorithm, 0).await;
    let lease = Duration::from_secs(1);
    let mut at = now();
    for n in 1..=MAX_ATTEMPTS {
        let claimed = s.claim_next_leased("w", lease).await.unwrap().unwrap();
        assert_eq!((claimed.id.0.as_str(), claimed.attempt), (id.as_str(), n));
        at += Duration::from_secs(2);
        let r = s.expire_leases(at).await.unwrap();
        let last = n == MAX_ATTEMPTS;
        assert_eq!((r.requeued, r.failed), (u64::from(!last), u64::from(last)));
    }
    let j = get(&s, &id).await;
    assert_eq!(j.state, JobState::Failed);
    let reason = j.fail_reason.unwrap();
    assert!(
        reason.starts_with(&format!("gave up after {MAX_ATTEMPTS} attempts: each time")),
        "{reason}"
    );
    // A restart applies the same limit.
    let other = add(&s, 2, JobType::Algorithm, 0).await;
    for _ in 1..MAX_ATTEMPTS {
        s.claim_next("w").await.unwrap().unwrap();
        assert_eq!(s.recover().await.unwrap().requeued, 1);
    }
    s.claim_next("w").await.unwrap().unwrap();
    assert_eq!(s.recover().await.unwrap().failed, 1);
    assert!(
        get(&s, &other)
            .await
            .fail_reason
            .unwrap()
            .contains("a restart found it running")
    );
}

async fn graph_versions_are_given_once_and_never_go_back<S: JobStore>(s: S) {
    assert_eq!(s.next_graph_version(P, "g").await.unwrap(), 1);
    // A writer that lost its lease and the one that took over get different numbers.
    let (stale, current) = (
        s.next_graph_version(P, "g").await.unwrap(),
        s.next_graph_version(P, "g").await.unwrap(),
    );
    assert_eq!((stale, current), (2, 3));
    s.upsert_graph(P, &GraphInfo::new("g", current, 30, 3))
        .await
        .unwrap();
    // The stale one's version, should it be written late, does not replace the newer one.
    s.upsert_graph(P, &GraphInfo::new("g", stale, 20, 2))
        .await
        .unwrap();
    let g = s.graph(P, "g").await.unwrap().unwrap();
    assert_eq!((g.version, g.vertices), (3, 30));
    assert_eq!(s.next_graph_version(P, "g").await.unwrap(), 4);
    // Each graph counts for itself; a graph first seen in the catalogue starts above its version.
    assert_eq!(s.next_graph_version(P, "other").await.unwrap(), 1);
    s.upsert_graph(P, &GraphInfo::new("third", 7, 1, 0))
        .await
        .unwrap();
    assert_eq!(s.next_graph_version(P, "third").await.unwrap(), 8);
}

async fn a_graph_version_is_published_with_its_jobs_success<S: JobStore>(s: S) {
    let import = |version: i64, vertices: u64| Outcome::Succeeded {
        result_total: 0,
        graph_version: Some(version),
        detail: None,
        partial: false,
        graph_change: Some(GraphChange::Publish(GraphInfo::new(
            "g",
            version,
            vertices,
            2 * vertices,
        ))),
    };
    let graph = async |s: &S| {
        s.graph(P, "g")
            .await
            .unwrap()
            .map(|g| (g.version, g.vertices))
    };
    let first = add(&s, 1, JobType::ImportGraph, 0).await;
    s.claim_next("w1").await.unwrap().unwrap();
    // A worker that lost the job publishes nothing, and records nothing.
    assert!(!s.finish(&first, "w2", &import(1, 10)).await.unwrap());
    assert_eq!(graph(&s).await, None);
    assert_eq!(get(&s, &first).await.state, JobState::Running);
    assert!(s.finish(&first, "w1", &import(1, 10)).await.unwrap());
    assert_eq!(graph(&s).await, Some((1, 10)));
    assert_eq!(get(&s, &first).await.graph_version, Some(1));
    // A second import whose lease expired: its late finish leaves version 1 current.
    let second = add(&s, 2, JobType::ImportGraph, 0).await;
    s.claim_next_leased("dead", Duration::from_secs(1))
        .await
        .unwrap()
        .unwrap();
    s.expire_leases(now() + Duration::from_secs(2))
        .await
        .unwrap();
    assert!(!s.finish(&second, "dead", &import(2, 20)).await.unwrap());
    assert_eq!(graph(&s).await, Some((1, 10)));
    assert_eq!(get(&s, &second).await.state, JobState::Failed);
    // A failed or cancelled end never touches the graph.
    let third = add(&s, 3, JobType::ImportGraph, 0).await;
    s.claim_next("w3").await.unwrap().unwrap();
    assert!(s.finish(&third, "w3", &Outcome::Cancelled).await.unwrap());
    assert_eq!(graph(&s).await, Some((1, 10)));
}

async fn a_graph_is_deleted_with_its_jobs_success<S: JobStore>(s: S) {
    let delete = Outcome::Succeeded {
        result_total: 0,
        graph_version: Some(1),
        detail: None,
        partial: false,
        graph_change: Some(GraphChange::Delete),
    };
    let make = async |s: &S, version: i64| {
        s.upsert_graph(P, &GraphInfo::new("g", version, 4, 3))
            .await
            .unwrap();
        s.put_hyg(P, "g", "{}").await.unwrap();
    };
    let exists = async |s: &S| {
        let (g, h) = (s.graph(P, "g").await.unwrap(), s.hyg(P, "g").await.unwrap());
        (g.map(|g| g.version), h.is_some())
    };
    make(&s, 1).await;
    s.upsert_graph(P, &GraphInfo::new("other", 1, 1, 0))
        .await
        .unwrap();
    let id = add(&s, 1, JobType::DeleteGraph, 0).await;
    s.claim_next("w1").await.unwrap().unwrap();
    // A worker that lost the job deletes nothing.
    assert!(!s.finish(&id, "w2", &delete).await.unwrap());
    assert_eq!(exists(&s).await, (Some(1), true));
    assert!(s.finish(&id, "w1", &delete).await.unwrap());
    assert_eq!(exists(&s).await, (None, false));
    assert!(
        s.graph(P, "other").await.unwrap().is_some(),
        "other graphs stay"
    );
    // The graph made again after the delete succeeded: a late finish of the same job (its
    // worker lost the lease) does not delete it again.
    make(&s, 2).await;
    assert!(!s.finish(&id, "w2", &delete).await.unwrap());
    assert_eq!(exists(&s).await, (Some(2), true));
}

async fn idle_graphs_are_those_no_job_writes<S: JobStore>(s: S) {
    for _ in 0..2 {
        s.next_graph_version(P, "g").await.unwrap();
    }
    s.upsert_graph(P, &GraphInfo::new("g", 1, 4, 3))
        .await
        .unwrap();
    s.next_graph_version(P, "gone").await.unwrap();
    let idle = async |s: &S| {
        let all = s.idle_graphs().await.unwrap();
        all.into_iter()
            .map(|g| (g.name, g.current, g.last_version))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        idle(&s).await,
        [("g".into(), Some(1), 2), ("gone".into(), None, 1)]
    );
    // A job queued, then running, under g's key keeps g out until it ends.
    let job = record(1, JobType::ImportGraph);
    let key = format!("{P}/g");
    let new = NewJob {
        job: &job,
        spec: &json!({}),
        priority: 0,
        idempotency_key: None,
        dedupe_key: None,
        fifo_key: Some(&key),
    };
    s.submit_job(&new).await.unwrap();
    assert_eq!(idle(&s).await, [("gone".into(), None, 1)]);
    s.claim_next("w").await.unwrap().unwrap();
    assert_eq!(idle(&s).await, [("gone".into(), None, 1)]);
    assert!(s.finish(&job.id.0, "w", &Outcome::Cancelled).await.unwrap());
    assert_eq!(idle(&s).await.len(), 2);
}

async fn expired_leases_are_recovered_and_fenced<S: JobStore>(s: S) {
    let algo = add(&s, 1, JobType::Algorithm, 0).await;
    let import = add(&s, 2, JobType::ImportGraph, 0).await;
    let cancelling = add(&s, 3, JobType::Algorithm, 0).await;
    let alive = add(&s, 4, JobType::Algorithm, 0).await;
    let lease = Duration::from_secs(10);
    for _ in 0..3 {
        s.claim_next_leased("dead", lease).await.unwrap().unwrap();
    }
    s.claim_next_leased("alive", lease).await.unwrap().unwrap();
    s.request_cancel(P, &cancelling, "bob", "stop")
        .await
        .unwrap();
    // Nothing has expired yet.
    assert_eq!(s.expire_leases(now()).await.unwrap(), Default::default());
    // The live node renews far ahead; the dead one does not.
    assert!(
        s.renew_lease(&alive, "alive", Duration::from_secs(3600))
            .await
            .unwrap()
    );
    let later = now() + Duration::from_secs(11);
    let r = s.expire_leases(later).await.unwrap();
    assert_eq!((r.requeued, r.failed, r.cancelled), (1, 1, 1));
    let j = get(&s, &algo).await;
    assert_eq!((j.state, j.lease_expires_at), (JobState::Queued, None));
    let j = get(&s, &import).await;
    assert_eq!(j.state, JobState::Failed);
    assert_eq!(j.fail_reason.as_deref(), Some(LEASE_LOST_REASON));
    assert_eq!(get(&s, &cancelling).await.state, JobState::Cancelled);
    assert_eq!(get(&s, &alive).await.state, JobState::Running);
    // The dead worker, should it come back, cannot write or renew.
    assert!(!s.renew_lease(&algo, "dead", lease).await.unwrap());
    assert!(!s.set_progress(&algo, "dead", Some(9)).await.unwrap());
    // The re-queued job runs again, on another worker.
    let again = s.claim_next("w2").await.unwrap().unwrap();
    assert_eq!(again.id.0, algo);
    assert!(s.finish(&algo, "w2", &ok()).await.unwrap());
}

async fn retention_deletes_per_terminal_state<S: JobStore>(s: S) {
    let ids: Vec<String> = {
        let mut v = Vec::new();
        for n in 0..4 {
            v.push(add(&s, n, JobType::Algorithm, 0).await);
        }
        v
    };
    let (succeeded, failed, cancelled, queued) = (&ids[0], &ids[1], &ids[2], &ids[3]);
    s.request_cancel(P, cancelled, "a", "b").await.unwrap();
    s.claim_next("w").await.unwrap().unwrap();
    s.claim_next("w").await.unwrap().unwrap();
    s.finish(succeeded, "w", &ok()).await.unwrap();
    let fail = Outcome::Failed {
        kind: FailKind::RunFailed,
        reason: "boom".into(),
        detail: None,
    };
    s.finish(failed, "w", &fail).await.unwrap();
    assert_eq!(get(&s, failed).await.fail_kind, Some(FailKind::RunFailed));
    // A job's state by id alone (what the compute scratch sweep asks), whatever its project.
    for (id, state) in [
        (succeeded, JobState::Succeeded),
        (failed, JobState::Failed),
        (cancelled, JobState::Cancelled),
        (queued, JobState::Queued),
    ] {
        assert_eq!(s.job_state(id).await.unwrap(), Some(state), "{id}");
    }
    let day = Duration::from_secs(24 * 3600);
    let retention = Retention {
        succeeded: day,
        failed: 3 * day,
        cancelled: 2 * day,
    };
    assert!(
        s.delete_expired(&retention, now())
            .await
            .unwrap()
            .is_empty()
    );
    let gone = s
        .delete_expired(&retention, now() + day + MIN)
        .await
        .unwrap();
    assert_eq!(gone, vec![succeeded.clone()]);
    let gone = s
        .delete_expired(&retention, now() + 2 * day + MIN)
        .await
        .unwrap();
    assert_eq!(gone, vec![cancelled.clone()]);
    let gone = s
        .delete_expired(&retention, now() + 30 * day)
        .await
        .unwrap();
    assert_eq!(gone, vec![failed.clone()]);
    assert!(s.job(P, succeeded).await.unwrap().is_none());
    assert_eq!(s.job_state(succeeded).await.unwrap(), None, "deleted");
    assert_eq!(
        get(&s, queued).await.state,
        JobState::Queued,
        "unfinished jobs are kept"
    );
    assert!(Retention::default().failed > Retention::default().succeeded);
}

async fn duplicate_submits_return_the_first_job<S: JobStore>(s: S) {
    let spec = json!({"k": 1});
    let submit =
        |n: u64, project: &'static str, key: Option<&'static str>, dedupe: &'static str| {
            let mut job = record(n, JobType::Algorithm);
            job.project = project.into();
            (job, key, dedupe)
        };
    let go = async |(job, key, dedupe): (JobRecord, Option<&str>, &str)| {
        let new = NewJob {
            job: &job,
            spec: &spec,
            priority: 0,
            idempotency_key: key,
            dedupe_key: Some(dedupe),
            fifo_key: None,
        };
        s.submit_job(&new).await
    };
    let Submitted::Created(first) = go(submit(1, P, Some("key-1"), "req-a")).await.unwrap() else {
        panic!("first submit creates")
    };
    // Same key, same request: the same job, even once finished.
    let Submitted::Existing(same) = go(submit(2, P, Some("key-1"), "req-a")).await.unwrap() else {
        panic!("same key returns the first job")
    };
    assert_eq!(same.id, first.id);
    // Same key, different request: refused.
    assert!(matches!(
        go(submit(3, P, Some("key-1"), "req-b")).await,
        Err(Error::Conflict { .. })
    ));
    // No key, identical request in flight: the same job.
    let Submitted::Existing(dup) = go(submit(4, P, None, "req-a")).await.unwrap() else {
        panic!("identical in-flight request returns the queued job")
    };
    assert_eq!(dup.id, first.id);
    // Another project is independent.
    assert!(matches!(
        go(submit(5, "proj2", Some("key-1"), "req-a"))
            .await
            .unwrap(),
        Submitted::Created(_)
    ));
    // Once the first job finished, an identical request without key is a new job; with the
    // old key it still is the old one.
    let claimed = s.claim_next("w").await.unwrap().unwrap();
    assert_eq!(claimed.id, first.id);
    let Submitted::Existing(running) = go(submit(6, P, None, "req-a")).await.unwrap() else {
        panic!("running counts as in flight")
    };
    assert_eq!(running.id, first.id);
    s.finish(&first.id.0, "w", &ok()).await.unwrap();
    let Submitted::Created(fresh) = go(submit(7, P, None, "req-a")).await.unwrap() else {
        panic!("a finished job does not block a new one")
    };
    assert_ne!(fresh.id, first.id);
    let Submitted::Existing(old) = go(submit(8, P, Some("key-1"), "req-a")).await.unwrap() else {
        panic!("the key still names the first job")
    };
    assert_eq!((old.id, old.state), (first.id.clone(), JobState::Succeeded));
    let (found, dedupe) = s.job_by_idempotency_key(P, "key-1").await.unwrap().unwrap();
    assert_eq!((found.id, dedupe.as_deref()), (first.id, Some("req-a")));
}

async fn concurrent_identical_submits_make_one_job<S: JobStore>(s: S) {
    let one = async |n: u64| {
        let job = record(n, JobType::Algorithm);
        let spec = json!({});
        let new = NewJob {
            job: &job,
            spec: &spec,
            priority: 0,
            idempotency_key: None,
            dedupe_key: Some("same"),
            fifo_key: None,
        };
        s.submit_job(&new).await.unwrap().into_job().id
    };
    let (a, b, c, d, e, f) = tokio::join!(one(0), one(1), one(2), one(3), one(4), one(5));
    let ids: HashSet<_> = [a, b, c, d, e, f].into_iter().collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(s.queued_count().await.unwrap(), 1);
}

async fn lists_graphs_and_credentials<S: JobStore>(s: S) {
    let a = add(&s, 1, JobType::Algorithm, 0).await;
    let b = add(&s, 2, JobType::ImportGraph, 0).await;
    let filter = JobFilter {
        limit: 10,
        ..Default::default()
    };
    let page = s.list_jobs(P, &filter).await.unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.jobs[0].id.0, b, "newest first");
    let only = JobFilter {
        job_types: vec![JobType::Algorithm],
        states: vec![JobState::Queued],
        limit: 10,
        ..Default::default()
    };
    let page = s.list_jobs(P, &only).await.unwrap();
    assert_eq!((page.total, page.jobs[0].id.0.as_str()), (1, a.as_str()));
    assert_eq!(s.list_jobs("other", &filter).await.unwrap().total, 0);
    assert_eq!(s.job_spec(&a).await.unwrap(), Some(json!({"n": 1})));

    s.upsert_graph(P, &GraphInfo::new("g", 1, 5, 3))
        .await
        .unwrap();
    s.upsert_graph(P, &GraphInfo::new("g", 2, 6, 4))
        .await
        .unwrap();
    let g = s.graph(P, "g").await.unwrap().unwrap();
    assert_eq!((g.version, g.vertices, g.edges), (2, 6, 4));
    assert_eq!(s.graphs(P).await.unwrap().len(), 1);

    s.insert_token("abcdef0123456789", P, Role::Operator, Some("nightly ETL"))
        .await
        .unwrap();
    s.insert_access_key("AKTEST1234", P, Role::Viewer, None)
        .await
        .unwrap();
    assert_eq!(
        s.token_grants("abcdef0123456789").await.unwrap(),
        vec![Grant::new(P, Role::Operator)]
    );
    // A second project granted with its own role (twice: a no-op that keeps the first role),
    // listed sorted; a grant of the token's own project does not change its role there;
    // revoking the token below revokes the grants too.
    s.grant_token("abcdef0123456789", "proj0", Role::Viewer)
        .await
        .unwrap();
    s.grant_token("abcdef0123456789", "proj0", Role::Admin)
        .await
        .unwrap();
    s.grant_token("abcdef0123456789", P, Role::Admin)
        .await
        .unwrap();
    assert_eq!(
        s.token_grants("abcdef0123456789").await.unwrap(),
        vec![
            Grant::new("proj0", Role::Viewer),
            Grant::new(P, Role::Operator)
        ]
    );
    assert_eq!(
        s.access_key_grants("AKTEST1234").await.unwrap(),
        vec![Grant::new(P, Role::Viewer)]
    );
    let listed = s.credentials().await.unwrap();
    let rows: Vec<_> = listed
        .iter()
        .map(|c| (c.kind, c.project.as_str(), c.role, c.name.as_deref()))
        .collect();
    assert_eq!(listed.len(), 3, "{rows:?}");
    for row in [
        ("token", P, Role::Operator, Some("nightly ETL")),
        ("token", "proj0", Role::Viewer, Some("nightly ETL")),
        ("access_key", P, Role::Viewer, None),
    ] {
        assert!(rows.contains(&row), "{row:?} not in {rows:?}");
    }
    assert_eq!(s.revoke_credential("abcdef01", &[]).await.unwrap(), 1);
    assert_eq!(s.revoke_credential("AKTEST1234", &[]).await.unwrap(), 1);
    assert!(s.token_grants("abcdef0123456789").await.unwrap().is_empty());
    assert!(s.access_key_grants("AKTEST1234").await.unwrap().is_empty());
}

async fn lists_jobs_matching_a_text<S: JobStore>(s: S) {
    let algo = add(&s, 1, JobType::Algorithm, 0).await;
    let import = add(&s, 2, JobType::ImportGraph, 0).await;
    let matching = async |text: &str| {
        let filter = JobFilter {
            text: Some(text.into()),
            limit: 10,
            ..Default::default()
        };
        let page = s.list_jobs(P, &filter).await.unwrap();
        let mut ids: Vec<_> = page.jobs.into_iter().map(|j| j.id.0).collect();
        ids.sort();
        (page.total, ids)
    };
    let mut both = vec![algo.clone(), import.clone()];
    both.sort();
    // The algorithm name, ignoring case; the graph name; an id's beginning (ids are matched
    // by prefix, see `sqlite_list.rs`), not its tail; nothing; `%` literally.
    assert_eq!(matching("PageR").await, (1, vec![algo.clone()]));
    assert_eq!(matching("g").await, (2, both.clone()));
    assert_eq!(
        matching(&import[..8].to_ascii_uppercase()).await,
        (1, vec![import.clone()])
    );
    assert_eq!(matching(&import[import.len() - 12..]).await.0, 0);
    assert_eq!(matching("").await, (2, both));
    assert_eq!(matching("%").await, (0, vec![]));
}

/// A fresh SQLite store in a temp dir (the dir lives as long as the test).
async fn fifo_keys_run_one_at_a_time_in_submit_order<S: JobStore>(s: S) {
    let spec = json!({});
    let mut ids = Vec::new();
    for (n, fifo) in [
        (1, Some("p/g")),
        (2, Some("p/g")),
        (3, None),
        (4, Some("p/g")),
    ] {
        // A graph's writers and its HyG jobs share its key; only the second is a HyG job.
        let job = JobRecord {
            hyg: n == 2,
            ..record(n, JobType::Algorithm)
        };
        let new = NewJob {
            job: &job,
            spec: &spec,
            priority: 0,
            idempotency_key: None,
            dedupe_key: None,
            fifo_key: fifo,
        };
        s.submit_job(&new).await.unwrap();
        ids.push(job.id.0.clone());
        tokio::time::sleep(Duration::from_millis(3)).await;
    }
    let claim = async || s.claim_next("w").await.unwrap().map(|j| j.id.0);
    // The oldest of the key, then the job without one; the key's second waits for its first.
    assert_eq!(claim().await.as_ref(), Some(&ids[0]));
    assert_eq!(claim().await.as_ref(), Some(&ids[2]));
    assert_eq!(claim().await, None);
    assert!(s.finish(&ids[0], "w", &ok()).await.unwrap());
    assert_eq!(claim().await.as_ref(), Some(&ids[1]));
    assert_eq!(claim().await, None);
    assert!(s.finish(&ids[1], "w", &ok()).await.unwrap());
    assert_eq!(claim().await.as_ref(), Some(&ids[3]));
    let hyg = async |i: usize| get(&s, &ids[i]).await.hyg;
    assert_eq!(
        (hyg(0).await, hyg(1).await, hyg(2).await),
        (false, true, false)
    );
}

async fn finished_records_and_hyg_views_round_trip<S: JobStore>(s: S) {
    let mut parent = JobRecord::finished(
        JobId::generate(77),
        P,
        "g",
        JobType::CancelJobs,
        json!({"action": "cancel"}),
        now(),
    );
    parent.detail = Some(json!({"subJobs": [{"jobId": "x"}]}));
    s.record_finished(&parent).await.unwrap();
    let stored = get(&s, &parent.id.0).await;
    assert_eq!(
        (stored.state, stored.job_type),
        (JobState::Succeeded, JobType::CancelJobs)
    );
    assert_eq!(stored.detail, parent.detail);
    assert!(stored.ended_at.is_some());
    assert_eq!(
        s.claim_next("w").await.unwrap(),
        None,
        "a finished record never queues"
    );

    assert_eq!(s.hyg(P, "g").await.unwrap(), None);
    s.put_hyg(P, "g", r#"{"v":1}"#).await.unwrap();
    s.put_hyg(P, "g", r#"{"v":2}"#).await.unwrap();
    s.put_hyg(P, "a", r#"{"v":3}"#).await.unwrap();
    assert_eq!(s.hyg(P, "g").await.unwrap().as_deref(), Some(r#"{"v":2}"#));
    assert_eq!(s.hyg("other", "g").await.unwrap(), None);
    let names: Vec<String> = s
        .hygs(P)
        .await
        .unwrap()
        .into_iter()
        .map(|(g, _)| g)
        .collect();
    assert_eq!(names, ["a", "g"]);
    assert!(s.delete_hyg(P, "g").await.unwrap());
    assert!(!s.delete_hyg(P, "g").await.unwrap());
    assert_eq!(s.hygs(P).await.unwrap().len(), 1);
}

/// Every insert and update of a job is in the change log, numbered in order, per project; the
/// log can be read from any change on and trimmed to its newest rows.
async fn every_job_write_is_in_the_change_log_in_order(s: SqlStore) {
    assert_eq!(s.last_job_change(P).await.unwrap(), 0);
    let a = add(&s, 1, JobType::Algorithm, 0).await;
    let b = add(&s, 2, JobType::Algorithm, 0).await;
    let mut other = record(3, JobType::Algorithm);
    other.project = "other".into();
    s.insert_job(&other, &json!({}), 0).await.unwrap();
    let claimed = s.claim_next("w1").await.unwrap().unwrap();
    assert_eq!(claimed.id.0, a);
    let log = s.job_changes(P, 0, 100).await.unwrap();
    let jobs: Vec<&str> = log.iter().map(|(_, j)| j.as_str()).collect();
    assert_eq!(jobs, [a.as_str(), b.as_str(), a.as_str()], "{log:?}");
    assert!(log.windows(2).all(|w| w[0].0 < w[1].0), "{log:?}");
    assert_eq!(s.last_job_change(P).await.unwrap(), log[2].0);
    // Read from a change on: only what came after it.
    let after = s.job_changes(P, log[0].0, 100).await.unwrap();
    assert_eq!(after, log[1..]);
    assert_eq!(s.job_changes(P, 0, 1).await.unwrap(), log[..1]);
    // Trimming keeps the newest rows of the whole log (the other project's included).
    assert_eq!(s.trim_job_changes(2).await.unwrap(), 2);
    assert_eq!(s.job_changes(P, 0, 100).await.unwrap(), log[2..]);
    // The log was a, b, other's job, a's claim: the newest two are the last two.
    assert_eq!(s.job_changes("other", 0, 100).await.unwrap().len(), 1);
}

async fn sqlite() -> (SqlStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqlStore::open_sqlite(&dir.path().join("graphjobs.db"))
        .await
        .unwrap();
    (store, dir)
}

/// A store on a fresh database of the server `GRAPHJOBS_TEST_PG_URL` names, or `None`.
async fn postgres() -> Option<SqlStore> {
    let url = engine::testing::fresh_pg_database().await?;
    Some(SqlStore::connect_postgres(&url).await.unwrap())
}

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite_store {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let (store, _dir) = super::sqlite().await;
                    super::$name(store).await;
                }
            )*
        }
        mod postgres_store {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    match super::postgres().await {
                        Some(store) => super::$name(store).await,
                        None => eprintln!("GRAPHJOBS_TEST_PG_URL not set: PostgreSQL skipped"),
                    }
                }
            )*
        }
    };
}

conformance!(
    claims_by_priority_then_fifo,
    concurrent_claims_never_share_a_job,
    writes_are_fenced_on_the_lease_owner,
    cancel_records_actor_reason_and_deadline,
    overdue_cancels_fail_with_actor_reason_and_deadline,
    restart_recovery_accounts_for_every_job,
    expired_leases_are_recovered_and_fenced,
    a_graph_version_is_published_with_its_jobs_success,
    a_graph_is_deleted_with_its_jobs_success,
    idle_graphs_are_those_no_job_writes,
    graph_versions_are_given_once_and_never_go_back,
    a_job_whose_node_keeps_stopping_is_failed_after_max_attempts,
    retention_deletes_per_terminal_state,
    duplicate_submits_return_the_first_job,
    concurrent_identical_submits_make_one_job,
    lists_graphs_and_credentials,
    fifo_keys_run_one_at_a_time_in_submit_order,
    finished_records_and_hyg_views_round_trip,
    lists_jobs_matching_a_text,
    lists_jobs_like_a_scan_of_every_job,
    every_job_write_is_in_the_change_log_in_order,
    audit_entries_round_trip_newest_first_with_filters_and_paging,
    audit_names_credentials_and_revokes_with_their_entries,
    audit_retention_deletes_only_older_entries,
);
