//! Algorithm jobs through the service plane: submit, status with paged outputs, list, cancel.

use serde_json::{Value, json};

use crate::helpers::spawn_app;

#[tokio::test]
async fn pagerank_runs_and_its_result_pages_through_data_outputs() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (code, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "pagerank", "parameters": {"alpha": 0.85, "convergence": null}}),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["errorCode"], "");
    let id = body["jobId"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 45, "GES ids are a UUID plus 9 digits: {id}");

    let done = app.wait_status("tiny", &id, "?offset=1&limit=2").await;
    assert_eq!(done["status"], "success", "{done}");
    let out = &done["data"]["outputs"];
    assert_eq!(out["data_total_size"], 4);
    assert_eq!(out["data_offset"], 1);
    assert_eq!(out["data_return_size"], 2);
    let rows = out["results"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0]["id"].is_string() && rows[0]["pagerank"].is_number(),
        "{rows:?}"
    );
    assert!(out["runtime"].as_f64().unwrap() >= 0.0);

    // The whole result: d has no in-edges, so it ranks lowest; ranks sum to 1.
    let all = app.wait_status("tiny", &id, "").await;
    let rows = all["data"]["outputs"]["results"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(rows.len(), 4);
    let sum: f64 = rows.iter().map(|r| r["pagerank"].as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-6, "sum {sum}");
    let rank = |v: &str| {
        rows.iter().find(|r| r["id"] == v).unwrap()["pagerank"]
            .as_f64()
            .unwrap()
    };
    assert!(rank("d") < rank("a") && rank("d") < rank("b"));
}

#[tokio::test]
async fn the_job_list_has_the_memory_edition_item_shape() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (_, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "connected_component", "parameters": {}}),
        )
        .await;
    let id = body["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_status("tiny", &id, "").await;
    assert_eq!(done["data"]["outputs"]["Max_WCC_size"], 4, "{done}");

    let (code, list) = app
        .get(&app.graph_url("tiny", "/jobs/status?limit=10&offset=0"))
        .await;
    assert_eq!(code, 200, "{list}");
    assert_eq!(list["result"], "success");
    assert_eq!(list["jobCount"], 2);
    assert_eq!(list["totalCount"], 2);
    let jobs = list["jobs"].as_array().unwrap();
    let algo = &jobs[0];
    assert_eq!(algo["jobId"], id.as_str());
    assert_eq!(algo["status"], "success");
    assert_eq!(algo["taskType"], "Algorithm");
    assert_eq!(algo["canStop"], false);
    assert_eq!(algo["progress"], 100);
    let start = algo["startTime"].as_str().unwrap();
    assert_eq!(start.len(), 19, "yyyy-MM-dd HH:mm:ss: {start}");
    let raw: serde_json::Value =
        serde_json::from_str(algo["rawRequest"].as_str().unwrap()).unwrap();
    assert_eq!(raw["algorithmName"], "connected_component");
    let import = &jobs[1];
    assert_eq!(import["taskType"], "ImportGraph");
    assert_eq!(import["request"]["command"], "import_graph");
    // The import was sent with secretKey "SK": no value of the stored request is that secret
    // (a substring test would also match the random temp dir in its paths).
    let raw: serde_json::Value =
        serde_json::from_str(import["rawRequest"].as_str().unwrap()).unwrap();
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
            serde_json::Value::Object(m) => m.values().for_each(|i| strings(i, out)),
            _ => {}
        }
    }
    let mut values = Vec::new();
    strings(&raw, &mut values);
    assert!(
        !values.iter().any(|v| v == "SK"),
        "secrets are redacted: {raw}"
    );
    assert!(
        values.iter().any(|v| v.ends_with("v.csv")),
        "the request is there: {raw}"
    );
}

#[tokio::test]
async fn sync_shortest_path_answers_with_the_path() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (code, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "shortest_path", "executionMode": "sync",
                    "parameters": {"source": "d", "target": "c", "directed": true}}),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let out = &body["data"]["outputs"];
    assert_eq!(out["path"], json!(["d", "a", "b", "c"]));
    assert_eq!(out["source"], "d");
    assert_eq!(out["target"], "c");
}

#[tokio::test]
async fn k_hop_lists_the_neighbours_within_k() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (_, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "k_hop", "parameters": {"source": "d", "k": 2}}),
        )
        .await;
    let id = body["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_status("tiny", &id, "").await;
    let out = &done["data"]["outputs"];
    assert_eq!(out["k_hop_neighbors"], 2, "{done}");
    let mut v: Vec<String> = serde_json::from_value(out["vertices"].clone()).unwrap();
    v.sort();
    assert_eq!(v, ["a", "b"]);
}

#[tokio::test]
async fn a_failed_algorithm_reports_the_ges_fail_reason() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (_, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "shortest_path", "parameters": {"source": "nobody", "target": "a"}}),
        )
        .await;
    let id = body["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_status("tiny", &id, "").await;
    assert_eq!(done["status"], "failed");
    let reason = "Running algorithm [shortest_path] error: parameter [source] is invalid!";
    assert_eq!(done["failReason"], reason);
    // REFERENCE §2.1: errorCode/errorMessage show the error when the execution fails.
    assert_eq!(done["errorCode"], "GES.8301", "{done}");
    assert_eq!(done["errorMessage"], reason);
    assert!(
        done.get("result").is_none(),
        "GES jobs have no result: {done}"
    );
}

#[tokio::test]
async fn cancelling_a_finished_or_unknown_job_is_ges_8303() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (_, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "pagerank", "parameters": {}}),
        )
        .await;
    let id = body["jobId"].as_str().unwrap().to_owned();
    app.wait_status("tiny", &id, "").await;
    for job in [id.as_str(), "no-such-job"] {
        let (code, body) = app
            .delete(&app.graph_url("tiny", &format!("/jobs/{job}")))
            .await;
        assert_eq!(code, 400);
        assert_eq!(body["errorCode"], "GES.8303");
        assert_eq!(
            body["errorMessage"],
            format!("Can not find job to cancel, jobId is {job}")
        );
    }
}

