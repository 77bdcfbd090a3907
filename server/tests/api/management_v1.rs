//! The legacy management plane v1: the same lifecycle as v2, in camelCase, with its own envelope.

use serde_json::json;

use crate::helpers::{PROJECT, spawn_app};

#[tokio::test]
async fn graph_lifecycle_and_job_center_in_camel_case() {
    let app = spawn_app().await;
    let v1 = |rest: &str| app.url(&format!("/v1.0/{PROJECT}/graphs{rest}"));

    let (code, created) = app
        .post(&v1(""), &json!({"graph": {"name": "legacy"}}))
        .await;
    assert_eq!(code, 200, "{created}");
    assert_eq!(created["id"], "legacy");
    let create_job = created["jobId"].as_str().expect("jobId").to_owned();
    app.wait_engine_job(&create_job).await;

    let (code, job) = app
        .get(&v1(&format!("/legacy/jobs/{create_job}/status")))
        .await;
    assert_eq!(code, 200, "{job}");
    assert_eq!(
        (
            job["jobId"].as_str(),
            job["jobName"].as_str(),
            job["status"].as_str()
        ),
        (
            Some(create_job.as_str()),
            Some("CreateGraph"),
            Some("success")
        )
    );
    assert!(job.get("job_id").is_none(), "v1 is camelCase only: {job}");

    // Import with the v1 SDK's body: camelCase, top-level action/ignoreLabel.
    app.import_tiny("seed").await;
    let dir = app.data.path().join("in").join("seed");
    let p = |n: &str| format!("file://{}", dir.join(n).display());
    let body = json!({"schemaPath": p("schema.xml"), "vertexsetPath": p("v.csv"),
                      "edgesetPath": p("e.csv"), "action": "ignore", "ignoreLabel": true});
    let (code, queued) = app
        .post(&v1("/legacy/action?action_id=import-graph"), &body)
        .await;
    assert_eq!(code, 200, "{queued}");
    let import_job = queued["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_engine_job(&import_job).await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");

    let (_, job) = app
        .get(&v1(&format!("/legacy/jobs/{import_job}/status")))
        .await;
    assert_eq!(job["jobDetail"]["edgesetPath"][0]["successfulLines"], 4);
    assert_eq!(job["relatedGraph"], "legacy");

    // startTime/endTime are the v1 names of v2's start_time/end_time.
    let today = time::OffsetDateTime::now_utc().date();
    let (code, list) = app
        .get(&v1(&format!(
            "/jobs?graph_name=legacy&status=success&startTime={today}&endTime={today}&limit=1"
        )))
        .await;
    assert_eq!(code, 200, "{list}");
    assert_eq!(list["jobCount"], 2, "create + import: {list}");
    assert_eq!(list["jobList"].as_array().unwrap().len(), 1);
    let (_, list) = app
        .get(&v1("/jobs?startTime=2001-01-01&endTime=2001-01-02"))
        .await;
    assert_eq!(list["jobCount"], 0, "{list}");

    let (_, graphs) = app.get(&v1("")).await;
    let legacy = graphs["graphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "legacy")
        .expect("listed");
    assert_eq!(legacy["vertexNum"], 4);
    assert!(graphs["graphCount"].as_u64().unwrap() >= 2);
    let (_, shown) = app.get(&v1("/legacy")).await;
    assert_eq!(shown["graph"]["edgeNum"], 4);
    assert!(shown["graph"]["dataStoreVersion"].is_string());

    // export-graph with the v1 SDK's ExportGraphReq fields, to a local folder.
    let out = app.data.path().join("exports").join("legacy");
    let body = json!({"graphExportPath": format!("file://{}/", out.display()),
                      "edgeSetName": "edges", "vertexSetName": "vertices",
                      "schemaName": "schema.xml"});
    let (code, queued) = app
        .post(&v1("/legacy/action?action_id=export-graph"), &body)
        .await;
    assert_eq!(code, 200, "{queued}");
    let done = app.wait_engine_job(queued["jobId"].as_str().unwrap()).await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
    let schema = std::fs::read_to_string(out.join("schema.xml")).unwrap();
    assert!(
        schema.contains("<PropertyList") || schema.contains("label"),
        "{schema}"
    );

    let (code, cleared) = app
        .post(
            &v1("/legacy/action?action_id=clear-graph&clear-metadata=false"),
            &json!({}),
        )
        .await;
    assert_eq!(code, 200, "{cleared}");
    app.wait_engine_job(cleared["jobId"].as_str().unwrap())
        .await;
    let (_, shown) = app.get(&v1("/legacy")).await;
    assert_eq!(shown["graph"]["vertexNum"], 0);

    let (code, deleted) = app.delete(&v1("/legacy?keepBackup=false")).await;
    assert_eq!(code, 200, "{deleted}");
    app.wait_engine_job(deleted["jobId"].as_str().unwrap())
        .await;
    let (code, gone) = app.get(&v1("/legacy")).await;
    assert_eq!((code, gone["errorCode"].as_str()), (400, Some("GES.7000")));
}

#[tokio::test]
async fn errors_use_the_camel_case_envelope() {
    let app = spawn_app().await;
    let v1 = |rest: &str| app.url(&format!("/v1.0/{PROJECT}/graphs{rest}"));

    let (code, err) = app.get(&v1("/jobs?status=sleeping")).await;
    assert_eq!((code, err["errorCode"].as_str()), (400, Some("GES.0001")));
    assert!(err["errorMessage"].as_str().unwrap().contains("status"));
    // errorMsg too: the SDKs' exception handler pairs errorCode with errorMsg.
    assert_eq!(err["errorMsg"], err["errorMessage"]);
    assert!(err.get("error_code").is_none());

    let (code, err) = app.get(&v1("/nothere/jobs/nojob/status")).await;
    assert_eq!((code, err["errorCode"].as_str()), (400, Some("GES.7007")));

    let (code, err) = app
        .post(&v1("/nothere/action?action_id=import-graph"), &json!({}))
        .await;
    assert_eq!((code, err["errorCode"].as_str()), (400, Some("GES.7000")));

    app.import_tiny("g1").await;
    let (code, err) = app
        .post(&v1("/g1/action?action_id=import-graph"), &json!({}))
        .await;
    assert_eq!(
        (code, err["errorCode"].as_str()),
        (400, Some("GES.0001")),
        "{err}"
    );

    let (code, err) = app
        .post(&v1("/g1/action?action_id=start"), &json!({}))
        .await;
    // An instance action: "operation not supported", with the reason.
    assert_eq!((code, err["errorCode"].as_str()), (400, Some("GES.7009")));
    let msg = err["errorMessage"].as_str().unwrap();
    assert!(
        msg.starts_with("[start] is not supported: ") && msg.contains("no graph instance"),
        "{msg}"
    );
    // Any other unknown action is a bad parameter.
    let (code, err) = app
        .post(&v1("/g1/action?action_id=shrink"), &json!({}))
        .await;
    assert_eq!((code, err["errorCode"].as_str()), (400, Some("GES.0001")));
    assert!(err["errorMessage"].as_str().unwrap().contains("[shrink]"));

    let (code, err) = app
        .post(
            &v1("/g1/action?action_id=clear-graph&clear-metadata=maybe"),
            &json!({}),
        )
        .await;
    assert_eq!((code, err["errorCode"].as_str()), (400, Some("GES.0001")));
    assert!(
        err["errorMessage"]
            .as_str()
            .unwrap()
            .contains("clear-metadata")
    );

    // Credentials: none → 401, another project → 403, both camelCase.
    let r = app.client.get(v1("/jobs")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["errorCode"], "GES.8007");
    let (code, err) = app.get(&app.url("/v1.0/otherproject/graphs/jobs")).await;
    assert_eq!((code, err["errorCode"].as_str()), (403, Some("GES.8006")));
}
