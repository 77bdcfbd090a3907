//! Vertex and edge filter queries (REFERENCE §4): async jobs whose rows page through job status.

use serde_json::json;

use crate::helpers::{PROJECT, spawn_app};

#[tokio::test]
async fn vertex_query_rows_page_through_job_status() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let url = app.graph_url("tiny", "/vertices/action?action_id=query");
    let body = json!({"labels": ["person"], "vertexFilters": [
        {"propertyName": "Name", "predicate": ">", "values": ["B"]}],
        "sorts": [{"key": "Name", "orderValue": "decr"}], "limit": 10});
    let (code, resp) = app.post(&url, &body).await;
    assert_eq!(code, 200, "{resp}");
    let id = resp["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_status("tiny", &id, "").await;
    assert_eq!(done["status"], "success", "{done}");
    let out = &done["data"]["outputs"];
    assert_eq!(out["data_total_size"], 3);
    let names: Vec<&str> = out["vertices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["properties"]["Name"][0].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Dan", "Carol", "Bob"]);
    assert_eq!(out["vertices"][0]["id"], "d");
    assert_eq!(out["vertices"][0]["label"], "person");
    // The answer pages like any result.
    let page = app.wait_status("tiny", &id, "?offset=1&limit=1").await;
    let out = &page["data"]["outputs"];
    assert_eq!(
        (
            out["data_offset"].as_u64(),
            out["data_return_size"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(out["vertices"][0]["id"], "c");
    // The job list knows it as a query.
    let (_, list) = app.get(&app.graph_url("tiny", "/jobs/status")).await;
    let item = list["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["jobId"] == id.as_str())
        .unwrap();
    assert_eq!(item["taskType"], "VertexQuery");
}

#[tokio::test]
async fn edge_query_with_the_samples_string_paging_and_or_filters() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let url = app.graph_url("tiny", "/edges/action?action_id=query");
    let body = json!({"edgeFilters": [
        {"propertyName": "w", "predicate": "range", "values": [4, 6]},
        {"propertyName": "w", "predicate": "=", "values": ["1"], "type": "or"}],
        "offset": "1", "limit": "2", "sorts": [{"key": "w", "orderValue": "decr"}]});
    let (code, resp) = app.post(&url, &body).await;
    assert_eq!(code, 200, "{resp}");
    let done = app
        .wait_status("tiny", resp["jobId"].as_str().unwrap(), "")
        .await;
    let edges = done["data"]["outputs"]["edges"].as_array().unwrap().clone();
    // Sorted by w descending: d→a (5), then the three w=1 edges in id order; offset 1, limit 2.
    let pairs: Vec<(&str, &str)> = edges
        .iter()
        .map(|e| (e["source"].as_str().unwrap(), e["target"].as_str().unwrap()))
        .collect();
    assert_eq!(pairs, [("a", "b"), ("b", "c")]);
    assert_eq!(edges[0]["properties"]["w"], json!(["1"]));
}

#[tokio::test]
async fn bad_queries_are_refused_up_front_in_the_ges_envelope() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let url = app.graph_url("tiny", "/vertices/action?action_id=query");
    for (body, needle) in [
        (json!({}), "[labels] and [vertexFilters]"),
        (
            json!({"vertexFilters": [{"propertyName": "Name", "predicate": "like", "values": ["x"]}]}),
            "predicate",
        ),
        (json!({"labels": ["person"], "limit": 100001}), "[limit]"),
        (json!({"labels": ["person"], "offset": -1}), "[offset]"),
        (json!({"labels": "person"}), "[labels]"),
    ] {
        let (code, err) = app.post(&url, &body).await;
        assert_eq!(
            (code, err["errorCode"].as_str()),
            (400, Some("GES.8000")),
            "{body}"
        );
        assert!(
            err["errorMessage"].as_str().unwrap().contains(needle),
            "{err}"
        );
    }
    let (code, err) = app
        .post(
            &app.graph_url("nosuch", "/vertices/action?action_id=query"),
            &json!({"labels": ["x"]}),
        )
        .await;
    assert_eq!(code, 400, "{err}");
    let (code, err) = app
        .post(
            &app.graph_url("tiny", "/edges/action?action_id=delete"),
            &json!({"labels": ["knows"]}),
        )
        .await;
    assert_eq!(code, 400, "edges are not deleted by filter: {err}");
    let (code, err) = app
        .post(
            &app.graph_url("tiny", "/vertices/action?action_id=delete"),
            &json!({}),
        )
        .await;
    assert_eq!(
        (code, err["errorCode"].as_str()),
        (400, Some("GES.8000")),
        "{err}"
    );
    let (code, err) = app
        .post(
            &app.url("/ges/v1.0/otherproject/graphs/tiny/vertices/action?action_id=query"),
            &json!({"labels": ["x"]}),
        )
        .await;
    assert_eq!((code, err["errorCode"].as_str()), (403, Some("GES.8006")));
    let _ = PROJECT;
}

#[tokio::test]
async fn a_delete_by_filter_removes_the_matching_vertices_and_their_edges() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let delete = |body: serde_json::Value| {
        let app = &app;
        async move {
            let url = app.graph_url("tiny", "/vertices/action?action_id=delete");
            let (code, resp) = app.post(&url, &body).await;
            assert_eq!(code, 200, "{resp}");
            let id = resp["jobId"].as_str().unwrap().to_owned();
            let done = app.wait_status("tiny", &id, "").await;
            assert_eq!(done["status"], "success", "{done}");
            done["data"]["outputs"].clone()
        }
    };
    let graph = async || {
        let (_, g) = app
            .get(&app.url(&format!("/v2/{PROJECT}/graphs/tiny")))
            .await;
        (
            g["graph"]["vertex_num"].as_u64(),
            g["graph"]["edge_num"].as_u64(),
        )
    };
    // Carol and Dan go, with b→c, c→a and d→a.
    let out = delete(json!({"labels": ["person"], "vertexFilters": [
        {"propertyName": "Name", "predicate": ">", "values": ["C"]}]}))
    .await;
    assert_eq!(
        (
            out["deleted_vertex_num"].as_u64(),
            out["deleted_edge_num"].as_u64()
        ),
        (Some(2), Some(3)),
        "{out}"
    );
    assert_eq!(graph().await, (Some(2), Some(1)));
    // What is left keeps its properties.
    let query = |target: &str, label: &str| {
        let app = &app;
        let url = app.graph_url("tiny", &format!("/{target}/action?action_id=query"));
        let body = json!({"labels": [label]});
        async move {
            let (code, resp) = app.post(&url, &body).await;
            assert_eq!(code, 200, "{resp}");
            let id = resp["jobId"].as_str().unwrap().to_owned();
            app.wait_status("tiny", &id, "").await["data"]["outputs"].clone()
        }
    };
    let people = query("vertices", "person").await;
    let names: Vec<&str> = people["vertices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["properties"]["Name"][0].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alice", "Bob"]);
    let knows = query("edges", "knows").await;
    assert_eq!(knows["edges"].as_array().unwrap().len(), 1, "{knows}");
    assert_eq!(
        (
            knows["edges"][0]["source"].as_str(),
            knows["edges"][0]["target"].as_str()
        ),
        (Some("a"), Some("b"))
    );
    // Nothing matches: nothing changes.
    let out = delete(
        json!({"vertexFilters": [{"propertyName": "Name", "predicate": "=", "values": ["Zed"]}]}),
    )
    .await;
    assert_eq!(
        (
            out["deleted_vertex_num"].as_u64(),
            out["deleted_edge_num"].as_u64()
        ),
        (Some(0), Some(0))
    );
    assert_eq!(graph().await, (Some(2), Some(1)));
}

