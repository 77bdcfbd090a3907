//! The operations REFERENCE.md lists that graphjobs refuses on purpose, each with a documented
//! code and a message naming the operation and the reason: update-properties-from-file
//! (GES.8000), the cloud's graph-instance actions on v2 and v1 (GES.7009), CFW's `/v3` job
//! query and IAM's token issue (GES.7009, cloud envelope); and unknown `/v2` paths (404 in the
//! management envelope).

use serde_json::{Value, json};

use crate::helpers::{PROJECT, spawn_app};

fn v2_error(body: &Value) -> (&str, &str) {
    (
        body["error_code"].as_str().unwrap_or_default(),
        body["error_msg"].as_str().unwrap_or_default(),
    )
}

#[tokio::test]
async fn import_properties_is_refused_with_the_way_to_do_it() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let (status, err) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=import-properties"),
            &json!({"vertexsetPath": "datasets/movie.csv", "vertexProperties": []}),
        )
        .await;
    assert_eq!(
        (status, &err["errorCode"]),
        (400, &json!("GES.8000")),
        "{err}"
    );
    let msg = err["errorMessage"].as_str().unwrap();
    assert!(
        msg.contains("[import-properties] is not supported") && msg.contains("import-graph"),
        "{msg}"
    );
}

#[tokio::test]
async fn every_v2_instance_action_is_refused_whether_or_not_the_graph_exists() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let reasons = [
        ("start", "no graph instance"),
        ("stop", "no graph instance"),
        ("restart", "no graph instance"),
        ("upgrade", "version to upgrade"),
        ("resize", "--graph-cache-bytes"),
        ("expand", "partitions"),
        ("backups", "export-graph"),
        ("bind-eip", "this server's address"),
        ("unbind-eip", "this server's address"),
    ];
    for graph in ["tiny", "nosuchgraph"] {
        for (action, why) in reasons {
            let url = app.url(&format!("/v2/{PROJECT}/graphs/{graph}/{action}"));
            let (status, err) = app.post(&url, &json!({})).await;
            let (code, msg) = v2_error(&err);
            assert_eq!((status, code), (400, "GES.7009"), "{action}: {err}");
            assert!(
                msg.starts_with(&format!("[{action}] is not supported: ")) && msg.contains(why),
                "{action}: {msg}"
            );
        }
    }
    // Credentials first: no token is 401, another project's path 403.
    let r = app
        .client
        .post(app.url(&format!("/v2/{PROJECT}/graphs/tiny/start")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let (status, err) = app
        .post(&app.url("/v2/otherproject/graphs/tiny/stop"), &json!({}))
        .await;
    assert_eq!((status, v2_error(&err).0), (403, "GES.8006"), "{err}");

    // v1's action_id of the same names: the same refusal in the camelCase envelope.
    for action in ["start", "stop", "restart", "upgrade", "backup", "bind-eip"] {
        let url = app.url(&format!(
            "/v1.0/{PROJECT}/graphs/tiny/action?action_id={action}"
        ));
        let (status, err) = app.post(&url, &json!({})).await;
        assert_eq!(
            (status, &err["errorCode"]),
            (400, &json!("GES.7009")),
            "{err}"
        );
        let msg = err["errorMessage"].as_str().unwrap();
        assert!(
            msg.starts_with(&format!("[{action}] is not supported: ")),
            "{msg}"
        );
    }
}

#[tokio::test]
async fn unknown_v2_paths_answer_404_in_the_management_envelope() {
    let app = spawn_app().await;
    for path in [
        format!("/v2/{PROJECT}/graphs/tiny/shrink"),
        format!("/v2/{PROJECT}/nothing"),
        "/v2/x".to_owned(),
    ] {
        let r = app.client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(
            v2_error(&body),
            ("GES.0016", "no such API"),
            "{path}: {body}"
        );
    }
}

#[tokio::test]
async fn cfw_job_query_and_iam_tokens_are_refused_with_what_to_use() {
    let app = spawn_app().await;
    let url = app.url(&format!("/v3/{PROJECT}/jobs/abc"));
    let (status, err) = app.get(&url).await;
    assert_eq!(
        (status, &err["error"]["code"]),
        (400, &json!("GES.7009")),
        "{err}"
    );
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains(&format!("GET /v1/{PROJECT}/jobs/abc")),
        "{msg}"
    );
    let r = app.client.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 401, "the CFW route checks the token first");

    // Public, as IAM's is: no credential needed to be told where credentials come from.
    let r = app
        .client
        .post(app.url("/v3/auth/tokens"))
        .json(&json!({"auth": {"identity": {"methods": ["password"]}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let err: Value = r.json().await.unwrap();
    assert_eq!(err["error"]["code"], "GES.7009", "{err}");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("graphjobs token create") && msg.contains("graphjobs keys create"),
        "{msg}"
    );
    // The audit log's trace list still answers at its own /v3 path.
    let (status, traces) = app
        .get(&app.url(&format!("/v3/{PROJECT}/traces?trace_type=system")))
        .await;
    assert_eq!(status, 200, "{traces}");
}
