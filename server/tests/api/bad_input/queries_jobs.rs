//! Vertex and edge filter queries; job status, list and cancel.

use serde_json::json;

use super::{TEN_MB, TWO_64, delete, fixture, ges, get, huge, malformed, post, put, run};
use crate::helpers::PROJECT;

#[tokio::test]
async fn filter_queries() {
    let fx = fixture().await;
    let mut cases = Vec::new();
    for (what, filters) in [("vertices", "vertexFilters"), ("edges", "edgeFilters")] {
        let url = ges(&format!("/graphs/tiny/{what}/action?action_id=query"));
        let q = |extra: &str| format!(r#"{{"labels":["person"],{extra}}}"#);
        let filter = |predicate: &str, values: serde_json::Value| {
            let one = json!({"propertyName": "Name", "predicate": predicate, "values": values});
            json!({ filters: [one] })
        };
        let person = json!({"labels": ["person"]});
        let on = |graph: &str, action: &str| ges(&format!("/graphs/{graph}/{what}/action{action}"));
        cases.extend(malformed().into_iter().map(|b| {
            post(&url)
                .raw(b)
                .refused("GES.8000", "invalid request body")
        }));
        cases.extend([
            post(&url).raw("").code("GES.8000"),
            post(&url).raw("[]").refused("GES.8000", "JSON object"),
            post(&url)
                .raw("\"person\"")
                .refused("GES.8000", "JSON object"),
            post(&url).json(json!({})).refused("GES.8000", filters),
            post(&url)
                .json(json!({"labels": "person"}))
                .refused("GES.8000", "labels"),
            post(&url)
                .json(json!({"labels": [5]}))
                .refused("GES.8000", "labels"),
            post(&url)
                .json(json!({"labels": [""]}))
                .refused("GES.8000", "labels"),
            post(&url)
                .json(json!({filters: {}}))
                .refused("GES.8000", filters),
            post(&url)
                .json(json!({filters: ["x"]}))
                .refused("GES.8000", filters),
            post(&url)
                .json(filter("😀", json!(["a"])))
                .refused("GES.8000", "predicate"),
            post(&url)
                .json(filter("=\u{0}", json!(["a"])))
                .refused("GES.8000", "predicate"),
            post(&url)
                .json(filter("=", json!([{"a": 1}])))
                .refused("GES.8000", "values"),
            post(&url)
                .json(filter("=", json!("a")))
                .refused("GES.8000", "values"),
            post(&url)
                .json(json!({"labels": ["person"], "sorts": "Name"}))
                .refused("GES.8000", "sorts"),
            post(&url)
                .raw(q(r#""offset":1e308"#))
                .refused("GES.8000", "offset"),
            post(&url)
                .raw(q(&format!(r#""offset":{TWO_64}"#)))
                .refused("GES.8000", "offset"),
            post(&url)
                .raw(q(r#""offset":-1e308"#))
                .refused("GES.8000", "offset"),
            post(&url)
                .raw(q(r#""offset":"-1""#))
                .refused("GES.8000", "offset"),
            post(&url)
                .raw(q(r#""limit":1e308"#))
                .refused("GES.8000", "limit"),
            post(&url)
                .raw(q(&format!(r#""limit":"{TWO_64}""#)))
                .refused("GES.8000", "limit"),
            post(&url)
                .raw(q(r#""limit":-1"#))
                .refused("GES.8000", "limit"),
            post(&url)
                .raw(q(r#""limit":0.5"#))
                .refused("GES.8000", "limit"),
            post(&url)
                .raw(r#"{"labels":["\ud800person"]}"#)
                .refused("GES.8000", "invalid request body"),
            post(&url)
                .json(json!({"labels": [huge(TEN_MB)]}))
                .want(413, "GES.8000")
                .says("too large"),
            post(on("tiny", "?action_id=query%00"))
                .json(person.clone())
                .refused("GES.8000", "action_id"),
            post(on("tiny", "?action_id=%E2%80%AEquery"))
                .json(person.clone())
                .refused("GES.8000", "action_id"),
            post(on("tiny", ""))
                .json(person.clone())
                .refused("GES.8000", "action_id"),
            post(on("nosuch", "?action_id=query"))
                .json(person.clone())
                .refused("GES.8000", "nosuch"),
            post(on("%F0%9F%98%80", "?action_id=query"))
                .json(person.clone())
                .refused("GES.8000", "graph name"),
            post(on("%FF", "?action_id=query"))
                .json(person.clone())
                .code("GES.8000"),
            post(&url)
                .json(person.clone())
                .header("X-Job-Priority", "1e308")
                .refused("GES.8000", "x-job-priority"),
            post(&url)
                .json(person.clone())
                .header("X-Idempotency-Key", b"\x80".to_vec())
                .refused("GES.8000", "ASCII"),
        ]);
    }
    run(&fx, "filter queries", cases).await;
}

#[tokio::test]
async fn job_status_list_and_cancel() {
    let fx = fixture().await;
    let status = |job: &str, q: &str| get(ges(&format!("/graphs/tiny/jobs/{job}/status{q}")));
    let pr = fx.pagerank.as_str();
    let list = |q: &str| get(ges(&format!("/graphs/tiny/jobs/status{q}")));
    let cancel = |graph: &str, job: &str| delete(ges(&format!("/graphs/{graph}/jobs/{job}")));
    let cases = vec![
        // Paging numbers (errors.rs covers limit=100001, offset=-1, limit=abc, offset=1e3 on
        // the list).
        status(pr, &format!("?offset={TWO_64}")).refused("GES.8000", "offset"),
        status(pr, "?offset=1e308").refused("GES.8000", "offset"),
        status(pr, "?offset=-1").refused("GES.8000", "offset"),
        status(pr, "?limit=-1").refused("GES.8000", "limit"),
        status(pr, &format!("?limit={TWO_64}")).refused("GES.8000", "limit"),
        status(pr, "?limit=0x10").refused("GES.8000", "limit"),
        status(pr, "?offset=%F0%9F%98%80").refused("GES.8000", "offset"),
        status(pr, "?offset=%00").refused("GES.8000", "offset"),
        status(pr, "?offset=%FF").refused("GES.8000", "offset"),
        status(pr, "?limit=10%0D%0AX-Injected:%201").refused("GES.8000", "limit"),
        status(pr, "?offset=18446744073709551615&limit=100000").accepted(),
        list(&format!("?offset={TWO_64}")).refused("GES.8000", "offset"),
        list(&format!("?limit={TWO_64}")).refused("GES.8000", "limit"),
        list("?limit=-1e308").refused("GES.8000", "limit"),
        list("?offset=18446744073709551615").accepted(),
        // Unicode, NUL, invalid UTF-8 and traversal in ids and graph names.
        status("%F0%9F%98%80", "").refused("GES.8000", "😀"),
        status("%E2%80%AE", "").refused("GES.8000", "is not found"),
        status("%00", "").refused("GES.8000", "is not found"),
        status("%FF", "").code("GES.8000"),
        status("%ED%A0%80", "").code("GES.8000"),
        status(&format!("..%2F..%2F{pr}"), "").refused("GES.8000", "is not found"),
        status(&huge(60 * 1024), "").refused("GES.8000", "is not found"),
        get(ges(&format!("/graphs/%E2%80%AEtiny/jobs/{pr}/status"))).code("GES.8402"),
        get(ges(&format!("/graphs/tiny%00/jobs/{pr}/status"))).code("GES.8402"),
        get(ges(&format!("/graphs/%FF/jobs/{pr}/status"))).code("GES.8000"),
        get(ges("/graphs/%F0%9F%98%80/jobs/status")).code("GES.8000"),
        get(ges("/graphs/..%2F..%2Fetc/jobs/status")).code("GES.8000"),
        // Cancel: nothing to cancel is GES.8303, whatever the id looks like.
        cancel("tiny", pr).code("GES.8303"),
        cancel("tiny", "%F0%9F%98%80").code("GES.8303"),
        cancel("tiny", "%00").code("GES.8303"),
        cancel("tiny", &format!("..%2F{pr}")).code("GES.8303"),
        cancel("tiny", &format!("{pr}%0D%0A")).code("GES.8303"),
        cancel("tiny", "%FF").code("GES.8000"),
        cancel("%E2%80%AEtiny", pr).code("GES.8303"),
        cancel("%FF", pr).code("GES.8000"),
        // Tenancy cannot be side-stepped with an encoded project id.
        get(format!("/ges/v1.0/..%2F{PROJECT}/graphs/tiny/jobs/status")).want(403, "GES.8006"),
        get(format!("/ges/v1.0/{PROJECT}%00/graphs/tiny/jobs/status")).want(403, "GES.8006"),
        get("/ges/v1.0/%70%31/graphs/tiny/jobs/status").want(403, "GES.8006"),
        // Wrong methods and literal `..` in the path.
        put(ges("/graphs/tiny/jobs/status")).want(405, "GES.8000"),
        post(ges(&format!("/graphs/tiny/jobs/{pr}/status"))).want(405, "GES.8000"),
        get(ges(&format!("/graphs/tiny/jobs/../jobs/{pr}/status"))).want(404, "GES.8000"),
        get(ges("/graphs/tiny/../../../../v2/p1/graphs")).want(404, "GES.8000"),
        // Credentials in odd bytes.
        list("")
            .anonymous()
            .header("X-Auth-Token", b"\x80\x81".to_vec())
            .want(401, "GES.8007"),
        list("")
            .anonymous()
            .header("X-Auth-Token", huge(60 * 1024))
            .want(401, "GES.8007"),
        list("").header("X-Project-Id", "otherproject").accepted(),
        list("").header("Content-Type", b"\xff".to_vec()).accepted(),
    ];
    run(&fx, "job status/list/cancel", cases).await;
}
