//! ModelArts visualization jobs.

use std::time::Duration;

use serde_json::{Value, json};

use super::{Case, TEN_MB, TWO_64, case, delete, fixture, get, huge, malformed, post, put, run};
use crate::helpers::PROJECT;

fn viz(rest: &str) -> String {
    format!("/v1/{PROJECT}/visualization-jobs{rest}")
}

#[tokio::test]
async fn visualization_jobs() {
    let fx = fixture().await;
    let id = fx.viz;
    let ok = json!({"job_name": "ok", "train_url": "/bucket/dir/"});
    let with = |field: &str, value: Value| {
        let mut b = ok.clone();
        b[field] = value;
        b
    };
    // `duration` sent as this raw JSON text.
    let schedule = |duration: &str| {
        let entry = json!({"type": "stop", "time_unit": "HOURS", "duration": "@"});
        with("schedule", entry)
            .to_string()
            .replace("\"@\"", duration)
    };
    let mut cases: Vec<Case> = malformed()
        .into_iter()
        .map(|b| {
            post(viz(""))
                .raw(b)
                .refused("ModelArts.0101", "invalid request body")
        })
        .collect();
    cases.extend([
        // Wrong types are malformed bodies (ModelArts.0101); broken rules ModelArts.0104
        // (visualization.rs covers the length and charset rules with plain ASCII).
        post(viz("")).raw("[]").code("ModelArts.0101"),
        post(viz("")).raw("null").code("ModelArts.0101"),
        post(viz(""))
            .json(with("job_name", json!(5)))
            .code("ModelArts.0101"),
        post(viz(""))
            .json(with("train_url", json!(["/bucket/dir/"])))
            .code("ModelArts.0101"),
        post(viz(""))
            .json(with("schedule", json!("stop")))
            .code("ModelArts.0101"),
        post(viz(""))
            .json(with("flavor", json!("cpu")))
            .code("ModelArts.0101"),
        post(viz(""))
            .json(with("job_name", json!("😀")))
            .refused("ModelArts.0104", "job_name"),
        post(viz(""))
            .json(with("job_name", json!("\u{202e}ko")))
            .refused("ModelArts.0104", "job_name"),
        post(viz(""))
            .json(with("job_name", json!("ok\u{0}")))
            .refused("ModelArts.0104", "job_name"),
        post(viz(""))
            .raw(r#"{"job_name":"\ud800","train_url":"/bucket/dir/"}"#)
            .refused("ModelArts.0101", "invalid request body"),
        post(viz(""))
            .json(with("job_desc", json!(huge(TEN_MB))))
            .want(413, "ModelArts.0101")
            .says("too large"),
        post(viz(""))
            .json(with("job_type", json!("😀")))
            .refused("ModelArts.0104", "job_type"),
        post(viz(""))
            .raw(schedule("1e308"))
            .refused("ModelArts.0104", "schedule.duration"),
        post(viz(""))
            .raw(schedule(TWO_64))
            .refused("ModelArts.0104", "schedule.duration"),
        post(viz(""))
            .raw(schedule("-1"))
            .refused("ModelArts.0104", "schedule.duration"),
        post(viz(""))
            .raw(schedule("\"\\u0000\""))
            .refused("ModelArts.0104", "schedule.duration"),
        // The list's query.
        get(viz(&format!("?page={TWO_64}"))).refused("ModelArts.0104", "page"),
        get(viz("?page=-1")).refused("ModelArts.0104", "page"),
        get(viz("?per_page=1e308")).refused("ModelArts.0104", "per_page"),
        get(viz("?status=1e308")).refused("ModelArts.0104", "status"),
        get(viz(&format!("?status={TWO_64}"))).refused("ModelArts.0104", "status"),
        get(viz(&format!(
            "?search_content={}",
            "%F0%9F%98%80".repeat(101)
        )))
        .refused("ModelArts.0104", "search content"),
        get(viz("?sortBy=job_id%00")).refused("ModelArts.0104", "sortBy"),
        get(viz("?order=desc%0D%0AX-Injected:%201")).refused("ModelArts.0104", "order"),
        get(viz("?workspace_id=%F0%9F%98%80")).code("ModelArts.0102"),
        get(viz("?page=18446744073709551615&per_page=1000")).accepted(),
        get(viz("?search_content=%00%E2%80%AE")).accepted(),
        // Ids in the path: anything but a job's number names no job (404 ModelArts.0107).
        get(viz(&format!("/{TWO_64}"))).want(404, "ModelArts.0107"),
        get(viz("/-1")).want(404, "ModelArts.0107"),
        get(viz("/1e308")).want(404, "ModelArts.0107"),
        get(viz("/%00")).want(404, "ModelArts.0107"),
        get(viz(&format!("/..%2F{id}"))).want(404, "ModelArts.0107"),
        get(viz(&format!("/{id}%E2%80%AE"))).want(404, "ModelArts.0107"),
        get(viz("/%FF")).code("ModelArts.0101"),
        get(viz(&format!("/{TWO_64}/view"))).want(404, "ModelArts.0107"),
        put(viz(&format!("/{id}")))
            .json(json!({"job_desc": 5}))
            .code("ModelArts.0101"),
        put(viz(&format!("/{id}")))
            .json(json!({"job_desc": huge(TEN_MB)}))
            .want(413, "ModelArts.0101")
            .says("too large"),
        put(viz(&format!("/{id}")))
            .raw(r#"{"job_desc":"\udc00"}"#)
            .code("ModelArts.0101"),
        put(viz(&format!("/{id}"))).raw("{").code("ModelArts.0101"),
        put(viz(&format!("/{id}")))
            .json(json!({"job_desc": "d".repeat(257)}))
            .refused("ModelArts.0104", "job_desc"),
        put(viz(&format!("/{TWO_64}")))
            .json(json!({"job_desc": "x"}))
            .want(404, "ModelArts.0107"),
        post(viz("/-1/stop")).want(404, "ModelArts.0107"),
        post(viz("/%F0%9F%98%80/restart")).want(404, "ModelArts.0107"),
        delete(viz(&format!("/{TWO_64}"))).want(404, "ModelArts.0107"),
        delete(viz(&format!("/{id}%00"))).want(404, "ModelArts.0107"),
        case("PATCH", viz("")).want(405, "ModelArts.0101"),
        get(viz(""))
            .anonymous()
            .header("X-Auth-Token", b"\xff".to_vec())
            .want(401, "ModelArts.0108"),
        get(format!("/v1/..%2F{PROJECT}/visualization-jobs")).want(403, "ModelArts.0108"),
    ]);
    // train_url: only the shape is checked at create (the roots are enforced when the job
    // reads it, see `a_train_url_outside_the_roots_fails_the_job`), so these are the shapes.
    for url in [
        "file://relative/dir/".to_owned(),
        format!("file://{}/../etc/", fx.data),
        "file:///tmp/\u{0}/".into(),
        "file:///tmp/\u{202e}\n/".into(),
        "obs://bucket/a/../b/".into(),
        "s3://bucket/./x/".into(),
        "/bucket/a\\b/".into(),
        "/bucket//x/".into(),
        "obs://../x/".into(),
        "/bucket/%2e%2e/\u{0}".into(),
        "http://169.254.169.254/latest/".into(),
        "file:".into(),
        "../../etc/passwd".into(),
        format!("/bucket/{}", "a/".repeat(600)),
        "/😀bucket/dir/".into(),
    ] {
        cases.push(
            post(viz(""))
                .json(with("train_url", json!(url)))
                .refused("ModelArts.0104", "train_url"),
        );
    }
    run(&fx, "visualization jobs", cases).await;
}

/// Accepted by design: a `file://` train_url outside the roots has a valid shape, so the job is
/// created — and FAILS when it starts, saying why, without reading anything there.
#[tokio::test]
async fn a_train_url_outside_the_roots_fails_the_job() {
    let fx = fixture().await;
    let (code, body) = fx
        .app
        .post(
            &fx.app.url(&viz("")),
            &json!({"job_name": "etc", "train_url": "file:///etc/"}),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let id = body["job_id"].as_i64().unwrap();
    let mut detail = Value::Null;
    for _ in 0..200 {
        let (_, d) = fx.app.get(&fx.app.url(&viz(&format!("/{id}")))).await;
        detail = d;
        if detail["status"] == 11 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(detail["status"], 11, "FAILED: {detail}");
    let (code, view) = fx.app.get(&fx.app.url(&viz(&format!("/{id}/view")))).await;
    assert_eq!(code, 400, "{view}");
    let msg = view["error_msg"].as_str().unwrap_or_default();
    assert!(msg.contains("outside the allowed import roots"), "{view}");
    assert!(!msg.contains("passwd"), "nothing of /etc is listed: {view}");
}
