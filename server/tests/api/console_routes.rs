//! The console's plain routes next to its server functions, over HTTP with the session cookie:
//! the live stream (`/console/events`), the CSV download, and the refusal of cross-site
//! requests to server functions.

use std::time::Duration;

use app::ServerFunction as F;
use futures::StreamExt;
use serde_json::json;

use crate::helpers::{PROJECT, spawn_app};

fn cookie(token: &str) -> String {
    format!("gj_session={token}")
}

#[tokio::test]
async fn the_event_stream_needs_a_session_and_pushes_changed_job_ids() {
    let app = spawn_app().await;
    let r = app
        .client
        .get(app.url("/console/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = app
        .client
        .get(app.url("/console/events"))
        .header("Cookie", cookie("not-a-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    let r = app
        .client
        .get(app.url("/console/events"))
        .header("Cookie", cookie(&app.token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    // Another project's job is not announced to this session; our own import is.
    let other = app.engine.create_token("p2").await.unwrap();
    let (code, _) = app
        .client
        .post(app.url("/ges/v1.0/p2/graphs/nope/action?action_id=execute-algorithm"))
        .header("X-Auth-Token", &other)
        .json(&json!({"algorithmName": "pagerank"}))
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .unwrap();
    assert_ne!(
        code, 200,
        "a job of a missing graph is refused, announcing nothing"
    );
    let job = app.import_tiny("g").await;
    let mut body = r.bytes_stream();
    let mut seen = String::new();
    let found = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(chunk) = body.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            if seen.contains(&format!("event: job\ndata: {job}\n")) {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(found, Ok(true), "stream so far: {seen}");
}

/// Reads SSE messages from `body` until `done` holds for the `(id, job)` pairs seen so far.
async fn read_until(
    body: &mut (impl futures::Stream<Item = reqwest::Result<bytes::Bytes>> + Unpin),
    done: impl Fn(&[(i64, String)]) -> bool,
) -> Vec<(i64, String)> {
    let mut text = String::new();
    let mut seen = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(chunk) = body.next().await {
            text.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            while let Some(end) = text.find("\n\n") {
                let message: String = text.drain(..end + 2).collect();
                let field = |name: &str| {
                    message
                        .lines()
                        .find_map(|l| l.strip_prefix(name).map(str::to_owned))
                };
                if let (Some(id), Some(job)) = (field("id: "), field("data: ")) {
                    seen.push((id.parse().unwrap(), job));
                }
            }
            if done(&seen) {
                return;
            }
        }
    })
    .await;
    assert!(read.is_ok(), "stream so far: {seen:?} {text}");
    seen
}

#[tokio::test]
async fn a_stream_resumed_with_last_event_id_gets_what_it_missed_and_nothing_twice() {
    let app = spawn_app().await;
    let open = |last: Option<i64>| {
        let mut r = app
            .client
            .get(app.url("/console/events"))
            .header("Cookie", cookie(&app.token));
        if let Some(id) = last {
            r = r.header("Last-Event-ID", id.to_string());
        }
        r.send()
    };
    let first = open(None).await.unwrap();
    let import = app.import_tiny("g").await;
    let mut body = first.bytes_stream();
    let seen = read_until(&mut body, |s| s.iter().any(|(_, j)| *j == import)).await;
    let last = seen.iter().map(|(id, _)| *id).max().unwrap();
    assert!(
        seen.windows(2).all(|w| w[0].0 < w[1].0),
        "ids ascend: {seen:?}"
    );
    drop(body);

    // While no stream is open, a job runs from submit to end.
    let (code, resp) = app
        .post(
            &app.graph_url("g", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "pagerank", "parameters": {}}),
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let missed = resp["jobId"].as_str().unwrap().to_owned();
    app.wait_engine_job(&missed).await;

    let resumed = open(Some(last)).await.unwrap();
    let mut body = resumed.bytes_stream();
    let again = read_until(&mut body, |s| {
        s.iter().filter(|(_, j)| *j == missed).count() >= 3
    })
    .await;
    assert!(
        again.iter().all(|(id, _)| *id > last),
        "nothing at or before {last}: {again:?}"
    );
    let ids: Vec<i64> = again.iter().map(|(id, _)| *id).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "no change twice");
}

#[tokio::test]
async fn a_result_downloads_as_csv_for_its_own_project_only() {
    let app = spawn_app().await;
    app.import_tiny("g").await;
    let (code, resp) = app
        .post(
            &app.graph_url("g", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "pagerank", "parameters": {}}),
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let id = resp["jobId"].as_str().unwrap().to_owned();
    app.wait_engine_job(&id).await;
    let url = app.url(&format!("/console/jobs/{id}/result.csv"));

    let r = app.client.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let other = app.engine.create_token("p2").await.unwrap();
    let r = app
        .client
        .get(&url)
        .header("Cookie", cookie(&other))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        404,
        "another project's job is not found, not forbidden"
    );

    let r = app
        .client
        .get(&url)
        .header("Cookie", cookie(&app.token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let text = r.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "id,pagerank");
    assert_eq!(lines.len(), 5, "a header and the 4 vertices: {text}");
    let mut ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    let sum: f64 = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(1).unwrap().parse::<f64>().unwrap())
        .sum();
    assert!(sum > 0.0, "{text}");
    assert_eq!(PROJECT, "p1");
}

#[tokio::test]
async fn server_functions_refuse_cross_site_requests() {
    let app = spawn_app().await;
    let host = app.base.trim_start_matches("http://").to_owned();
    let call = |origin: Option<&'static str>, site: Option<&'static str>| {
        let mut req = app
            .client
            .post(app.url(F::CancelJob.path()))
            .header("Cookie", cookie(&app.token))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("id=no-such-job");
        if let Some(o) = origin {
            req = req.header("Origin", o);
        }
        if let Some(s) = site {
            req = req.header("Sec-Fetch-Site", s);
        }
        req.send()
    };
    let evil = call(Some("https://evil.example"), None).await.unwrap();
    assert_eq!(evil.status(), 403);
    let fetch = call(None, Some("cross-site")).await.unwrap();
    assert_eq!(fetch.status(), 403);
    // From the console's own origin the call reaches the function (which finds no such job).
    let own = format!("http://{host}");
    let ok = app
        .client
        .post(app.url(F::CancelJob.path()))
        .header("Cookie", cookie(&app.token))
        .header("Origin", own)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("id=no-such-job")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 404);
}

#[tokio::test]
async fn the_upload_refuses_a_body_that_is_not_multipart_and_the_server_stays_up() {
    let app = spawn_app().await;
    for content_type in ["application/json", "multipart/form-data", "text/plain"] {
        let res = app
            .client
            .post(app.url(F::UploadImport.path()))
            .header("Cookie", cookie(&app.token))
            .header("Content-Type", content_type)
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 415, "{content_type}");
    }
    // A real multipart form with no files reaches the function, which checks the fields.
    let body =
        "--b0\r\nContent-Disposition: form-data; name=\"form[graph]\"\r\n\r\n9lives\r\n--b0--\r\n";
    let res = app
        .client
        .post(app.url(F::UploadImport.path()))
        .header("Cookie", cookie(&app.token))
        .header("Content-Type", "multipart/form-data; boundary=b0")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("Graph name"));
}
