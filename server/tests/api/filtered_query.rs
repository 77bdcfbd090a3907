//! The k-hop filtered query (`…/action?action_id=filtered-query`, REFERENCE §4.3) over the tiny
//! graph: a→b, b→c, c→a (w 1) and d→a (w 5).

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

fn hops(first_edge_filter: Option<Value>) -> Value {
    json!([{"operator": "out", "edge_filter": first_edge_filter}, {"operator": "out"}])
}

async fn ask(app: &TestApp, body: Value) -> (u16, Value) {
    app.post(
        &app.graph_url("tiny", "/action?action_id=filtered-query"),
        &body,
    )
    .await
}

fn ids(outputs: &Value) -> Vec<&str> {
    outputs["vertices"]
        .as_array()
        .unwrap_or_else(|| panic!("no vertices in {outputs}"))
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_sync_query_answers_with_the_rows_and_an_async_one_with_a_job() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    // Sync is the default: d → a → b.
    let (code, body) = ask(&app, json!({"vertices": ["d"], "filters": hops(None)})).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(ids(&body["data"]["outputs"]), ["b"]);
    // An edge filter on the first hop: only d→a weighs 5; on the second, a→b weighs 1.
    let heavy = json!({"property_filter": {"leftvalue": {"property_name": "w"},
                                           "predicate": ">=", "rightvalue": {"value": 5}}});
    let body = json!({"vertices": ["d"], "query_type": "AllVertices",
                      "filters": [{"operator": "out", "edge_filter": heavy},
                                  {"operator": "out", "edge_filter": heavy}]});
    let (code, body) = ask(&app, body).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(ids(&body["data"]["outputs"]), ["a", "d"]);

    let (code, body) = ask(
        &app,
        json!({"executionMode": "async", "vertices": ["d"], "filters": hops(None),
               "query_type": "Path"}),
    )
    .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["jobType"], 1);
    let id = body["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_status("tiny", &id, "").await;
    assert_eq!(done["status"], "success", "{done}");
    assert_eq!(done["data"]["outputs"]["paths"], json!([["d", "a", "b"]]));
    let job = app.wait_engine_job(&id).await;
    assert_eq!(job.job_type, engine::JobType::FilteredQuery);
}

#[tokio::test]
async fn bad_queries_are_refused_in_the_ges_envelope() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    for (body, names) in [
        (json!({"filters": hops(None)}), "[vertices]"),
        (
            json!({"vertices": ["d"], "filters": [{"operator": "outV"}]}),
            "filters[0].operator",
        ),
        (
            json!({"vertices": ["d"], "filters": hops(None), "executionMode": "later"}),
            "executionMode",
        ),
        // Found only when the query runs: a sync call answers with the job's reason.
        (
            json!({"vertices": ["zz"], "filters": hops(None)}),
            "vertex [zz] does not exist",
        ),
    ] {
        let (code, resp) = ask(&app, body).await;
        assert_eq!(code, 400, "{resp}");
        assert_eq!(resp["errorCode"], "GES.8000", "{resp}");
        let message = resp["errorMessage"].as_str().unwrap();
        assert!(message.contains(names), "{message} should name {names}");
    }
}
