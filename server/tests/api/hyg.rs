//! HyG (REFERENCE §13) over HTTP: create, summary, sync, algorithm, job status through the
//! service plane (in HyG's words: `complete` + `result`), a dsl script read from OBS, cancel rules,
//! export-result to a real S3 endpoint, delete. `hyg_jobs.rs` has failures, queued jobs and
//! the cancel-all alias.

use serde_json::{Value, json};

use crate::obs_app::{obs_ok, spawn_obs_app};
use crate::s3::S3Server;

fn code(v: &Value) -> &str {
    v["errorCode"].as_str().unwrap_or_default()
}

/// `(status, result)` of a job status answer or job list item.
fn words(v: &Value) -> (&str, &str) {
    (
        v["status"].as_str().unwrap_or_default(),
        v["result"].as_str().unwrap_or_default(),
    )
}

#[tokio::test]
async fn a_hyg_graph_is_created_synced_computed_on_dumped_and_deleted() {
    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    let hyg = |rest: &str| app.url(&format!("/ges/v1.0/{}/hyg{rest}", crate::helpers::PROJECT));

    let (status, list) = app.get(&hyg("")).await;
    assert_eq!(
        (status, &list),
        (200, &json!({"data": [], "result": "success"}))
    );
    let (status, err) = app.post(&hyg("/tiny"), &json!({})).await;
    assert_eq!((status, code(&err)), (400, "GES.8000"), "{err}");
    assert_eq!(err["result"], "failed");

    app.import_tiny("tiny").await;
    let (status, ok) = app.post(&hyg("/tiny"), &json!({"inEdge": true})).await;
    assert_eq!((status, &ok), (200, &json!({"result": "success"})));
    let (status, err) = app.post(&hyg("/tiny"), &json!({})).await;
    assert_eq!((status, code(&err)), (400, "GES.8000"), "{err}");
    let (status, err) = app.post(&hyg("/tiny"), &json!({"policy": "hash"})).await;
    assert_eq!(status, 400);
    assert!(
        err["errorMessage"].as_str().unwrap().contains("policy"),
        "{err}"
    );

    let (_, summary) = app.get(&hyg("/tiny/summary")).await;
    assert_eq!(summary["status"], "pending");
    assert_eq!(summary["data"]["vertexNum"], 0);
    assert_eq!(summary["data"]["inEdge"], true);
    assert_eq!(summary["data"]["policy"], "oec");

    let (status, err) = app
        .post(
            &hyg("/tiny/algorithm"),
            &json!({"algorithmName": "pagerank"}),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        err["errorMessage"].as_str().unwrap().contains("synced"),
        "{err}"
    );

    let (status, sync) = app
        .post(
            &hyg("/tiny/sync"),
            &json!({"vertex": [{"label": "person", "property": ["Name"]}], "edge": []}),
        )
        .await;
    assert_eq!(status, 200, "{sync}");
    let sync_id = sync["jobId"].as_str().unwrap();
    let synced = app.wait_status("tiny", sync_id, "").await;
    // REFERENCE §13 #2: polling a sync answers {"status":"complete","result":"success"}.
    assert_eq!(words(&synced), ("complete", "success"), "{synced}");
    assert_eq!((code(&synced), &synced["errorMessage"]), ("", &json!("")));
    let (_, summary) = app.get(&hyg("/tiny/summary")).await;
    assert_eq!(summary["status"], "complete");
    assert_eq!(summary["data"]["vertexNum"], 4);
    assert_eq!(summary["data"]["edgeNum"], 4);
    assert_eq!(
        summary["data"]["vertex"],
        json!([{"label": "person", "property": ["Name"]}])
    );
    let (_, list) = app.get(&hyg("")).await;
    assert_eq!(list["data"][0]["name"], "tiny");
    assert_eq!(list["data"][0]["vertexNum"], 4);

    for (body, needle) in [
        (
            json!({"algorithmName": "pagerank", "output": {"format": "JSON", "mode": "FULL"}}),
            "FULL",
        ),
        (
            json!({"algorithmName": "pagerank", "timeout": -3}),
            "timeout",
        ),
        (json!({"algorithmName": "bigclam"}), "not supported"),
        (json!({"parameters": {}}), "algorithmName"),
    ] {
        let (status, err) = app.post(&hyg("/tiny/algorithm"), &body).await;
        assert_eq!((status, code(&err)), (400, "GES.8000"), "{body}: {err}");
        assert!(
            err["errorMessage"].as_str().unwrap().contains(needle),
            "{err}"
        );
    }
    let (status, pr) = app
        .post(
            &hyg("/tiny/algorithm"),
            &json!({"algorithmName": "pagerank", "parameters": {"alpha": 0.85},
                    "output": {"format": "CSV", "mode": "FULL"}, "timeout": 60}),
        )
        .await;
    assert_eq!(status, 200, "{pr}");
    let pr = pr["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_status("tiny", &pr, "").await;
    assert_eq!(words(&done), ("complete", "success"), "{done}");
    let rows = done["data"]["outputs"]["results"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let sum: f64 = rows.iter().map(|r| r["pagerank"].as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-6, "{sum}");

    // dsl: a script on OBS is read with the request's keys and runs; a missing one is refused
    // at submit with GES.8005 (`hyg_dsl.rs` has the rest).
    let script = "from hyg.analytics.graph import load_base_graph\n\
                  graph = load_base_graph(\"tiny\")\nprint(\"a is\", graph.nid(\"a\"))\n";
    object_store::ObjectStore::put(
        &s3.client("dumps"),
        &object_store::path::Path::from("scripts/hello.py"),
        script.as_bytes().to_vec().into(),
    )
    .await
    .unwrap();
    let (status, job) = app
        .post(
            &hyg("/tiny/dsl"),
            &json!({"scriptPath": "dumps/scripts/hello.py", "obsParameters": obs_ok()}),
        )
        .await;
    assert_eq!(status, 200, "{job}");
    let ran = app
        .wait_status("tiny", job["jobId"].as_str().unwrap(), "")
        .await;
    assert_eq!(words(&ran), ("complete", "success"), "{ran}");
    assert_eq!(
        ran["data"]["outputs"]["stdout"][0]["line"], "a is 0",
        "{ran}"
    );
    let (status, err) = app
        .post(
            &hyg("/tiny/dsl"),
            &json!({"scriptPath": "dumps/scripts/nope.py", "obsParameters": obs_ok()}),
        )
        .await;
    assert_eq!((status, code(&err)), (400, "GES.8005"), "{err}");
    assert!(
        err["errorMessage"]
            .as_str()
            .unwrap()
            .contains("cannot be read"),
        "{err}"
    );

    // Cancel: a finished job and an unknown one are GES.8303; cancel-all with nothing queued
    // succeeds with no ids.
    for id in [pr.as_str(), "nosuchjob"] {
        let (status, err) = app.delete(&hyg(&format!("/tiny/jobs/{id}"))).await;
        assert_eq!((status, code(&err)), (400, "GES.8303"), "{err}");
    }
    let (status, all) = app.delete(&hyg("/tiny/jobs")).await;
    assert_eq!(
        (status, &all["result"], &all["jobIds"]),
        (200, &json!("success"), &json!([]))
    );
    // The bulk action is a job of its own in the generic job query, with its sub-jobs.
    let parent = all["jobId"].as_str().unwrap();
    let (status, cloud) = app
        .get(&app.url(&format!("/v1/{}/jobs/{parent}", crate::helpers::PROJECT)))
        .await;
    assert_eq!(status, 200, "{cloud}");
    assert_eq!(cloud["status"], "SUCCESS");
    assert_eq!(cloud["job_type"], "CancelJobs");
    assert_eq!(cloud["entities"]["sub_jobs_total"], 0);

    // export-result through the HyG route: erase defaults to true.
    let (status, dump) = app
        .post(
            &hyg(&format!("/tiny/jobs/{pr}/export-result")),
            &json!({"exportPath": "dumps/hyg/", "obsParameters": obs_ok()}),
        )
        .await;
    assert_eq!(status, 200, "{dump}");
    let dumped = app.wait_engine_job(dump["jobId"].as_str().unwrap()).await;
    assert_eq!(dumped.state, engine::JobState::Succeeded, "{dumped:?}");
    assert!(
        s3.keys("dumps", "hyg")
            .await
            .contains(&"hyg/manifest.json".to_string())
    );

    // The job list shows the sync under its own task type, in HyG's words; the graph's
    // import and the dump (not HyG jobs) in GES's.
    let (_, jobs) = app.get(&app.graph_url("tiny", "/jobs/status")).await;
    let jobs = jobs["jobs"].as_array().unwrap();
    let item = |id: &str| jobs.iter().find(|j| j["jobId"] == id).unwrap();
    assert_eq!(item(sync_id)["taskType"], "HygSync");
    assert_eq!(words(item(sync_id)), ("complete", "success"));
    assert_eq!(words(item(pr.as_str())), ("complete", "success"));
    assert_eq!(
        words(item(dump["jobId"].as_str().unwrap())),
        ("success", "")
    );

    let (status, del) = app.delete(&hyg("/tiny")).await;
    assert_eq!(status, 200, "{del}");
    let gone = app
        .wait_status("tiny", del["jobId"].as_str().unwrap(), "")
        .await;
    assert_eq!(words(&gone), ("complete", "success"), "{gone}");
    let (status, err) = app.get(&hyg("/tiny/summary")).await;
    assert_eq!((status, code(&err)), (400, "GES.8000"), "{err}");
    // The graph itself is still there.
    let (status, _) = app.get(&app.graph_url("tiny", "/jobs/status")).await;
    assert_eq!(status, 200);
}
