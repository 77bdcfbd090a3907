//! The audit log over HTTP: REST actions are recorded with their actor, role, source, request
//! id, idempotency key, target and outcome; a refused action is a `warning`; reads leave
//! nothing; `GET /v3/{project_id}/traces` filters and pages as CTS's trace list and refuses
//! bad values in CTS's envelope.

use engine::auth::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app, spawn_paused_app};

/// The traces the admin token lists with `query` (after `trace_type=system`).
async fn traces(app: &TestApp, query: &str) -> (u16, Value) {
    app.get(&app.url(&format!("/v3/{PROJECT}/traces?trace_type=system{query}")))
        .await
}

/// Every trace of the project, newest first.
pub(crate) async fn all_traces(app: &TestApp) -> Vec<Value> {
    let (status, body) = traces(app, "&limit=200").await;
    assert_eq!(status, 200, "{body}");
    body["traces"].as_array().unwrap().clone()
}

pub(crate) async fn call(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> (u16, Value, String) {
    let mut r = app
        .client
        .request(method, app.url(path))
        .header("X-Auth-Token", token);
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    if let Some(body) = body {
        r = r.json(&body);
    }
    let r = r.send().await.unwrap();
    let request_id = r
        .headers()
        .get("x-request-id")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null), request_id)
}

fn request_field(trace: &Value, key: &str) -> Value {
    let text = trace["request"].as_str().unwrap_or("{}");
    serde_json::from_str::<Value>(text).unwrap()[key].clone()
}

