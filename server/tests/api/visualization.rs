//! ModelArts visualization jobs (REFERENCE §9): golden shapes from the reference's samples,
//! every validation rule, every allowed and refused transition, paging/sorting/search, and
//! tenancy.

use std::collections::BTreeSet;
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app};

fn jobs_url(app: &TestApp, rest: &str) -> String {
    app.url(&format!("/v1/{PROJECT}/visualization-jobs{rest}"))
}

async fn send(
    app: &TestApp,
    method: Method,
    url: &str,
    body: Option<&Value>,
    token: Option<&str>,
) -> (u16, Value) {
    let mut req = app.client.request(method, url);
    if let Some(t) = token {
        req = req.header("X-Auth-Token", t);
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

async fn call(app: &TestApp, method: Method, rest: &str, body: Option<&Value>) -> (u16, Value) {
    send(app, method, &jobs_url(app, rest), body, Some(&app.token)).await
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

/// A number the reference may quote (`"10"`) or not.
fn long(v: &Value) -> i64 {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or_else(|| panic!("not a Long: {v}"))
}

/// A local train_url holding a pagerank dump (what export-result writes), below the data dir.
fn train_dir(app: &TestApp) -> String {
    let dir = app.data.path().join("train");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("manifest.json"),
        r#"{"jobId":"j1","complete":true}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("vertices.csv"),
        "id,pagerank\na,0.1\nb,0.6\nc,0.3\n",
    )
    .unwrap();
    format!("file://{}/", dir.display())
}

async fn create(app: &TestApp, name: &str) -> i64 {
    let body = json!({"job_name": name, "train_url": train_dir(app)});
    let (code, resp) = call(app, Method::POST, "", Some(&body)).await;
    assert_eq!(code, 200, "{resp}");
    resp["job_id"].as_i64().unwrap()
}

async fn detail(app: &TestApp, id: i64) -> Value {
    let (code, body) = call(app, Method::GET, &format!("/{id}"), None).await;
    assert_eq!(code, 200, "{body}");
    body
}

/// Polls the detail until the job has `status`.
async fn wait_status(app: &TestApp, id: i64, status: i64) -> Value {
    for _ in 0..200 {
        let d = detail(app, id).await;
        if d["status"] == status {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("job {id} never reached status {status}");
}

fn assert_error(code: u16, body: &Value, want_http: u16, want_code: &str) {
    assert_eq!(code, want_http, "{body}");
    assert_eq!(body["is_success"], false, "{body}");
    assert_eq!(body["error_code"], want_code, "{body}");
    assert!(body["error_msg"].is_string(), "{body}");
    assert_eq!(
        body["error_msg"], body["error_message"],
        "both message fields"
    );
}

#[tokio::test]
async fn create_answers_in_the_shape_of_the_reference_sample() {
    let app = spawn_app().await;
    let before = engine::time_fmt::to_millis(time::OffsetDateTime::now_utc());
    // The seed's sample request and response (REFERENCE §9.1, seed 003).
    let request = json!({"job_name": "visualization-job", "job_desc": "this is a visualization job",
                         "train_url": "/obs/name/"});
    let sample = json!({"is_success": true, "job_id": "10", "job_name": "visualization-job",
                        "status": "1", "create_time": "1524189990635"});
    let (code, body) = call(&app, Method::POST, "", Some(&request)).await;
    assert_eq!(code, 200, "{body}");
    let mut want = keys(&sample);
    want.insert("service_url".into());
    assert_eq!(keys(&body), want, "{body}");
    assert_eq!(body["is_success"], true);
    assert_eq!(body["job_name"], "visualization-job");
    assert_eq!(long(&body["status"]), 1, "INIT");
    let id = long(&body["job_id"]);
    assert!(id >= 1);
    assert!(
        body["job_id"].is_i64(),
        "sent as a Long, as the table types it"
    );
    let created = long(&body["create_time"]);
    assert!(
        created >= before - 1 && created <= before + 60_000,
        "{created}"
    );
    assert_eq!(body["service_url"], format!("/visualization/{id}"));

    // Detail has the fields of §9.3's table (and is_success).
    let d = detail(&app, id).await;
    let table = [
        "job_name",
        "service_url",
        "resource_id",
        "job_id",
        "job_desc",
        "duration",
        "create_time",
        "train_url",
        "status",
        "is_success",
        "error_code",
        "error_message",
    ];
    assert_eq!(keys(&d), table.iter().map(|s| s.to_string()).collect());
    assert_eq!(d["job_desc"], "this is a visualization job");
    assert_eq!(d["train_url"], "/obs/name/");
    assert_eq!(long(&d["create_time"]), created);
    assert_eq!(d["resource_id"].as_str().unwrap().len(), 32);
    assert!(d["error_code"].is_null(), "null on success");
}

#[tokio::test]
async fn create_accepts_numbers_as_strings_and_schedule_as_object_or_array() {
    let app = spawn_app().await;
    for (i, schedule) in [
        json!([{"type": "stop", "time_unit": "HOURS", "duration": "2"}]),
        json!({"type": "stop", "time_unit": "HOURS", "duration": 3}),
        json!([{"type": "stop", "time_unit": "HOURS", "duration": 0}]),
        json!([]),
    ]
    .into_iter()
    .enumerate()
    {
        let body = json!({"job_name": format!("sched{i}"), "train_url": "obs://bucket/logs/",
                          "job_type": "mindinsight", "flavor": {"code": "modelarts.vm.cpu.2u"},
                          "schedule": schedule});
        let (code, resp) = call(&app, Method::POST, "", Some(&body)).await;
        assert_eq!(code, 200, "{schedule}: {resp}");
    }
    let job = app.engine.visualization_job(PROJECT, "1").await.unwrap();
    assert_eq!(
        (job.schedule_hours, job.job_type.as_str()),
        (Some(2), "MindInsight")
    );
    let job = app.engine.visualization_job(PROJECT, "2").await.unwrap();
    assert_eq!(job.schedule_hours, Some(3));
    let job = app.engine.visualization_job(PROJECT, "3").await.unwrap();
    assert_eq!(job.schedule_hours, None, "0 hours = no auto-stop");
}

#[tokio::test]
async fn every_create_rule_is_modelarts_0104_naming_the_field() {
    let app = spawn_app().await;
    let ok = json!({"job_name": "ok", "train_url": "/bucket/dir/"});
    let with = |field: &str, value: Value| {
        let mut b = ok.clone();
        b[field] = value;
        b
    };
    let cases = [
        (json!({"train_url": "/bucket/dir/"}), "job_name"),
        (with("job_name", json!("")), "job_name"),
        (with("job_name", json!("%%123")), "Illegal name: %%123"),
        (with("job_name", json!("a".repeat(21))), "job_name"),
        (with("job_name", json!("has space")), "job_name"),
        (with("job_desc", json!("d".repeat(257))), "job_desc"),
        (json!({"job_name": "ok"}), "train_url"),
        (with("train_url", json!("")), "train_url"),
        (with("train_url", json!("bucket/dir/")), "train_url"),
        (with("train_url", json!("http://bucket/dir/")), "train_url"),
        (with("train_url", json!("/Bad_Bucket/dir/")), "train_url"),
        (with("train_url", json!("/bucket/../x")), "train_url"),
        (with("job_type", json!("jupyter")), "job_type"),
        (
            with(
                "schedule",
                json!({"type": "start", "time_unit": "HOURS", "duration": 1}),
            ),
            "schedule.type",
        ),
        (
            with(
                "schedule",
                json!({"type": "stop", "time_unit": "DAYS", "duration": 1}),
            ),
            "schedule.time_unit",
        ),
        (
            with(
                "schedule",
                json!({"type": "stop", "time_unit": "HOURS", "duration": 25}),
            ),
            "schedule.duration",
        ),
        (
            with(
                "schedule",
                json!({"type": "stop", "time_unit": "HOURS", "duration": "x"}),
            ),
            "schedule.duration",
        ),
        (
            with(
                "schedule",
                json!([{"type": "stop", "time_unit": "HOURS", "duration": 1},
                                     {"type": "stop", "time_unit": "HOURS", "duration": 2}]),
            ),
            "schedule",
        ),
    ];
    for (body, needle) in cases {
        let (code, resp) = call(&app, Method::POST, "", Some(&body)).await;
        assert_error(code, &resp, 400, "ModelArts.0104");
        assert!(
            resp["error_msg"].as_str().unwrap().contains(needle),
            "{body}: {resp}"
        );
    }
    // Malformed JSON or a wrong type is an invalid argument.
    for raw in ["{", "[1]", r#"{"job_name": 5, "train_url": "/bucket/d/"}"#] {
        let r = app
            .client
            .post(jobs_url(&app, ""))
            .header("X-Auth-Token", &app.token)
            .header("content-type", "application/json")
            .body(raw)
            .send()
            .await
            .unwrap();
        let code = r.status().as_u16();
        let body: Value = r.json().await.unwrap();
        assert_error(code, &body, 400, "ModelArts.0101");
    }
    let (_, list) = call(&app, Method::GET, "", None).await;
    assert_eq!(list["job_total_count"], 0, "nothing was created");
}

#[tokio::test]
async fn a_job_walks_its_lifecycle_and_refused_transitions_are_0105() {
    let app = spawn_app().await;
    let id = create(&app, "life").await;
    let running = wait_status(&app, id, 8).await;
    assert!(long(&running["duration"]) >= 0);

    let (code, body) = call(&app, Method::POST, &format!("/{id}/restart"), None).await;
    assert_error(code, &body, 400, "ModelArts.0105");
    assert_eq!(
        body["error_msg"],
        "This job can't be resubmit. job status: 8"
    );

    let (code, body) = call(&app, Method::POST, &format!("/{id}/stop"), None).await;
    assert_eq!((code, &body), (200, &json!({"is_success": true})));
    // (KILLING's refusals are checked where KILLING is held still: the schedule test.)
    let done = wait_status(&app, id, 10).await;
    let ran = long(&done["duration"]);
    assert!(ran > 0, "{done}");
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        long(&detail(&app, id).await["duration"]),
        ran,
        "frozen once stopped"
    );
    let (code, body) = call(&app, Method::POST, &format!("/{id}/stop"), None).await;
    assert_error(code, &body, 400, "ModelArts.0105");
    assert_eq!(body["error_msg"], "This job can't be stop. job status: 10");

    let (code, body) = call(&app, Method::POST, &format!("/{id}/restart"), None).await;
    assert_eq!((code, &body), (200, &json!({"is_success": true})));
    let again = detail(&app, id).await;
    assert!(matches!(long(&again["status"]), 1 | 7 | 8), "{again}");
    // INIT and WAITING refuse stop and restart.
    let early = create(&app, "early").await;
    for action in ["stop", "restart"] {
        let (code, body) = call(&app, Method::POST, &format!("/{early}/{action}"), None).await;
        assert_error(code, &body, 400, "ModelArts.0105");
        let status = long(&detail(&app, early).await["status"]);
        let msg = body["error_msg"].as_str().unwrap();
        assert!(msg.starts_with("This job can't be "), "{msg}");
        assert!(matches!(status, 1 | 7 | 8), "{status}");
    }
    wait_status(&app, id, 8).await;

    // Update the description in any state; delete a RUNNING job.
    let (code, body) = call(
        &app,
        Method::PUT,
        &format!("/{id}"),
        Some(&json!({"job_desc": "new words"})),
    )
    .await;
    assert_eq!((code, &body), (200, &json!({"is_success": true})));
    assert_eq!(detail(&app, id).await["job_desc"], "new words");
    let (code, body) = call(&app, Method::DELETE, &format!("/{id}"), None).await;
    assert_eq!((code, &body), (200, &json!({"is_success": true})));
    let (code, body) = call(&app, Method::GET, &format!("/{id}"), None).await;
    assert_error(code, &body, 404, "ModelArts.0107");
}

#[tokio::test]
async fn update_rules() {
    let app = spawn_app().await;
    let id = create(&app, "upd").await;
    for (body, needle) in [
        (json!({}), "job_desc is required"),
        (json!({"job_desc": "x".repeat(257)}), "[0,256]"),
    ] {
        let (code, resp) = call(&app, Method::PUT, &format!("/{id}"), Some(&body)).await;
        assert_error(code, &resp, 400, "ModelArts.0104");
        assert!(
            resp["error_msg"].as_str().unwrap().contains(needle),
            "{resp}"
        );
    }
    let (code, _) = call(
        &app,
        Method::PUT,
        &format!("/{id}"),
        Some(&json!({"job_desc": ""})),
    )
    .await;
    assert_eq!(code, 200, "an empty description is allowed");
}

#[tokio::test]
async fn unknown_jobs_are_404_modelarts_0107_on_every_route() {
    let app = spawn_app().await;
    for id in ["999", "abc", "0", "-1"] {
        for (method, rest, body) in [
            (Method::GET, format!("/{id}"), None),
            (
                Method::PUT,
                format!("/{id}"),
                Some(json!({"job_desc": "x"})),
            ),
            (Method::DELETE, format!("/{id}"), None),
            (Method::POST, format!("/{id}/stop"), None),
            (Method::POST, format!("/{id}/restart"), None),
        ] {
            let (code, resp) = call(&app, method.clone(), &rest, body.as_ref()).await;
            assert_error(code, &resp, 404, "ModelArts.0107");
            assert!(
                resp["error_msg"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("[{id}]")),
                "{method} {rest}: {resp}"
            );
        }
    }
}

#[tokio::test]
async fn the_list_pages_sorts_searches_and_filters() {
    let app = spawn_app().await;
    let names = ["delta", "Alpha", "charlie", "bravo", "alphabet"];
    let mut ids = Vec::new();
    for n in names {
        ids.push(create(&app, n).await);
    }
    for id in &ids {
        wait_status(&app, *id, 8).await;
    }
    call(&app, Method::POST, &format!("/{}/stop", ids[0]), None).await;
    wait_status(&app, ids[0], 10).await;

    let (code, body) = call(&app, Method::GET, "", None).await;
    assert_eq!(code, 200, "{body}");
    let mut want = BTreeSet::new();
    for k in [
        "is_success",
        "job_total_count",
        "job_count_limit",
        "quotas",
        "jobs",
        "error_code",
        "error_message",
    ] {
        want.insert(k.to_owned());
    }
    assert_eq!(keys(&body), want);
    assert_eq!(
        (
            &body["job_total_count"],
            &body["job_count_limit"],
            &body["quotas"]
        ),
        (&json!(5), &json!(95), &json!(100))
    );
    let item_keys: BTreeSet<String> = [
        "job_id",
        "job_name",
        "status",
        "create_time",
        "duration",
        "job_desc",
        "service_url",
        "train_url",
        "resource_id",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(keys(&body["jobs"][0]), item_keys);
    let listed: Vec<i64> = body["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| long(&j["job_id"]))
        .collect();
    assert_eq!(listed, ids, "default: job_id asc");

    let names_of = |v: &Value| -> Vec<String> {
        v["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["job_name"].as_str().unwrap().to_owned())
            .collect()
    };
    let cases: [(&str, Vec<&str>, u64); 9] = [
        (
            "?sortBy=job_name",
            vec!["Alpha", "alphabet", "bravo", "charlie", "delta"],
            5,
        ),
        (
            "?sort_by=job_name&order=desc",
            vec!["delta", "charlie", "bravo", "alphabet", "Alpha"],
            5,
        ),
        (
            "?sortBy=job_id&order=desc&per_page=2",
            vec!["alphabet", "bravo"],
            5,
        ),
        ("?per_page=2&page=2", vec!["charlie", "bravo"], 5),
        ("?per_page=2&page=3", vec!["alphabet"], 5),
        ("?per_page=2&page=4", vec![], 5),
        ("?search_content=ALPHA", vec!["Alpha", "alphabet"], 2),
        ("?status=10", vec!["delta"], 1),
        (
            "?status=8&sortBy=create_time&order=desc&per_page=1",
            vec!["alphabet"],
            4,
        ),
    ];
    for (q, want, total) in cases {
        let (code, body) = call(&app, Method::GET, q, None).await;
        assert_eq!(code, 200, "{q}: {body}");
        assert_eq!(names_of(&body), want, "{q}");
        assert_eq!(body["job_total_count"], total, "{q}");
    }
    let (_, by_status) = call(
        &app,
        Method::GET,
        "?sortBy=status&order=desc&per_page=1",
        None,
    )
    .await;
    assert_eq!(names_of(&by_status), ["delta"], "10 sorts after 8");
    let (_, by_duration) = call(&app, Method::GET, "?sortBy=duration", None).await;
    let durations: Vec<i64> = by_duration["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| long(&j["duration"]))
        .collect();
    assert!(durations.windows(2).all(|w| w[0] <= w[1]), "{durations:?}");
    let (_, none) = call(&app, Method::GET, "?search_content=%25", None).await;
    assert_eq!(none["job_total_count"], 0, "% is a plain character");
}

#[tokio::test]
async fn list_parameters_are_validated() {
    let app = spawn_app().await;
    for (q, code_want, needle) in [
        (
            "?per_page=0",
            "ModelArts.0104",
            "per_page should be in [1,1000]",
        ),
        ("?per_page=1001", "ModelArts.0104", "per_page"),
        ("?page=0", "ModelArts.0104", "page"),
        ("?sortBy=owner", "ModelArts.0104", "sortBy"),
        ("?order=sideways", "ModelArts.0104", "order"),
        ("?status=running", "ModelArts.0104", "status"),
        ("?workspace_id=5", "ModelArts.0102", "workspace"),
    ] {
        let (code, body) = call(&app, Method::GET, q, None).await;
        assert_error(code, &body, 400, code_want);
        assert!(
            body["error_msg"].as_str().unwrap().contains(needle),
            "{q}: {body}"
        );
    }
    let long_search = format!("?search_content={}", "x".repeat(101));
    let (code, body) = call(&app, Method::GET, &long_search, None).await;
    assert_error(code, &body, 400, "ModelArts.0104");
    assert_eq!(
        body["error_msg"],
        "The length of search content should be in [0,100]"
    );
    for ok in [
        "?per_page=1000".to_owned(),
        format!("?search_content={}", "x".repeat(100)),
        "?workspace_id=0".to_owned(),
    ] {
        let (code, body) = call(&app, Method::GET, &ok, None).await;
        assert_eq!(code, 200, "{ok}: {body}");
    }
}

#[tokio::test]
async fn the_schedule_stops_a_running_job_after_its_hours() {
    let app = spawn_app().await;
    let body = json!({"job_name": "timed", "train_url": train_dir(&app),
                      "schedule": [{"type": "stop", "time_unit": "HOURS", "duration": "1"}]});
    let (code, resp) = call(&app, Method::POST, "", Some(&body)).await;
    assert_eq!(code, 200, "{resp}");
    let id = long(&resp["job_id"]);
    wait_status(&app, id, 8).await;
    // Play the hour out through the engine's tick instead of waiting for it.
    let start = app
        .engine
        .visualization_job(PROJECT, &id.to_string())
        .await
        .unwrap()
        .started_at
        .unwrap();
    let hour_later = start + time::Duration::hours(1);
    assert_eq!(
        app.engine
            .visualization_tick(hour_later - time::Duration::SECOND)
            .await
            .unwrap(),
        0
    );
    assert_eq!(app.engine.visualization_tick(hour_later).await.unwrap(), 1);
    // KILLING entered at a future tick stays put until then: every action is checked on it.
    assert_eq!(detail(&app, id).await["status"], 9);
    for (method, rest, msg) in [
        (
            Method::DELETE,
            format!("/{id}"),
            "This job can't be delete. job status: 9",
        ),
        (
            Method::POST,
            format!("/{id}/restart"),
            "This job can't be resubmit. job status: 9",
        ),
        (
            Method::POST,
            format!("/{id}/stop"),
            "This job can't be stop. job status: 9",
        ),
    ] {
        let (code, body) = call(&app, method, &rest, None).await;
        assert_error(code, &body, 400, "ModelArts.0105");
        assert_eq!(body["error_msg"], msg);
    }
    let (code, _) = call(
        &app,
        Method::PUT,
        &format!("/{id}"),
        Some(&json!({"job_desc": "k"})),
    )
    .await;
    assert_eq!(code, 200, "the description can change in any state");
    assert_eq!(detail(&app, id).await["status"], 9);
    app.engine
        .visualization_tick(hour_later + time::Duration::SECOND)
        .await
        .unwrap();
    let done = detail(&app, id).await;
    assert_eq!(done["status"], 10, "{done}");
    assert_eq!(done["duration"], 3_600_000);
}

#[tokio::test]
async fn credentials_use_the_modelarts_envelope_and_projects_are_sealed() {
    let app = spawn_app().await;
    let id = create(&app, "mine").await;
    // No or a bad credential: 401.
    for token in [None, Some("gjt_nope")] {
        let (code, body) = send(&app, Method::GET, &jobs_url(&app, ""), None, token).await;
        assert_error(code, &body, 401, "ModelArts.0108");
    }
    // Another project's token on this project's paths: 403, the same whether the job exists.
    let other = app.engine.create_token("other").await.unwrap();
    let mut bodies = Vec::new();
    for (method, rest) in [
        (Method::GET, format!("/{id}")),
        (Method::GET, "/424242".to_owned()),
        (Method::GET, String::new()),
        (Method::POST, format!("/{id}/stop")),
        (Method::DELETE, format!("/{id}")),
    ] {
        let (code, body) = send(
            &app,
            method,
            &jobs_url(&app, &rest),
            Some(&json!({})),
            Some(&other),
        )
        .await;
        assert_error(code, &body, 403, "ModelArts.0108");
        bodies.push(body);
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "nothing leaks");
    // On its own project the other token sees nothing of ours, not even by id.
    let own = |rest: &str| app.url(&format!("/v1/other/visualization-jobs{rest}"));
    let (code, body) = send(&app, Method::GET, &own(""), None, Some(&other)).await;
    assert_eq!((code, &body["job_total_count"]), (200, &json!(0)), "{body}");
    let (code, body) = send(
        &app,
        Method::GET,
        &own(&format!("/{id}")),
        None,
        Some(&other),
    )
    .await;
    assert_error(code, &body, 404, "ModelArts.0107");
    let (code, _) = send(
        &app,
        Method::POST,
        &own(&format!("/{id}/stop")),
        None,
        Some(&other),
    )
    .await;
    assert_eq!(code, 404);
    assert_eq!(detail(&app, id).await["job_name"], "mine", "untouched");
}
