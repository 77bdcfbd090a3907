//! HyG's algorithm names over HTTP (REFERENCE §13): `all_pairs_shortest_paths` runs (the
//! unfiltered `filtered_all_pairs_shortest_paths`), the names §13 documents no parameters for
//! are refused with that reason, filters in the body are refused by name, closeness takes one
//! id in `sources`, sssp `directed=false` runs on weights, and `data_id` is ignored.

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app};

/// A synced HyG view of the tiny graph (a→b→c→a, d→a weighing 5).
async fn synced(app: &TestApp) {
    app.import_tiny("tiny").await;
    let hyg = app.url(&format!("/ges/v1.0/{PROJECT}/hyg/tiny"));
    let (status, body) = app.post(&hyg, &json!({})).await;
    assert_eq!(status, 200, "{body}");
    let (status, sync) = app.post(&format!("{hyg}/sync"), &json!({})).await;
    assert_eq!(status, 200, "{sync}");
    let done = app
        .wait_status("tiny", sync["jobId"].as_str().unwrap(), "")
        .await;
    assert_eq!(done["status"], "complete", "{done}");
}

/// Runs a HyG algorithm to its end; its `data.outputs`.
async fn hyg_run(app: &TestApp, body: Value) -> Value {
    let url = app.url(&format!("/ges/v1.0/{PROJECT}/hyg/tiny/algorithm"));
    let (status, job) = app.post(&url, &body).await;
    assert_eq!(status, 200, "{body}: {job}");
    let done = app
        .wait_status("tiny", job["jobId"].as_str().unwrap(), "")
        .await;
    assert_eq!(
        (&done["status"], &done["result"]),
        (&json!("complete"), &json!("success")),
        "{done}"
    );
    done["data"]["outputs"].clone()
}

/// Runs execute-algorithm to its end; its `data.outputs`.
async fn memory_run(app: &TestApp, name: &str, parameters: Value) -> Value {
    let url = app.graph_url("tiny", "/action?action_id=execute-algorithm");
    let (status, job) = app
        .post(
            &url,
            &json!({"algorithmName": name, "parameters": parameters}),
        )
        .await;
    assert_eq!(status, 200, "{job}");
    let done = app
        .wait_status("tiny", job["jobId"].as_str().unwrap(), "")
        .await;
    done["data"]["outputs"].clone()
}

async fn refused(app: &TestApp, body: Value) -> String {
    let url = app.url(&format!("/ges/v1.0/{PROJECT}/hyg/tiny/algorithm"));
    let (status, err) = app.post(&url, &body).await;
    assert_eq!(
        (status, &err["errorCode"]),
        (400, &json!("GES.8000")),
        "{body}: {err}"
    );
    err["errorMessage"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn all_pairs_shortest_paths_runs_as_the_unfiltered_memory_edition_kernel() {
    let app = spawn_app().await;
    synced(&app).await;
    let params = json!({"sources": "a,d", "targets": "c"});
    let hyg = hyg_run(
        &app,
        json!({"algorithmName": "all_pairs_shortest_paths", "parameters": params}),
    )
    .await;
    // Undirected (the default): a–c is one hop (c→a), d reaches c through a.
    assert_eq!(
        hyg["batch_paths"],
        json!([
            {"paths": [["a", "c"]], "source": "a", "target": "c"},
            {"paths": [["d", "a", "c"]], "source": "d", "target": "c"},
        ]),
        "{hyg}"
    );
    assert_eq!(hyg["paths_number"], 2);
    let memory = memory_run(&app, "filtered_all_pairs_shortest_paths", params).await;
    assert_eq!(hyg["batch_paths"], memory["batch_paths"]);

    // It takes no filters, in parameters or beside them.
    let msg = refused(
        &app,
        json!({"algorithmName": "all_pairs_shortest_paths",
               "parameters": {"sources": "a", "targets": "c", "edge_filter": {}}}),
    )
    .await;
    assert!(
        msg.contains("[edge_filter]") && msg.contains("no filters"),
        "{msg}"
    );
}

#[tokio::test]
async fn undocumented_names_and_filters_are_refused_with_the_reason() {
    let app = spawn_app().await;
    synced(&app).await;
    for name in ["bigclam", "cesna", "infomap", "subgraph_matching", "mccis"] {
        let msg = refused(&app, json!({"algorithmName": name})).await;
        assert!(
            msg.contains(&format!("[{name}] is not supported by graphjobs"))
                && msg.contains("lists only its name"),
            "{msg}"
        );
    }
    for key in ["vertex_filter", "edge_filter", "filters"] {
        let mut body = json!({"algorithmName": "pagerank"});
        body[key] = json!({"property_filter": {}});
        let msg = refused(&app, body).await;
        assert!(msg.contains(&format!("[{key}]")), "{msg}");
    }
}

#[tokio::test]
async fn closeness_sources_sssp_undirected_weights_and_data_id() {
    let app = spawn_app().await;
    synced(&app).await;
    // One id in sources is the memory edition's source.
    let hyg = hyg_run(
        &app,
        json!({"algorithmName": "closeness", "parameters": {"sources": "a"}}),
    )
    .await;
    let memory = memory_run(&app, "closeness", json!({"source": "a"})).await;
    assert_eq!(
        (&hyg["closeness"], &hyg["source"]),
        (&memory["closeness"], &json!("a"))
    );
    let msg = refused(
        &app,
        json!({"algorithmName": "closeness", "parameters": {"sources": "a,b"}}),
    )
    .await;
    assert!(
        msg.contains("[sources]") && msg.contains("one vertex per closeness job"),
        "{msg}"
    );

    // HyG documents directed=false as unsupported on weighted graphs; graphjobs runs it,
    // following edges both ways with their weights: d–a weighs 5, the rest 1.
    let sssp = hyg_run(
        &app,
        json!({"algorithmName": "sssp",
               "parameters": {"source": "d", "directed": false, "weight": "w"}}),
    )
    .await;
    let mut got: Vec<(String, f64)> = sssp["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["distance"].as_f64().unwrap(),
            )
        })
        .collect();
    got.sort_by(|x, y| x.0.cmp(&y.0));
    let want = [("a", 5.0), ("b", 6.0), ("c", 6.0), ("d", 0.0)];
    let want: Vec<(String, f64)> = want.iter().map(|(v, d)| ((*v).to_owned(), *d)).collect();
    assert_eq!(got, want, "{sssp}");

    // ae-ad-1's data_id names a HyG dataset; here the view is the path's graph, and data_id
    // is ignored wherever it is sent.
    let pr = hyg_run(
        &app,
        json!({"algorithmName": "pagerank", "data_id": "ds-1", "parameters": {"data_id": "ds-1"}}),
    )
    .await;
    assert_eq!(pr["results"].as_array().unwrap().len(), 4, "{pr}");
}
