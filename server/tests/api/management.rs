//! The management plane v2 job center: item shape, every filter, partiallyFailed, errors.

use serde_json::Value;

use crate::helpers::{PROJECT, spawn_app};

fn today() -> String {
    engine::time_fmt::management(time::OffsetDateTime::now_utc())[..10].to_owned()
}

#[tokio::test]
async fn the_job_center_lists_imports_with_their_file_detail() {
    let app = spawn_app().await;
    let id = app.import_tiny("tiny").await;
    let (code, body) = app
        .get(&app.url(&format!("/v2/{PROJECT}/graphs/jobs")))
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["job_count"], 1);
    let job = &body["job_list"][0];
    assert_eq!(job["job_id"], id.as_str());
    assert_eq!(job["status"], "success");
    assert_eq!(job["job_type"], "GraphManagement");
    assert_eq!(job["job_name"], "ImportGraph");
    assert_eq!(job["related_graph"], "tiny");
    let begin = job["begin_time"].as_str().unwrap();
    assert_eq!(
        (begin.len(), &begin[10..11]),
        (19, "T"),
        "yyyy-MM-dd'T'HH:mm:ss: {begin}"
    );
    let edges = &job["job_detail"]["edgeset_path"][0];
    assert_eq!(edges["successful_lines"], 4, "{job}");
    assert_eq!(edges["failed_lines"], 0);
    assert_eq!(edges["status"], "success");
    assert!(edges["path"].as_str().unwrap().ends_with("e.csv"));
    assert_eq!(job["job_detail"]["vertexset_path"][0]["total_lines"], 4);

    let (code, shown) = app
        .get(&app.url(&format!("/v2/{PROJECT}/graphs/tiny/jobs/{id}/status")))
        .await;
    assert_eq!(code, 200);
    assert_eq!(&shown, job, "show returns the list item flat");
}

#[tokio::test]
async fn every_filter_narrows_the_list() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let partial = app
        .import_with("other", "a,b,knows,1\na,zz,knows,1\n")
        .await;
    let app = &app;
    let count = |q: &str| {
        let url = app.url(&format!("/v2/{PROJECT}/graphs/jobs{q}"));
        async move { app.get(&url).await }
    };
    let cases = [
        ("", 2),
        ("?status=success", 1),
        ("?status=partiallyFailed", 1),
        ("?status=waiting", 0),
        ("?status=running", 0),
        ("?status=failed", 0),
        ("?graph_name=tiny", 1),
        ("?graph_name=nothing", 0),
        (&format!("?start_time={}", today()), 2),
        (&format!("?end_time={}", today()), 2),
        ("?end_time=2000-01-01", 0),
        ("?start_time=2999-01-01", 0),
        ("?limit=1", 2),
        ("?offset=1&limit=5", 2),
    ];
    for (q, want) in cases {
        let (code, body) = count(q).await;
        assert_eq!(code, 200, "{q}: {body}");
        assert_eq!(body["job_count"], want, "{q}: {body}");
    }
    let (_, one) = count("?limit=1").await;
    assert_eq!(one["job_list"].as_array().unwrap().len(), 1);
    let (_, pf) = count("?status=partiallyFailed").await;
    assert_eq!(pf["job_list"][0]["job_id"], partial.as_str());
    assert_eq!(
        pf["job_list"][0]["job_detail"]["edgeset_path"][0]["status"],
        "partFailed"
    );
    assert_eq!(
        pf["job_list"][0]["job_detail"]["edgeset_path"][0]["failed_lines"],
        1
    );
}

#[tokio::test]
async fn bad_filters_and_unknown_jobs_use_the_management_envelope() {
    let app = spawn_app().await;
    for q in [
        "?status=done",
        "?start_time=yesterday",
        "?end_time=2024-13-01",
        "?limit=-1",
        "?offset=x",
    ] {
        let (code, body) = app
            .get(&app.url(&format!("/v2/{PROJECT}/graphs/jobs{q}")))
            .await;
        assert_eq!(code, 400, "{q}");
        assert_eq!(body["error_code"], "GES.0001", "{q}: {body}");
        assert!(
            body["error_msg"].as_str().unwrap().contains("parameter ["),
            "{body}"
        );
        assert!(body.get("errorCode").is_none());
    }
    let (code, body) = app
        .get(&app.url(&format!("/v2/{PROJECT}/graphs/g/jobs/nope/status")))
        .await;
    assert_eq!(
        (code, body["error_code"].as_str()),
        (400, Some("GES.7007")),
        "{body}"
    );
}

#[tokio::test]
async fn management_credentials_are_checked_per_project() {
    let app = spawn_app().await;
    let r = app
        .client
        .get(app.url(&format!("/v2/{PROJECT}/graphs/jobs")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error_code"], "GES.8007");
    let other = app.engine.create_token("elsewhere").await.unwrap();
    let r = app
        .client
        .get(app.url(&format!("/v2/{PROJECT}/graphs/jobs")))
        .header("X-Auth-Token", other)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
}
