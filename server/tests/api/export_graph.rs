//! export-graph (REFERENCE §5.2, §5.3) and import-graph from OBS: round trips over the real S3
//! protocol and local paths.

use serde_json::json;

use crate::helpers::PROJECT;
use crate::obs_app::{obs_ok, spawn_obs_app};
use crate::s3::S3Server;

#[tokio::test]
async fn export_graph_to_obs_then_import_from_obs_gives_the_same_graph() {
    let s3 = S3Server::start(&["graphs"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    app.import_tiny("g").await;
    let body = json!({"graphExportPath": "graphs/tiny/", "schemaName": "schema.xml",
                      "vertexSetName": "vertices", "edgeSetName": "edges",
                      "paginate": {"enable": true, "rowCountPerFile": 3},
                      "obsParameters": obs_ok()});
    let (code, resp) = app
        .post(&app.graph_url("g", "/action?action_id=export-graph"), &body)
        .await;
    assert_eq!(code, 200, "{resp}");
    let done = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
    assert_eq!(done.job_type, engine::JobType::ExportGraph);
    assert_eq!(
        s3.keys("graphs", "tiny").await,
        [
            "tiny/edges/part-00000.csv",
            "tiny/edges/part-00001.csv",
            "tiny/manifest.json",
            "tiny/schema.xml",
            "tiny/vertices/part-00000.csv",
            "tiny/vertices/part-00001.csv",
        ]
    );
    let v0 = s3.read("graphs", "tiny/vertices/part-00000.csv").await;
    assert_eq!(v0.lines().count(), 3);
    assert!(v0.lines().any(|l| l == "a,person,Alice"), "{v0}");
    let e: String = [
        s3.read("graphs", "tiny/edges/part-00000.csv").await,
        s3.read("graphs", "tiny/edges/part-00001.csv").await,
    ]
    .concat();
    assert!(e.lines().any(|l| l == "d,a,knows,5"), "{e}");
    let writes: Vec<_> = s3
        .ops()
        .into_iter()
        .filter(|o| o.name == "PutObject")
        .collect();
    assert_eq!(writes.last().unwrap().key, "tiny/manifest.json");

    // Import the files back into a new graph straight from OBS (folders and a single object).
    let body = json!({"schemaPath": "graphs/tiny/schema.xml", "vertexsetPath": "graphs/tiny/vertices/",
                      "edgesetPath": "graphs/tiny/edges", "obsParameters": obs_ok()});
    let (code, resp) = app
        .post(
            &app.graph_url("copy", "/action?action_id=import-graph"),
            &body,
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let imported = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    assert_eq!(imported.state, engine::JobState::Succeeded, "{imported:?}");
    assert!(!imported.request.to_string().contains(crate::s3::SK));
    let (a, b) = (
        app.engine.graph(PROJECT, "g").await.unwrap(),
        app.engine.graph(PROJECT, "copy").await.unwrap(),
    );
    assert_eq!((b.vertices, b.edges), (a.vertices, a.edges));
    assert_eq!((b.vertices, b.edges), (4, 4));
    // The downloaded copies are cleaned up.
    let tmp = app.data.path().join("tmp");
    assert!(!tmp.exists() || std::fs::read_dir(&tmp).unwrap().next().is_none());
}

#[tokio::test]
async fn import_from_obs_with_a_wrong_key_or_missing_object_fails_with_a_reason() {
    let s3 = S3Server::start(&["graphs"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    let body = json!({"vertexsetPath": "graphs/none/v.csv", "obsParameters": obs_ok()});
    let (code, resp) = app
        .post(&app.graph_url("g", "/action?action_id=import-graph"), &body)
        .await;
    assert_eq!(code, 200, "{resp}");
    let done = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    assert_eq!(done.state, engine::JobState::Failed);
    let reason = done.fail_reason.unwrap();
    assert!(
        reason.contains("no object or folder at [obs://graphs/none/v.csv]"),
        "{reason}"
    );

    std::fs::create_dir_all(s3.root.path().join("graphs/in")).unwrap();
    std::fs::write(s3.root.path().join("graphs/in/v.csv"), "a,x\n").unwrap();
    let body = json!({"vertexsetPath": "graphs/in/v.csv",
                      "obsParameters": {"accessKey": crate::s3::AK, "secretKey": "wrong"}});
    let (_, resp) = app
        .post(&app.graph_url("g", "/action?action_id=import-graph"), &body)
        .await;
    let done = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    assert_eq!(done.state, engine::JobState::Failed);
    assert!(done.fail_reason.unwrap().contains("SignatureDoesNotMatch"));
}

#[tokio::test]
async fn management_export_graph_to_a_local_path_lands_in_the_job_center() {
    let app = spawn_obs_app(None).await;
    app.import_tiny("g").await;
    let out = app.data.path().join("exports").join("g");
    let body = json!({"graph_export_path": format!("file://{}", out.display()),
                      "schema_name": "schema.xml", "vertex_set_name": "v.csv", "edge_set_name": "e.csv",
                      "paginate": {"enable": false}});
    let (code, resp) = app
        .post(
            &app.url(&format!("/v2/{PROJECT}/graphs/g/export-graph")),
            &body,
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let id = resp["job_id"].as_str().unwrap().to_owned();
    let done = app.wait_engine_job(&id).await;
    assert_eq!(done.state, engine::JobState::Succeeded, "{done:?}");
    assert_eq!(
        std::fs::read_to_string(out.join("v.csv"))
            .unwrap()
            .lines()
            .count(),
        4
    );
    assert_eq!(
        std::fs::read_to_string(out.join("e.csv"))
            .unwrap()
            .lines()
            .count(),
        4
    );
    assert!(out.join("manifest.json").exists());
    let (code, list) = app
        .get(&app.url(&format!("/v2/{PROJECT}/graphs/jobs")))
        .await;
    assert_eq!(code, 200);
    assert!(list.to_string().contains(&id), "{list}");

    // Round trip through the local files.
    let p = |f: &str| format!("file://{}", out.join(f).display());
    let (code, resp) = app
        .post(
            &app.graph_url("copy", "/action?action_id=import-graph"),
            &json!({"schemaPath": p("schema.xml"), "vertexsetPath": p("v.csv"), "edgesetPath": p("e.csv")}),
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let imported = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    assert_eq!(imported.state, engine::JobState::Succeeded, "{imported:?}");
    let copy = app.engine.graph(PROJECT, "copy").await.unwrap();
    assert_eq!((copy.vertices, copy.edges), (4, 4));

    // Unknown graph and bad names are refused in the management envelope.
    let (code, resp) = app
        .post(
            &app.url(&format!("/v2/{PROJECT}/graphs/nope/export-graph")),
            &body,
        )
        .await;
    assert_eq!(
        (code, resp["error_code"].as_str()),
        (400, Some("GES.7000")),
        "{resp}"
    );
    let mut bad = body.clone();
    bad["schema_name"] = json!("../x");
    let (code, resp) = app
        .post(
            &app.url(&format!("/v2/{PROJECT}/graphs/g/export-graph")),
            &bad,
        )
        .await;
    assert_eq!(
        (code, resp["error_code"].as_str()),
        (400, Some("GES.0001")),
        "{resp}"
    );
}

#[tokio::test]
async fn a_queued_obs_job_whose_credentials_died_with_the_process_fails_with_that_reason() {
    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    app.import_tiny("g").await;
    let data = app.data.path().to_path_buf();
    // A submit-only engine on the same data dir queues the export (its credentials stay in its
    // memory), then goes away before any worker ran the job.
    let mut config = engine::EngineConfig::new(&data);
    config.workers = 0;
    config.obs.endpoint = Some(s3.endpoint.clone());
    let submitter = engine::Engine::open(config).await.unwrap();
    let spec = engine::JobSpec::new(
        "g",
        engine::JobKind::ExportGraph(engine::export::graph::ExportGraphSpec {
            export_path: "dumps/g/".into(),
            schema_name: "s.xml".into(),
            vertex_set_name: "v".into(),
            edge_set_name: "e".into(),
            paginate: true,
            row_count_per_file: 10,
        }),
        json!({}),
    );
    let creds = engine::obs::ObsCredentials {
        access_key: crate::s3::AK.into(),
        secret_key: crate::s3::SK.into(),
    };
    let job = submitter
        .submit_with(
            PROJECT,
            spec,
            engine::SubmitOptions {
                credentials: Some(creds),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    submitter.shutdown(std::time::Duration::from_secs(1)).await;
    // The app's workers pick it up without the credentials.
    let done = app.wait_engine_job(&job.id.0).await;
    assert_eq!(done.state, engine::JobState::Failed);
    let reason = done.fail_reason.unwrap();
    assert!(reason.contains("kept in memory only"), "{reason}");
    assert!(reason.contains("submit it again"), "{reason}");
    assert!(s3.keys("dumps", "g").await.is_empty());
}
