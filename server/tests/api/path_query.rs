//! Filtered Query V2 (`…/action?action_id=path-query`, REFERENCE §4.3) over the tiny graph:
//! a→b, b→c, c→a (w 1) and d→a (w 5).

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

async fn ask(app: &TestApp, body: Value) -> (u16, Value) {
    app.post(
        &app.graph_url("tiny", "/action?action_id=path-query"),
        &body,
    )
    .await
}

fn ids(rows: &Value) -> Vec<&str> {
    rows.as_array()
        .unwrap_or_else(|| panic!("no rows in {rows}"))
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect()
}

fn out() -> Value {
    json!({"operator": "outV"})
}

#[tokio::test]
async fn a_sync_query_answers_with_the_vertices_where_the_walk_ended() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    // Sync and two hops are the defaults: d → a → b.
    let (code, body) = ask(&app, json!({"vertices": ["d"], "repeat": [out()]})).await;
    assert_eq!(code, 200, "{body}");
    let outputs = &body["data"]["outputs"];
    assert_eq!(ids(&outputs["vertices"]), ["b"]);
    assert_eq!(outputs["vertices"][0]["properties"]["Name"], json!(["Bob"]));
    assert_eq!(
        (
            outputs["data_total_size"].clone(),
            outputs["matched"].clone()
        ),
        (json!(1), json!(1))
    );
    // The GES sync sample has the rows directly under data as well.
    assert_eq!(ids(&body["data"]["vertices"]), ["b"]);

    // Only d → a weighs 5: one heavy hop reaches a, a second finds no heavy edge out of a.
    let heavy = json!({"operator": "outV", "edge_filter": {"property_filter": {
        "leftvalue": {"property_name": "w"}, "predicate": ">=", "rightvalue": {"value": 5}}}});
    let (_, body) = ask(
        &app,
        json!({"vertices": ["d"], "repeat": [heavy], "times": 1}),
    )
    .await;
    assert_eq!(ids(&body["data"]["outputs"]["vertices"]), ["a"]);
    let (code, body) = ask(
        &app,
        json!({"vertices": ["d"], "repeat": [heavy], "times": 2}),
    )
    .await;
    assert_eq!(code, 200, "{body}");
    assert!(
        ids(&body["data"]["outputs"]["vertices"]).is_empty(),
        "{body}"
    );

    // Until c: d → a → b → c stops at hop 3 of at most 5.
    let at_c = json!([{"vertex_filter": {"property_filter": {
        "leftvalue": {"id": ""}, "predicate": "=", "rightvalue": {"value": "c"}}}}]);
    let (_, body) = ask(
        &app,
        json!({"vertices": ["d"], "repeat": [out()], "times": 5, "until": at_c}),
    )
    .await;
    assert_eq!(ids(&body["data"]["outputs"]["vertices"]), ["c"]);
    // emit: every vertex of hops 1 to 3.
    let (_, body) = ask(
        &app,
        json!({"vertices": ["d"], "repeat": [out()], "times": 3, "emit": true}),
    )
    .await;
    assert_eq!(ids(&body["data"]["outputs"]["vertices"]), ["a", "b", "c"]);
}

#[tokio::test]
async fn an_async_query_pages_its_rows_through_job_status() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (code, body) = ask(
        &app,
        json!({"executionMode": "async", "vertices": ["d"], "repeat": [out()], "times": 4,
               "emit": true}),
    )
    .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["jobType"], 1);
    assert!(body.get("data").is_none(), "{body}");
    let id = body["jobId"].as_str().unwrap().to_owned();
    // Hops reach a, b, c, then a again: three vertices, read two at a time.
    let first = app.wait_status("tiny", &id, "?offset=0&limit=2").await;
    assert_eq!(first["status"], "success", "{first}");
    let outputs = &first["data"]["outputs"];
    assert_eq!(ids(&outputs["vertices"]), ["a", "b"]);
    assert_eq!(
        (
            outputs["data_return_size"].clone(),
            outputs["data_total_size"].clone()
        ),
        (json!(2), json!(3))
    );
    let rest = app.wait_status("tiny", &id, "?offset=2&limit=2").await;
    assert_eq!(ids(&rest["data"]["outputs"]["vertices"]), ["c"]);
    let job = app.wait_engine_job(&id).await;
    assert_eq!(job.job_type, engine::JobType::PathQuery);
    assert_eq!(job.progress, Some(100));

    // A start vertex that does not exist fails the job, which says why.
    let (code, body) = ask(
        &app,
        json!({"executionMode": "async", "vertices": ["zz"], "repeat": [out()]}),
    )
    .await;
    assert_eq!(code, 200, "{body}");
    let id = body["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_status("tiny", &id, "").await;
    assert_eq!(done["status"], "failed", "{done}");
    assert!(
        done.to_string().contains("vertex [zz] does not exist"),
        "{done}"
    );
}

#[tokio::test]
async fn bad_path_queries_are_refused_in_the_ges_envelope() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let ok = |key: &str, value: Value| {
        let mut body = json!({"vertices": ["d"], "repeat": [out()]});
        body[key] = value;
        body
    };
    for (body, names) in [
        (json!({"repeat": [out()]}), "[vertices]"),
        (ok("repeat", json!([])), "[repeat]"),
        (
            ok("repeat", json!([{"operator": "sideways"}])),
            "[repeat[0].operator]",
        ),
        (ok("times", json!(21)), "[times]"),
        (ok("times", json!(0)), "[times]"),
        (ok("limit", json!(0)), "[limit]"),
        (ok("limit", json!(-3)), "[limit]"),
        (ok("queryType", json!("Tree")), "[queryType]"),
        (ok("select", json!(["v0"])), "[select]"),
        (ok("until", json!([{"vertex_filter": null}, {}])), "[until]"),
        (ok("executionMode", json!("later")), "executionMode"),
        // Found only when the query runs: a sync call answers with the job's reason.
        (ok("vertices", json!(["zz"])), "vertex [zz] does not exist"),
    ] {
        let (code, resp) = ask(&app, body).await;
        assert_eq!(code, 400, "{resp}");
        assert_eq!(resp["errorCode"], "GES.8000", "{resp}");
        let message = resp["errorMessage"].as_str().unwrap();
        assert!(message.contains(names), "{message} should name {names}");
    }
    // A graph that does not exist is refused before any job is made.
    let (code, resp) = app
        .post(
            &app.graph_url("nosuch", "/action?action_id=path-query"),
            &json!({"vertices": ["d"], "repeat": [out()]}),
        )
        .await;
    assert_eq!(code, 400, "{resp}");
    assert!(
        resp["errorCode"].as_str().unwrap().starts_with("GES."),
        "{resp}"
    );
}
