//! HyG routes and the generic cloud job query.

use serde_json::json;

use super::{
    TEN_MB, TWO_64, delete, fixture, ges, get, huge, malformed, post, put, run, traversals,
};
use crate::helpers::PROJECT;
use crate::obs_app::obs_ok;

fn hyg(rest: &str) -> String {
    ges(&format!("/hyg{rest}"))
}

#[tokio::test]
async fn hyg_routes() {
    let fx = fixture().await;
    let pr = fx.pagerank.as_str();
    let algo = hyg("/tiny/algorithm");
    let a = |extra: &str| format!(r#"{{"algorithmName":"pagerank",{extra}}}"#);
    let k_hop = |extra: &str| {
        format!(r#"{{"algorithmName":"k_hop","parameters":{{"source":"a","k":2,{extra}}}}}"#)
    };
    let dump = hyg(&format!("/tiny/jobs/{pr}/export-result"));
    let mut cases = Vec::new();
    for url in [hyg("/tiny"), hyg("/tiny/sync"), algo.clone(), dump.clone()] {
        cases.extend(malformed().into_iter().map(|b| {
            post(&url)
                .raw(b)
                .refused("GES.8000", "invalid request body")
        }));
        cases.push(
            post(&url)
                .json(json!({"pad": huge(TEN_MB)}))
                .want(413, "GES.8000")
                .says("too large"),
        );
        cases.push(post(&url).raw("[]").code("GES.8000"));
    }
    cases.extend([
        // Create.
        post(hyg("/tiny"))
            .json(json!({"inEdge": "yes"}))
            .code("GES.8000"),
        post(hyg("/tiny"))
            .json(json!({"policy": 7}))
            .code("GES.8000"),
        post(hyg("/other"))
            .json(json!({"policy": "oec\u{0}"}))
            .refused("GES.8000", "policy"),
        post(hyg("/%F0%9F%98%80")).json(json!({})).code("GES.8000"),
        post(hyg("/%FF")).json(json!({})).code("GES.8000"),
        // Sync.
        post(hyg("/tiny/sync"))
            .json(json!({"vertex": "person"}))
            .refused("GES.8000", "vertex"),
        post(hyg("/tiny/sync"))
            .json(json!({"vertex": [{"label": 5}]}))
            .refused("GES.8000", "vertex"),
        post(hyg("/tiny/sync"))
            .json(json!({"edge": [{"label": "knows", "property": "w"}]}))
            .refused("GES.8000", "edge"),
        post(hyg("/%E2%80%AE/sync"))
            .json(json!({}))
            .code("GES.8000"),
        post(hyg("/tiny/sync"))
            .json(json!({}))
            .header("X-Job-Priority", TWO_64)
            .refused("GES.8000", "x-job-priority"),
        post(hyg("/tiny/sync"))
            .json(json!({}))
            .header("X-Idempotency-Key", "k\tk")
            .refused("GES.8000", "idempotency key"),
        // Algorithm (hyg.rs covers FULL+JSON, timeout -3, bigclam, no name).
        post(&algo)
            .json(json!({"algorithmName": ["pagerank"]}))
            .refused("GES.8000", "algorithmName"),
        post(&algo)
            .json(json!({"algorithmName": "pagerank", "parameters": []}))
            .refused("GES.8000", "parameters"),
        post(&algo)
            .json(json!({"algorithmName": "pagerank", "output": "JSON"}))
            .refused("GES.8000", "output"),
        post(&algo)
            .json(json!({"algorithmName": "pagerank", "output": {"format": 5}}))
            .refused("GES.8000", "output.format"),
        post(&algo)
            .json(json!({"algorithmName": "pagerank", "output": {"mode": "\u{202e}FULL"}}))
            .refused("GES.8000", "output.mode"),
        post(&algo)
            .raw(a(r#""timeout":1e308"#))
            .refused("GES.8000", "timeout"),
        post(&algo)
            .raw(a(&format!(r#""timeout":{TWO_64}"#)))
            .refused("GES.8000", "timeout"),
        post(&algo)
            .raw(a(r#""timeout":2147483648"#))
            .refused("GES.8000", "timeout"),
        post(&algo)
            .raw(a(r#""timeout":"60""#))
            .refused("GES.8000", "timeout"),
        post(&algo)
            .raw(a(r#""parameters":{"alpha":1e308}"#))
            .refused("GES.8000", "alpha"),
        post(&algo)
            .raw(k_hop(&format!(r#""switch":{TWO_64}"#)))
            .refused("GES.8000", "switch"),
        post(&algo)
            .json(json!({"algorithmName": "😀"}))
            .refused("GES.8000", "😀"),
        post(&algo)
            .json(json!({"algorithmName": "page\u{0}rank"}))
            .code("GES.8000"),
        post(&algo)
            .raw(r#"{"algorithmName":"\udbffpagerank"}"#)
            .refused("GES.8000", "invalid request body"),
        post(&algo)
            .json(json!({"algorithmName": "pagerank"}))
            .header("X-Idempotency-Key", b"\xc3\x28".to_vec())
            .refused("GES.8000", "ASCII"),
        post(hyg("/nosuch/algorithm"))
            .json(json!({"algorithmName": "pagerank"}))
            .code("GES.8000"),
        // export-result through the HyG route.
        post(&dump)
            .json(json!({"exportPath": "dumps/x/", "obsParameters": obs_ok(), "fileName": "../x"}))
            .refused("GES.8000", "fileName"),
        post(hyg("/tiny/jobs/%00/export-result"))
            .json(json!({"exportPath": "dumps/x/", "obsParameters": obs_ok()}))
            .code("GES.8011"),
        post(hyg("/tiny/dsl")).raw("{").code("GES.8000"),
        post(hyg("/tiny/dsl"))
            .json(json!({"scriptPath": "dumps/../x.dsl"}))
            .refused("GES.8005", "'..' segments"),
        post(hyg("/tiny/dsl"))
            .json(json!({"scriptPath": 7}))
            .refused("GES.8005", "scriptPath"),
        post(hyg("/tiny/dsl"))
            .json(json!({"scriptPath": "file:///etc/../etc/passwd"}))
            .refused("GES.8005", "'..' is not allowed"),
        // Cancel one / all queued / delete the view, with hostile names.
        delete(hyg(&format!("/tiny/jobs/{pr}%0D%0A"))).code("GES.8303"),
        delete(hyg("/tiny/jobs/%F0%9F%98%80")).code("GES.8303"),
        delete(hyg("/tiny/jobs/..%2F..%2F")).code("GES.8303"),
        delete(hyg("/tiny/jobs/%FF")).code("GES.8000"),
        delete(hyg("/%E2%80%AEtiny/jobs")).code("GES.8000"),
        delete(hyg("/%00/jobs")).code("GES.8000"),
        delete(hyg("/..%2Ftiny")).code("GES.8000"),
        delete(hyg("/%F0%9F%98%80")).code("GES.8000"),
        get(hyg("/%E2%80%AE/summary")).code("GES.8000"),
        get(hyg("/%FF/summary")).code("GES.8000"),
        put(hyg("/tiny/summary")).want(405, "GES.8000"),
        get(hyg(""))
            .anonymous()
            .header("X-Auth-Token", b"\x80".to_vec())
            .want(401, "GES.8007"),
    ]);
    for path in traversals(&fx.data) {
        let body = json!({"exportPath": path, "obsParameters": obs_ok()});
        cases.push(post(&dump).json(body).refused("GES.8000", "path ["));
    }
    run(&fx, "HyG", cases).await;
}

#[tokio::test]
async fn cloud_job_query() {
    let fx = fixture().await;
    let imp = fx.import.as_str();
    let job = |id: &str| get(format!("/v1/{PROJECT}/jobs/{id}"));
    let cases = vec![
        job("%F0%9F%98%80").want(404, "GES.7007"),
        job("%E2%80%AE").want(404, "GES.7007"),
        job("%00").want(404, "GES.7007"),
        job("..%2F..%2Fetc%2Fpasswd").want(404, "GES.7007"),
        job(&format!("{imp}-999")).want(404, "GES.7007"),
        job(&format!("{imp}%0D%0A")).want(404, "GES.7007"),
        job(&format!("{imp}'%20OR%20'1'='1")).want(404, "GES.7007"),
        job(&huge(60 * 1024)).want(404, "GES.7007"),
        job("%FF").code("GES.0001"),
        job(&format!("{imp}?offset=1e308&limit=-1")).accepted(),
        post(format!("/v1/{PROJECT}/jobs/{imp}"))
            .json(json!({}))
            .want(405, "GES.0001"),
        job(imp)
            .anonymous()
            .header("X-Auth-Token", b"\xff".to_vec())
            .want(401, "GES.8007"),
        get(format!("/v1/..%2F{PROJECT}/jobs/{imp}")).want(403, "GES.8006"),
        get(format!("/v1/{PROJECT}%00/jobs/{imp}")).want(403, "GES.8006"),
    ];
    run(&fx, "cloud job query", cases).await;
}