#[tokio::test]
async fn a_submit_and_its_cancel_are_recorded_with_actor_role_target_and_outcome() {
    let app = spawn_paused_app().await;
    let operator = app.token_as(Role::Operator).await;
    let graph = format!("/ges/v1.0/{PROJECT}/graphs/tiny");
    let (status, body, submit_request) = call(
        &app,
        &operator,
        Method::POST,
        &format!("{graph}/action?action_id=execute-algorithm"),
        Some(json!({"algorithmName": "pagerank", "parameters": {}})),
        &[("X-Idempotency-Key", "audit-key-1")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let job = body["jobId"].as_str().unwrap().to_owned();
    let (status, body, cancel_request) = call(
        &app,
        &operator,
        Method::DELETE,
        &format!("{graph}/jobs/{job}"),
        None,
        &[("X-Request-Id", "my-request-7")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        cancel_request, "my-request-7",
        "the client's request id is kept"
    );

    let all = all_traces(&app).await;
    let [cancel, submit, import, ..] = &all[..] else {
        panic!("three traces expected: {all:?}");
    };
    let who = engine::auth::token_id(&operator);
    for (trace, name) in [(cancel, "cancelJob"), (submit, "executeAlgorithm")] {
        assert_eq!(trace["trace_name"], name, "{trace}");
        assert_eq!(trace["trace_type"], "ApiCall");
        assert_eq!(trace["trace_rating"], "normal");
        assert_eq!(trace["service_type"], "GES");
        assert_eq!(trace["resource_type"], "job");
        assert_eq!(trace["resource_name"], "tiny");
        assert_eq!(trace["resource_id"], job.as_str());
        assert_eq!(trace["code"], "200");
        assert_eq!(trace["source_ip"], "127.0.0.1");
        assert_eq!(trace["user"]["id"], who.as_str());
        assert_eq!(trace["user"]["name"], format!("token {who}"));
        assert_eq!(trace["user"]["type"], "Token");
        assert_eq!(trace["user"]["domain"]["id"], PROJECT);
        assert_eq!(request_field(trace, "role"), "operator");
        assert!(trace["time"].as_i64().unwrap() <= trace["record_time"].as_i64().unwrap());
        assert!(!trace.to_string().contains(&operator), "never the secret");
    }
    assert_eq!(submit["request_id"], submit_request.as_str());
    assert_eq!(cancel["request_id"], "my-request-7");
    assert_eq!(request_field(submit, "idempotency_key"), "audit-key-1");
    assert_eq!(request_field(cancel, "idempotency_key"), Value::Null);
    // The import the helper made with the admin token, before.
    assert_eq!(import["trace_name"], "importGraph");
    assert_eq!(import["resource_type"], "graph");
    assert_eq!(request_field(import, "role"), "admin");
}

#[tokio::test]
async fn a_refused_action_is_a_warning_and_reads_leave_no_entry() {
    let app = spawn_paused_app().await;
    let viewer = app.token_as(Role::Viewer).await;
    let before = all_traces(&app).await;
    // Reads, by a viewer and by the admin (the trace list itself included): nothing recorded.
    let jobs = format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/status");
    for path in [
        jobs.as_str(),
        &format!("/v2/{PROJECT}/graphs"),
        &format!("/v2/{PROJECT}/graphs/jobs"),
        &format!("/v1/{PROJECT}/visualization-jobs"),
    ] {
        for token in [&viewer, &app.token] {
            let (status, body, _) = call(&app, token, Method::GET, path, None, &[]).await;
            assert_eq!(status, 200, "{path}: {body}");
        }
    }
    assert_eq!(all_traces(&app).await, before, "a GET leaves no entry");

    let (status, body, request_id) = call(
        &app,
        &viewer,
        Method::DELETE,
        &format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/somejob"),
        None,
        &[],
    )
    .await;
    assert_eq!(status, 403, "{body}");
    let all = all_traces(&app).await;
    assert_eq!(all.len(), before.len() + 1);
    let refused = &all[0];
    assert_eq!(refused["trace_name"], "cancelJob");
    assert_eq!(refused["trace_rating"], "warning");
    assert_eq!(refused["code"], "403");
    assert_eq!(refused["resource_id"], "somejob");
    assert_eq!(refused["request_id"], request_id.as_str());
    assert_eq!(request_field(refused, "role"), "viewer");
    let message = refused["message"].as_str().unwrap();
    assert!(
        message.contains("needs the operator or admin role"),
        "{message}"
    );

    // The trace list is the admin's: a viewer is refused in CTS's envelope.
    let (status, body, _) = call(
        &app,
        &viewer,
        Method::GET,
        &format!("/v3/{PROJECT}/traces?trace_type=system"),
        None,
        &[],
    )
    .await;
    assert_eq!((status, &body["error_code"]), (403, &json!("CTS.0002")));
}

#[tokio::test]
async fn filters_and_the_next_marker_page_through_the_log() {
    let app = spawn_paused_app().await;
    let operator = app.token_as(Role::Operator).await;
    // Five cancels of jobs that do not exist (refused with 400), and a visualization job.
    for n in 0..5 {
        let path = format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/nojob{n}");
        let (status, ..) = call(&app, &operator, Method::DELETE, &path, None, &[]).await;
        assert_eq!(status, 400);
    }
    let (status, body, _) = call(
        &app,
        &operator,
        Method::POST,
        &format!("/v1/{PROJECT}/visualization-jobs"),
        Some(json!({"job_name": "v1", "train_url": "/bucket/dir/"})),
        &[],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let viz = body["job_id"].to_string().trim_matches('"').to_owned();
    let all = all_traces(&app).await;
    assert_eq!(all.len(), 7, "import, five cancels, one create: {all:?}");

    // Paging by two: the markers walk the whole list, newest first.
    let mut seen = Vec::new();
    let mut next = String::new();
    loop {
        let (status, body) = traces(&app, &format!("&limit=2{next}")).await;
        assert_eq!(status, 200, "{body}");
        let page = body["traces"].as_array().unwrap();
        assert_eq!(body["meta_data"]["count"], page.len());
        seen.extend(page.iter().cloned());
        match body["meta_data"]["marker"].as_str() {
            Some(m) => {
                assert_eq!(page.len(), 2);
                assert_eq!(page[1]["trace_id"], m);
                next = format!("&next={m}");
            }
            None => break,
        }
    }
    assert_eq!(seen, all);

    let count = |query: &'static str| {
        let app = &app;
        async move {
            let (status, body) = traces(app, &format!("&limit=200{query}")).await;
            assert_eq!(status, 200, "{query}: {body}");
            body["traces"].as_array().unwrap().len()
        }
    };
    assert_eq!(count("&trace_name=cancelJob").await, 5);
    assert_eq!(count("&trace_rating=warning").await, 5);
    assert_eq!(count("&trace_rating=normal").await, 2);
    assert_eq!(count("&service_type=ModelArts").await, 1);
    assert_eq!(count("&resource_type=visualizationJob").await, 1);
    assert_eq!(count("&resource_id=nojob3").await, 1);
    assert_eq!(
        all[0]["resource_id"],
        viz.as_str(),
        "the created job's id, from the answer"
    );
    assert_eq!(all[0]["trace_name"], "createVisualizationJob");
    assert_eq!(count("&resource_name=tiny").await, 6);
    assert_eq!(count("&trace_type=system&tracker_name=system").await, 7);
    let who = engine::auth::token_id(&operator);
    let (_, body) = traces(&app, &format!("&limit=200&user={who}")).await;
    assert_eq!(body["traces"].as_array().unwrap().len(), 6);
    let (_, body) = traces(&app, &format!("&limit=200&user=token%20{who}")).await;
    assert_eq!(body["traces"].as_array().unwrap().len(), 6);
    let id = all[3]["trace_id"].as_str().unwrap();
    let (_, body) = traces(&app, &format!("&trace_id={id}")).await;
    assert_eq!(body["traces"][0], all[3]);
    // A time window around the newest two.
    let (from, to) = (
        all[1]["time"].as_i64().unwrap(),
        all[0]["time"].as_i64().unwrap(),
    );
    let (_, body) = traces(&app, &format!("&limit=200&from={from}&to={to}")).await;
    let window = body["traces"].as_array().unwrap();
    assert!(
        window.len() >= 2
            && window.iter().all(|t| {
                let t = t["time"].as_i64().unwrap();
                (from..=to).contains(&t)
            })
    );
    let (_, body) = traces(
        &app,
        &format!("&to={}", all[6]["time"].as_i64().unwrap() - 1),
    )
    .await;
    assert_eq!(body["traces"], json!([]));
    // CTS's data traces: none here.
    let (status, body) = app
        .get(&app.url(&format!("/v3/{PROJECT}/traces?trace_type=data")))
        .await;
    assert_eq!((status, &body["traces"]), (200, &json!([])));
}

#[tokio::test]
async fn bad_query_values_are_refused_in_cts_envelope() {
    let app = spawn_paused_app().await;
    for (query, names) in [
        ("trace_type=system&limit=0", "limit"),
        ("trace_type=system&limit=201", "limit"),
        ("trace_type=system&limit=-3", "limit"),
        ("trace_type=system&limit=ten", "limit"),
        ("trace_type=system&from=5&to=4", "from"),
        ("trace_type=system&from=yesterday", "from"),
        ("trace_type=bogus", "trace_type"),
        ("limit=5", "trace_type"),
        ("trace_type=system&next=not-a-marker", "next"),
        ("trace_type=system&trace_rating=bad", "trace_rating"),
        ("trace_type=system&tracker_name=mine", "tracker_name"),
    ] {
        let (status, body) = app
            .get(&app.url(&format!("/v3/{PROJECT}/traces?{query}")))
            .await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(body["error_code"], "CTS.0003", "{query}: {body}");
        let message = body["error_msg"].as_str().unwrap();
        assert!(message.contains(names), "{query}: {message}");
    }
}

#[tokio::test]
async fn a_graph_create_names_the_graph_from_its_answer() {
    let app = spawn_paused_app().await;
    let (status, body) = app
        .post(
            &app.url(&format!("/v2/{PROJECT}/graphs")),
            &json!({"graph": {"name": "made"}}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let all = all_traces(&app).await;
    let created = &all[0];
    assert_eq!(created["trace_name"], "createGraph");
    assert_eq!(created["resource_type"], "graph");
    assert_eq!(created["resource_name"], "made");
    assert_eq!(created["resource_id"], "made");
    assert_eq!(
        created["user"]["name"],
        format!("token {}", engine::auth::token_id(&app.token))
    );
}

#[tokio::test]
async fn the_cli_s_credential_changes_are_system_actions_in_each_project() {
    let app = spawn_app().await;
    // As `graphjobs token create / keys create / revoke` do, on the running server's data dir.
    let config = engine::EngineConfig::new(app.data.path());
    let token = engine::admin::create_token_for(
        &config,
        &[(PROJECT, Role::Viewer), ("p9", Role::Admin)],
        Some("nightly ETL"),
    )
    .await
    .unwrap();
    let (ak, _sk) = engine::admin::create_access_key(&config, PROJECT, Role::Operator, None)
        .await
        .unwrap();
    let id = engine::auth::token_id(&token);
    assert_eq!(
        engine::admin::revoke_credential(&config, &id)
            .await
            .unwrap(),
        1,
        "one token (with two projects)"
    );

    let all = all_traces(&app).await;
    let names: Vec<(&str, &str)> = all
        .iter()
        .map(|t| {
            (
                t["trace_name"].as_str().unwrap(),
                t["resource_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("revokeToken", id.as_str()),
            ("createAccessKey", ak.as_str()),
            ("createToken", id.as_str())
        ]
    );
    for t in &all {
        assert_eq!(t["trace_type"], "SystemAction");
        assert_eq!(t["user"]["type"], "Cli");
        assert_eq!(t["code"], "200");
        assert!(!t.to_string().contains(&token), "never the secret");
    }
    assert_eq!(all[1]["message"], "created with the operator role");
    assert_eq!(all[2]["message"], "created with the viewer role");
    // The token's name (`token create --name`) names it as the target; the key has none.
    assert_eq!(all[0]["resource_name"], "nightly ETL");
    assert_eq!(all[2]["resource_name"], "nightly ETL");
    assert!(all[1]["resource_name"].is_null(), "{}", all[1]);
    // The other project's log has its own entries.
    let p9 = app.engine.create_token("p9").await.unwrap();
    let r = app
        .client
        .get(app.url("/v3/p9/traces?trace_type=system"))
        .header("X-Auth-Token", &p9)
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    let p9_names: Vec<&str> = body["traces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["trace_name"].as_str().unwrap())
        .collect();
    assert_eq!(p9_names, ["revokeToken", "createToken"]);
}
