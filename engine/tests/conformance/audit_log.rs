//! The audit log on each database: what is recorded is listed back field for field, newest
//! first; every filter and the `next` marker work alike; retention deletes only older entries.

use engine::audit::{Action, Actor, Rating, TraceQuery, TraceType};
use engine::auth::Role;
use engine::job::store::SqlStore;
use engine::time_fmt::{from_millis, now, to_millis};

fn action(project: &str, n: i64, name: &str, code: u16) -> Action {
    Action {
        time: from_millis(1_700_000_000_000 + n * 1000),
        project: project.into(),
        name: name.into(),
        trace_type: TraceType::ApiCall,
        service_type: if name.contains("Visualization") {
            "ModelArts".into()
        } else {
            "GES".into()
        },
        resource_type: "job".into(),
        resource_name: Some(format!("graph{}", n % 2)),
        resource_id: Some(format!("job-{n}")),
        actor: if n % 2 == 0 {
            Actor::token(format!("tok{n}"))
        } else {
            Actor::access_key("AKTEST")
        },
        role: Some(Role::Operator),
        source_ip: Some("127.0.0.1".into()),
        request_id: Some(format!("req-{n}")),
        idempotency_key: (n == 3).then(|| "key-3".to_owned()),
        code,
        message: (code >= 400).then(|| "refused".to_owned()),
    }
}

pub(crate) async fn audit_entries_round_trip_newest_first_with_filters_and_paging(s: SqlStore) {
    let mut recorded = Vec::new();
    for n in 0..7 {
        let code = if n == 5 { 403 } else { 200 };
        let name = if n == 6 {
            "stopVisualizationJob"
        } else {
            "cancelJob"
        };
        recorded.push(s.record_action(&action("p1", n, name, code)).await.unwrap());
    }
    // Another project's entries never show.
    let other = s
        .record_action(&action("p2", 9, "submitJob", 200))
        .await
        .unwrap();

    let all = |limit| TraceQuery {
        limit,
        ..TraceQuery::default()
    };
    let page = s.traces("p1", &all(200)).await.unwrap();
    let mut newest_first = recorded.clone();
    newest_first.reverse();
    assert_eq!(page.traces, newest_first, "every field round-trips");
    assert_eq!(page.next, None);
    assert_eq!(recorded[5].rating, Rating::Warning);
    assert_eq!(recorded[0].rating, Rating::Normal);

    // Paging: 3 + 3 + 1, each marker the last entry's id; together the whole list.
    let mut seen = Vec::new();
    let mut next = None;
    loop {
        let q = TraceQuery {
            next: next.clone(),
            ..all(3)
        };
        let page = s.traces("p1", &q).await.unwrap();
        seen.extend(page.traces.iter().map(|t| t.id.clone()));
        match page.next {
            Some(m) => {
                assert_eq!(Some(&m), page.traces.last().map(|t| &t.id));
                next = Some(m);
            }
            None => break,
        }
    }
    let ids: Vec<String> = newest_first.iter().map(|t| t.id.clone()).collect();
    assert_eq!(seen, ids);

    // A marker that is not one of this project's entries is refused.
    for marker in ["nonsense".to_owned(), other.id.clone()] {
        let q = TraceQuery {
            next: Some(marker),
            ..all(3)
        };
        let err = s.traces("p1", &q).await.unwrap_err();
        assert!(
            matches!(err, engine::Error::InvalidArgument { .. }),
            "{err}"
        );
    }

    // Each filter.
    let names = |q: TraceQuery| {
        let s = s.clone();
        async move {
            let page = s.traces("p1", &q).await.unwrap();
            page.traces
                .into_iter()
                .map(|t| t.action.resource_id.unwrap())
                .collect::<Vec<_>>()
        }
    };
    let q = |f: fn(&mut TraceQuery)| {
        let mut q = all(200);
        f(&mut q);
        q
    };
    let t = |n: i64| Some(1_700_000_000_000 + n * 1000);
    assert_eq!(
        names(q(|q| q.rating = Some(Rating::Warning))).await,
        ["job-5"]
    );
    assert_eq!(
        names(q(|q| q.service_type = Some("ModelArts".into()))).await,
        ["job-6"]
    );
    assert_eq!(
        names(q(|q| q.trace_name = Some("stopVisualizationJob".into()))).await,
        ["job-6"]
    );
    assert_eq!(
        names(q(|q| q.user = Some("AKTEST".into()))).await,
        ["job-5", "job-3", "job-1"]
    );
    assert_eq!(
        names(q(|q| q.user = Some("token tok2".into()))).await,
        ["job-2"]
    );
    assert_eq!(
        names(q(|q| q.resource_name = Some("graph0".into()))).await,
        ["job-6", "job-4", "job-2", "job-0"]
    );
    assert_eq!(
        names(q(|q| q.resource_id = Some("job-4".into()))).await,
        ["job-4"]
    );
    assert_eq!(
        names(q(|q| q.resource_type = Some("graph".into()))).await,
        Vec::<String>::new()
    );
    let mut by_time = all(200);
    (by_time.from, by_time.to) = (t(2), t(4));
    assert_eq!(names(by_time).await, ["job-4", "job-3", "job-2"]);
    let mut by_id = all(200);
    by_id.trace_id = Some(recorded[3].id.clone());
    assert_eq!(names(by_id).await, ["job-3"]);
    assert_eq!(recorded[3].action.idempotency_key.as_deref(), Some("key-3"));
}