#[tokio::test]
async fn a_result_is_marked_stale_once_the_graph_changes() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (_, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "pagerank", "parameters": {}}),
        )
        .await;
    let id = body["jobId"].as_str().unwrap().to_owned();
    let fresh = app.wait_status("tiny", &id, "").await;
    assert_eq!(
        (fresh["graphVersion"].as_i64(), fresh["stale"].as_bool()),
        (Some(1), Some(false)),
        "{fresh}"
    );
    app.import_with("tiny", "a,d,knows,2\n").await; // incremental import: version 2
    let (_, later) = app
        .get(&app.graph_url("tiny", &format!("/jobs/{id}/status")))
        .await;
    assert_eq!(
        (later["graphVersion"].as_i64(), later["stale"].as_bool()),
        (Some(1), Some(true)),
        "{later}"
    );
    assert_eq!(
        later["data"]["outputs"]["data_total_size"], 4,
        "the old result stays readable"
    );
}

#[tokio::test]
async fn a_job_stays_visible_after_its_graph_is_deleted() {
    let app = spawn_app().await;
    let import = app.import_tiny("gone").await;
    let (code, del) = app
        .delete(&app.url(&format!("/v2/{}/graphs/gone", crate::helpers::PROJECT)))
        .await;
    assert_eq!(code, 200, "{del}");
    app.wait_engine_job(del["job_id"].as_str().unwrap()).await;
    let (code, body) = app
        .get(&app.graph_url("gone", &format!("/jobs/{import}/status")))
        .await;
    assert_eq!(
        (code, body["status"].as_str()),
        (200, Some("success")),
        "{body}"
    );
    // An unknown job of an unknown graph is still "graph not found".
    let (code, body) = app.get(&app.graph_url("gone", "/jobs/nojob/status")).await;
    assert_eq!((code, body["errorCode"].as_str()), (400, Some("GES.8402")));
}

#[tokio::test]
async fn filters_at_the_top_of_the_body_restrict_a_filtered_path_and_are_refused_elsewhere() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let url = app.graph_url("tiny", "/action?action_id=execute-algorithm");
    // Directed a → c goes through b (a→b→c); keeping b out leaves no path.
    let without_b = json!({"property_filter": {"leftvalue": {"id": ""}, "predicate": "hasNot",
                                               "rightvalue": {"value": ["b"]}}});
    let path = |body: Value| {
        let out = body["data"]["outputs"]["path"].clone();
        assert!(out.is_array(), "{body}");
        out
    };
    let run = |filter: Option<Value>| {
        let mut body = json!({"algorithmName": "filtered_shortest_path", "executionMode": "sync",
                              "parameters": {"source": "a", "target": "c", "directed": true}});
        if let Some(f) = filter {
            body["vertex_filter"] = f;
        }
        body
    };
    let (code, body) = app.post(&url, &run(None)).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(path(body), json!(["a", "b", "c"]));
    let (code, body) = app.post(&url, &run(Some(without_b.clone()))).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(path(body), json!([]));

    // An algorithm that takes no filter refuses one by name instead of ignoring it.
    let (code, body) = app
        .post(
            &url,
            &json!({"algorithmName": "shortest_path", "vertex_filter": without_b,
                    "parameters": {"source": "a", "target": "c"}}),
        )
        .await;
    assert_eq!(code, 400, "{body}");
    assert_eq!(body["errorCode"], "GES.8000");
    assert!(
        body["errorMessage"]
            .as_str()
            .unwrap()
            .contains("vertex_filter"),
        "{body}"
    );
}

#[tokio::test]
async fn issue_20_algorithms_run_through_the_service_plane() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let url = app.graph_url("tiny", "/action?action_id=execute-algorithm");
    // realtime_recommendation may run sync (§3.1): from d the walk reaches a, b and c.
    let (code, body) = app
        .post(
            &url,
            &json!({"algorithmName": "realtime_recommendation", "executionMode": "sync",
                    "parameters": {"sources": "d"}}),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let out = &body["data"]["outputs"];
    assert_eq!(out["sources"], json!(["d"]), "{body}");
    let mut ids: Vec<&str> = out["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["a", "b", "c"]);
    // pixie is async only.
    let (code, body) = app
        .post(
            &url,
            &json!({"algorithmName": "pixie", "executionMode": "sync",
                    "parameters": {"sources": "d"}}),
        )
        .await;
    assert_eq!((code, body["errorCode"].as_str()), (400, Some("GES.8000")));
    // filtered_circle_detection reads the top-level filters: three hops from a close a→b→c→a.
    let (code, body) = app
        .post(
            &url,
            &json!({"algorithmName": "filtered_circle_detection",
                    "parameters": {"sources": "a", "output_format": "vertexId"},
                    "filters": [{}, {"operator": "out", "times": 3}]}),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let id = body["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_status("tiny", &id, "").await;
    assert_eq!(done["status"], "success", "{done}");
    assert_eq!(done["data"]["outputs"]["circles"], json!([["a", "b", "c"]]));
    assert_eq!(done["data"]["outputs"]["n"], 100);
    // Without its filters it is refused at submit.
    let (code, body) = app
        .post(
            &url,
            &json!({"algorithmName": "filtered_circle_detection", "parameters": {}}),
        )
        .await;
    assert_eq!((code, body["errorCode"].as_str()), (400, Some("GES.8000")));
    assert!(
        body["errorMessage"].as_str().unwrap().contains("[filters]"),
        "{body}"
    );
}