#[tokio::test]
async fn a_delete_by_filter_honours_limit_and_refuses_what_it_does_not_take() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let url = app.graph_url("tiny", "/vertices/action?action_id=delete");
    // Every field a delete does not take is refused by name, before anything is deleted.
    for (body, field) in [
        (
            json!({"labels": ["person"], "sorts": [{"key": "id"}]}),
            "[sorts]",
        ),
        (json!({"labels": ["person"], "offset": 1}), "[offset]"),
        (
            json!({"labels": ["person"], "begin": 0, "end": 2}),
            "[begin]",
        ),
        (json!({"labels": ["person"], "end": 2}), "[end]"),
        (
            json!({"vertexFilters": [{"degree": "out", "predicate": ">", "values": [1]}]}),
            "[vertexFilters[0]]",
        ),
    ] {
        let (code, err) = app.post(&url, &body).await;
        assert_eq!(
            (code, err["errorCode"].as_str()),
            (400, Some("GES.8000")),
            "{err}"
        );
        let msg = err["errorMessage"].as_str().unwrap();
        assert!(msg.contains(field), "{field}: {msg}");
    }
    // limit 1 of four people: the first by id, a, goes with a→b, c→a and d→a.
    let (code, resp) = app
        .post(&url, &json!({"labels": ["person"], "limit": 1}))
        .await;
    assert_eq!(code, 200, "{resp}");
    let done = app
        .wait_status("tiny", resp["jobId"].as_str().unwrap(), "")
        .await;
    let out = &done["data"]["outputs"];
    assert_eq!(
        (&out["deleted_vertex_num"], &out["deleted_edge_num"]),
        (&json!(1), &json!(3)),
        "{done}"
    );
    let (_, g) = app
        .get(&app.url(&format!("/v2/{PROJECT}/graphs/tiny")))
        .await;
    assert_eq!(
        (&g["graph"]["vertex_num"], &g["graph"]["edge_num"]),
        (&json!(3), &json!(1)),
        "{g}"
    );
}