/// A named credential's actions are recorded under its name; a revocation and its entries
/// are one transaction: an id that revokes nothing leaves no entry.
pub(crate) async fn audit_names_credentials_and_revokes_with_their_entries(s: SqlStore) {
    use engine::job::store::JobStore;
    let hash = "0123456789abcdef0123";
    s.insert_token(hash, "p1", Role::Operator, Some("nightly ETL"))
        .await
        .unwrap();
    s.insert_access_key("AKUNNAMED", "p1", Role::Viewer, None)
        .await
        .unwrap();
    let by = |actor: Actor| Action {
        actor,
        ..action("p1", 1, "cancelJob", 200)
    };
    let named = s
        .record_action(&by(Actor::token(&hash[..12])))
        .await
        .unwrap();
    assert_eq!(named.action.actor.name, "nightly ETL");
    assert_eq!(named.action.actor.id, &hash[..12]);
    let unnamed = s
        .record_action(&by(Actor::access_key("AKUNNAMED")))
        .await
        .unwrap();
    assert_eq!(unnamed.action.actor.name, "access key AKUNNAMED");

    let revoke = |n: i64| Action {
        name: "revokeToken".into(),
        resource_type: "token".into(),
        resource_id: Some(hash[..12].to_owned()),
        actor: Actor::cli(),
        ..action("p1", n, "revokeToken", 200)
    };
    assert_eq!(
        s.revoke_credential(&hash[..12], &[revoke(20)])
            .await
            .unwrap(),
        1
    );
    // Already revoked: nothing changes, and the entry offered with it is not written.
    assert_eq!(
        s.revoke_credential(&hash[..12], &[revoke(21)])
            .await
            .unwrap(),
        0
    );
    // An access key of digits only looks like a token's id: the token table, tried first,
    // revokes nothing, and the key is then found with its entry.
    let digits = "12345678901234567890";
    s.insert_access_key(digits, "p1", Role::Viewer, None)
        .await
        .unwrap();
    assert_eq!(s.revoke_credential(digits, &[revoke(22)]).await.unwrap(), 1);
    assert!(s.access_key_grants(digits).await.unwrap().is_empty());
    let query = TraceQuery {
        limit: 200,
        trace_name: Some("revokeToken".into()),
        ..TraceQuery::default()
    };
    let times: Vec<i64> = s
        .traces("p1", &query)
        .await
        .unwrap()
        .traces
        .iter()
        .map(|t| to_millis(t.action.time))
        .collect();
    assert_eq!(times, [1_700_000_022_000, 1_700_000_020_000]);
}

pub(crate) async fn audit_retention_deletes_only_older_entries(s: SqlStore) {
    let old = s
        .record_action(&action("p1", 1, "cancelJob", 200))
        .await
        .unwrap();
    let cutoff = from_millis(to_millis(now()) + 1);
    assert_eq!(s.prune_traces(from_millis(0)).await.unwrap(), 0);
    let page = s.traces("p1", &TraceQuery::default()).await.unwrap();
    assert_eq!(page.traces, [old]);
    assert_eq!(s.prune_traces(cutoff).await.unwrap(), 1);
    let page = s.traces("p1", &TraceQuery::default()).await.unwrap();
    assert!(page.traces.is_empty());
}
