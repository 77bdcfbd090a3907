//! execute-algorithm: bodies, parameters, paths, submit options and credentials.

use serde_json::json;

use super::{Case, TEN_MB, TWO_64, fixture, ges, huge, malformed, post, run};
use crate::helpers::PROJECT;

#[tokio::test]
async fn execute_algorithm() {
    let fx = fixture().await;
    let url = ges("/graphs/tiny/action?action_id=execute-algorithm");
    let on = |graph: &str| {
        ges(&format!(
            "/graphs/{graph}/action?action_id=execute-algorithm"
        ))
    };
    let pr = |extra: &str| format!(r#"{{"algorithmName":"pagerank",{extra}}}"#);
    let mut cases: Vec<Case> = malformed()
        .into_iter()
        .map(|b| {
            post(&url)
                .raw(b)
                .refused("GES.8000", "invalid request body")
        })
        .collect();
    cases.extend([
        // Wrong JSON types.
        post(&url)
            .raw("")
            .refused("GES.8000", "invalid request body"),
        post(&url).raw("[]").code("GES.8000"),
        post(&url).raw("null").code("GES.8000"),
        post(&url).raw("\"pagerank\"").code("GES.8000"),
        post(&url)
            .json(json!({"algorithmName": ["pagerank"]}))
            .code("GES.8000"),
        post(&url)
            .json(json!({"algorithmName": null}))
            .code("GES.8000"),
        post(&url)
            .json(json!({"algorithmName": "pagerank", "parameters": []}))
            .code("GES.8000"),
        post(&url)
            .json(json!({"algorithmName": "pagerank", "parameters": "alpha=0.85"}))
            .code("GES.8000"),
        post(&url)
            .json(json!({"algorithmName": "pagerank", "executionMode": 5}))
            .code("GES.8000"),
        post(&url)
            .json(json!({"algorithmName": "pagerank", "offset": {"n": 1}}))
            .refused("GES.8000", "offset"),
        // Huge and negative numbers.
        post(&url)
            .raw(pr(r#""offset":1e308"#))
            .refused("GES.8000", "offset"),
        post(&url)
            .raw(pr(&format!(r#""offset":{TWO_64}"#)))
            .refused("GES.8000", "offset"),
        post(&url)
            .raw(pr(r#""offset":-1"#))
            .refused("GES.8000", "offset"),
        post(&url)
            .raw(pr(r#""offset":"-1""#))
            .refused("GES.8000", "offset"),
        post(&url)
            .raw(pr(r#""limit":1e308"#))
            .refused("GES.8000", "limit"),
        post(&url)
            .raw(pr(&format!(r#""limit":"{TWO_64}""#)))
            .refused("GES.8000", "limit"),
        post(&url)
            .raw(pr(r#""limit":-1"#))
            .refused("GES.8000", "limit"),
        post(&url)
            .raw(pr(r#""parameters":{"alpha":1e308}"#))
            .refused("GES.8000", "alpha"),
        post(&url)
            .raw(pr(r#""parameters":{"alpha":-1e308}"#))
            .refused("GES.8000", "alpha"),
        post(&url)
            .raw(pr(&format!(
                r#""parameters":{{"max_iterations":{TWO_64}}}"#
            )))
            .refused("GES.8000", "max_iterations"),
        post(&url)
            .raw(pr(r#""parameters":{"max_iterations":-1}"#))
            .refused("GES.8000", "max_iterations"),
        post(&url)
            .raw(r#"{"algorithmName":"k_hop","parameters":{"source":"a","k":1e308}}"#)
            .refused("GES.8000", "[k]"),
        post(&url)
            .raw(format!(
                r#"{{"algorithmName":"k_hop","parameters":{{"source":"a","k":{TWO_64}}}}}"#
            ))
            .refused("GES.8000", "[k]"),
        post(&url)
            .raw(r#"{"algorithmName":"k_hop","parameters":{"source":"a","k":-1}}"#)
            .refused("GES.8000", "[k]"),
        // Unicode in names.
        post(&url)
            .json(json!({"algorithmName": "😀"}))
            .refused("GES.8000", "😀"),
        post(&url)
            .json(json!({"algorithmName": "\u{202e}knaregap"}))
            .code("GES.8000"),
        post(&url)
            .json(json!({"algorithmName": "page\u{0}rank"}))
            .code("GES.8000"),
        post(&url)
            .raw(r#"{"algorithmName":"\ud83d"}"#)
            .refused("GES.8000", "invalid request body"),
        post(&url)
            .raw(pr(r#""parameters":{"\udfff":1}"#))
            .refused("GES.8000", "invalid request body"),
        post(&url)
            .json(json!({"algorithmName": "pagerank", "parameters": {"directed": "\u{0}"}}))
            .refused("GES.8000", "directed"),
        // 10 MB in a body field.
        post(&url)
            .json(json!({"algorithmName": huge(TEN_MB)}))
            .want(413, "GES.8000")
            .says("too large"),
        // The graph and the action in the path.
        post(on("%F0%9F%98%80"))
            .json(json!({"algorithmName": "pagerank"}))
            .refused("GES.8000", "graph name"),
        post(on("%E2%80%AEtiny"))
            .json(json!({"algorithmName": "pagerank"}))
            .refused("GES.8000", "graph name"),
        post(on("tiny%00"))
            .json(json!({"algorithmName": "pagerank"}))
            .refused("GES.8000", "graph name"),
        post(on("..%2F..%2Ftiny"))
            .json(json!({"algorithmName": "pagerank"}))
            .refused("GES.8000", "graph name"),
        post(on("%FF%FE"))
            .json(json!({"algorithmName": "pagerank"}))
            .code("GES.8000"),
        post(on("%ED%A0%80"))
            .json(json!({"algorithmName": "pagerank"}))
            .code("GES.8000"),
        post(on(&huge(60 * 1024)))
            .json(json!({"algorithmName": "pagerank"}))
            .refused("GES.8000", "graph name"),
        post(ges("/graphs/tiny/action?action_id=execute-algorithm%00"))
            .json(json!({"algorithmName": "pagerank"}))
            .refused("GES.8000", "action_id"),
        post(ges(
            "/graphs/tiny/action?action_id=execute-algorithm%0D%0AX-Injected:%201",
        ))
        .json(json!({"algorithmName": "pagerank"}))
        .refused("GES.8000", "action_id"),
        post(ges("/graphs/tiny/action?action_id=%F0%9F%98%80"))
            .json(json!({"algorithmName": "pagerank"}))
            .refused("GES.8000", "😀"),
        // Bogus content types with a body that is not JSON.
        post(&url)
            .header("Content-Type", "text/plain")
            .raw("algorithmName=pagerank")
            .refused("GES.8000", "invalid request body"),
        post(&url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .raw("algorithmName=pagerank")
            .code("GES.8000"),
        post(&url)
            .header("Content-Type", b"\xff\xfe/\x80".to_vec())
            .raw("<xml/>")
            .code("GES.8000"),
        post(&url)
            .header("Content-Type", "multipart/form-data; boundary=x")
            .raw("--x\r\n\r\n{}\r\n--x--")
            .code("GES.8000"),
    ]);
    // Header injection: submit options and credentials.
    let ok = json!({"algorithmName": "pagerank"});
    cases.extend([
        post(&url)
            .json(ok.clone())
            .header("X-Idempotency-Key", b"k\xff\xfe".to_vec())
            .refused("GES.8000", "ASCII"),
        post(&url)
            .json(ok.clone())
            .header("X-Idempotency-Key", "😀".as_bytes().to_vec())
            .refused("GES.8000", "ASCII"),
        post(&url)
            .json(ok.clone())
            .header("X-Idempotency-Key", "a b")
            .refused("GES.8000", "idempotency key"),
        post(&url)
            .json(ok.clone())
            .header("X-Idempotency-Key", huge(4096))
            .refused("GES.8000", "idempotency key"),
        // A CRLF in the key ends it and starts another header, which is validated in turn.
        post(&url)
            .json(ok.clone())
            .header(
                "X-Idempotency-Key",
                "k1\r\nX-Job-Priority: 9223372036854775807",
            )
            .refused("GES.8000", "priority"),
        post(&url)
            .json(ok.clone())
            .header("X-Job-Priority", TWO_64)
            .refused("GES.8000", "x-job-priority"),
        post(&url)
            .json(ok.clone())
            .header("X-Job-Priority", "1e308")
            .refused("GES.8000", "x-job-priority"),
        post(&url)
            .json(ok.clone())
            .header("X-Job-Priority", "-9223372036854775809")
            .refused("GES.8000", "x-job-priority"),
        post(&url)
            .json(ok.clone())
            .header("X-Job-Priority", "-1000")
            .refused("GES.8000", "priority"),
        post(&url)
            .json(ok.clone())
            .header("X-Job-Priority", "\u{202e}1".as_bytes().to_vec())
            .code("GES.8000"),
        post(&url)
            .json(ok.clone())
            .anonymous()
            .header("X-Auth-Token", b"\xff\xfe\x80".to_vec())
            .want(401, "GES.8007"),
        post(&url)
            .json(ok.clone())
            .anonymous()
            .header(
                "X-Auth-Token",
                format!("{}\u{202e}", fx.app.token).into_bytes(),
            )
            .want(401, "GES.8007"),
        // A second credential smuggled after a bare LF is a second header; the first one counts.
        post(&url)
            .json(ok.clone())
            .anonymous()
            .header(
                "X-Auth-Token",
                format!("bogus\nX-Auth-Token: {}", fx.app.token),
            )
            .want(401, "GES.8007"),
        post(&url)
            .json(ok.clone())
            .anonymous()
            .header("X-Project-Id", PROJECT)
            .header("X-Auth-Token", "p1\r\nX-Project-Id: p1")
            .want(401, "GES.8007"),
        post(&url)
            .json(ok.clone())
            .anonymous()
            .header(
                "Authorization",
                b"SDK-HMAC-SHA256 Access=\xff, SignedHeaders=host, Signature=00".to_vec(),
            )
            .want(401, "GES.8007"),
        post(&url)
            .json(ok.clone())
            .anonymous()
            .header(
                "Authorization",
                "SDK-HMAC-SHA256 Access=AK\r\nX-Sdk-Date: 20000101T000000Z",
            )
            .want(401, "GES.8007"),
    ]);
    run(&fx, "execute-algorithm", cases).await;
}
