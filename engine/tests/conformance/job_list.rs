//! The job list against a plain scan of every job: totals and pages for common and rare
//! filters (so both of a store's plans run), after state changes and deletions.

use std::time::Duration;

use engine::job::JobType;
use engine::job::store::{CancelEffect, JobStore, Outcome, Retention};
use engine::time_fmt::now;
use engine::{FailKind, JobFilter, JobRecord, JobState};
use serde_json::json;

use super::{P, record};

/// 240 jobs: graphs `g` (most), `other` and `rare` (three), algorithms pagerank and louvain
/// (four), imports; then some run to success, some partially, some fail or are cancelled.
async fn fill<S: JobStore>(s: &S) -> Vec<String> {
    let mut ids = Vec::new();
    for n in 0..240u64 {
        let job_type = if n % 5 == 0 {
            JobType::ImportGraph
        } else {
            JobType::Algorithm
        };
        let mut job = record(n, job_type);
        job.graph = match n {
            7 | 100 | 201 => "rare".into(),
            _ if n % 3 == 0 => "other".into(),
            _ => "g".into(),
        };
        if [11, 12, 13, 150].contains(&n) {
            job.algorithm = Some("louvain".into());
        }
        s.insert_job(&job, &json!({"n": n}), 0).await.unwrap();
        ids.push(job.id.0);
    }
    // Claims take the oldest first: finish 150 of them in a pattern of outcomes.
    for n in 0..150u64 {
        let job = s.claim_next("w").await.unwrap().unwrap();
        let outcome = match n % 10 {
            0 => Outcome::Failed {
                kind: FailKind::RunFailed,
                reason: "boom".into(),
                detail: None,
            },
            1 => Outcome::Cancelled,
            2 => Outcome::Succeeded {
                result_total: 1,
                graph_version: Some(1),
                detail: None,
                partial: true,
                graph_change: None,
            },
            3 => continue, // left running
            _ => super::ok(),
        };
        assert!(s.finish(&job.id.0, "w", &outcome).await.unwrap());
    }
    ids
}

/// Every job, newest first, read one by one.
async fn scan<S: JobStore>(s: &S, ids: &[String]) -> Vec<JobRecord> {
    let mut all = Vec::new();
    for id in ids.iter().rev() {
        if let Some(j) = s.job(P, id).await.unwrap() {
            all.push(j);
        }
    }
    all
}

fn matches(f: &JobFilter, j: &JobRecord) -> bool {
    let text = f.text.as_deref().unwrap_or("").to_ascii_lowercase();
    f.graph.as_ref().is_none_or(|g| *g == j.graph)
        && (f.states.is_empty() || f.states.contains(&j.state))
        && (f.job_types.is_empty() || f.job_types.contains(&j.job_type))
        && f.partial.is_none_or(|p| p == j.partial)
        && f.created_from.is_none_or(|t| j.created_at >= t)
        && f.created_before.is_none_or(|t| j.created_at < t)
        && (text.is_empty()
            || j.id.0.starts_with(&text)
            || j.graph.to_ascii_lowercase().contains(&text)
            || j.algorithm
                .as_deref()
                .is_some_and(|a| a.to_ascii_lowercase().contains(&text)))
}

async fn check<S: JobStore>(s: &S, all: &[JobRecord], filter: JobFilter) {
    let want: Vec<&str> = all
        .iter()
        .filter(|j| matches(&filter, j))
        .map(|j| j.id.0.as_str())
        .collect();
    for (offset, limit) in [
        (0, 10),
        (3, 7),
        (want.len().saturating_sub(2), 10),
        // Pages in the older half are read from the oldest end (`page_window`).
        (want.len() * 2 / 3, 7),
        (want.len().saturating_sub(7), 7),
        (500, 10),
    ] {
        let f = JobFilter {
            offset: offset as u64,
            limit,
            ..filter.clone()
        };
        let page = s.list_jobs(P, &f).await.unwrap();
        let got: Vec<&str> = page.jobs.iter().map(|j| j.id.0.as_str()).collect();
        let end = want.len().min(offset + limit as usize);
        let expected = want.get(offset..end).unwrap_or_default();
        assert_eq!(
            (page.total, got.as_slice()),
            (want.len() as u64, expected),
            "{f:?}"
        );
    }
}

pub(crate) async fn lists_jobs_like_a_scan_of_every_job<S: JobStore>(s: S) {
    let ids = fill(&s).await;
    let id_head = ids[42][..9].to_ascii_uppercase();
    let filters = |all: &[JobRecord]| {
        let mid = all[all.len() / 2].created_at;
        vec![
            JobFilter::default(),
            JobFilter {
                states: vec![JobState::Running],
                ..Default::default()
            },
            JobFilter {
                states: vec![JobState::Queued, JobState::Failed],
                ..Default::default()
            },
            JobFilter {
                states: vec![JobState::Cancelling, JobState::Cancelled],
                job_types: vec![JobType::ImportGraph],
                ..Default::default()
            },
            JobFilter {
                graph: Some("rare".into()),
                ..Default::default()
            },
            JobFilter {
                graph: Some("other".into()),
                states: vec![JobState::Succeeded],
                partial: Some(true),
                ..Default::default()
            },
            JobFilter {
                text: Some("LOUV".into()),
                ..Default::default()
            },
            JobFilter {
                text: Some("ar".into()),
                ..Default::default()
            },
            JobFilter {
                text: Some(id_head.clone()),
                ..Default::default()
            },
            JobFilter {
                text: Some("e".into()), // an id's hex digit and part of "other" and "pagerank"
                job_types: vec![JobType::Algorithm],
                ..Default::default()
            },
            JobFilter {
                text: Some("nothing-like-it".into()),
                ..Default::default()
            },
            JobFilter {
                created_from: Some(mid),
                states: vec![JobState::Succeeded],
                ..Default::default()
            },
            JobFilter {
                created_before: Some(mid),
                text: Some("rare".into()),
                ..Default::default()
            },
        ]
    };
    let all = scan(&s, &ids).await;
    assert_eq!(all.len(), 240);
    for f in filters(&all) {
        check(&s, &all, f).await;
    }

    // Deletions (retention) and cancels move the totals too.
    let cancelled = s.request_cancel(P, &ids[239], "a", "b").await.unwrap();
    assert!(matches!(cancelled, CancelEffect::Cancelled(_)));
    let keep = Duration::from_secs(3600);
    let retention = Retention {
        succeeded: keep,
        failed: Duration::from_secs(365 * 24 * 3600),
        cancelled: keep,
    };
    let gone = s
        .delete_expired(&retention, now() + 2 * keep)
        .await
        .unwrap();
    assert!(!gone.is_empty());
    let all = scan(&s, &ids).await;
    assert_eq!(all.len(), 240 - gone.len());
    for f in filters(&all) {
        check(&s, &all, f).await;
    }
}
