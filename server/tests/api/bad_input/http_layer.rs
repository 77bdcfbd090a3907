//! What hyper refuses while parsing a request, before the router (and so the envelopes).

use super::wire::send_raw;
use super::{TEN_MB, fixture, ges, huge, read_back, stored};

/// Requests hyper refuses while parsing, before any of graphjobs' code runs: it answers with a
/// status and an empty body (hyper 1 has no hook for that answer), and closes the connection.
/// What matters here: hyper's status (414 URI too long, 431 head too large, 400 malformed),
/// no crash, the server keeps serving, and nothing stored changes.
#[tokio::test]
async fn the_http_layer_refuses_what_never_reaches_the_router() {
    let fx = fixture().await;
    let token = fx.app.token.clone();
    let list = ges("/graphs/tiny/jobs/status");
    let head = |target: &str, extra: &[u8]| {
        let mut r = format!(
            "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Auth-Token: {token}\r\n"
        )
        .into_bytes();
        r.extend(extra);
        r.extend(b"\r\n");
        r
    };
    let cases: Vec<(&str, Vec<u8>, &[u16])> = vec![
        (
            "10 MB path segment",
            head(&ges(&format!("/graphs/{}/jobs/status", huge(TEN_MB))), b""),
            &[431],
        ),
        (
            "10 MB query parameter",
            head(&format!("{list}?offset={}", "9".repeat(TEN_MB)), b""),
            &[431],
        ),
        (
            "100 KB path segment",
            head(
                &ges(&format!("/graphs/{}/jobs/status", huge(100 << 10))),
                b"",
            ),
            &[414],
        ),
        (
            "10 MB header",
            head(
                &list,
                format!("X-Idempotency-Key: {}\r\n", huge(TEN_MB)).as_bytes(),
            ),
            &[431],
        ),
        (
            "CR inside X-Auth-Token",
            head(&list, b"X-Auth-Token: abc\rdef\r\n"),
            &[400],
        ),
        (
            "NUL inside X-Idempotency-Key",
            head(&list, b"X-Idempotency-Key: a\x00b\r\n"),
            &[400],
        ),
        (
            "folded header",
            head(&list, b"X-Project-Id: p1\r\n otherproject\r\n"),
            &[400],
        ),
        (
            "space in the target",
            head("/ges/v1.0/p1/graphs/ti ny/jobs/status", b""),
            &[400],
        ),
        (
            "raw UTF-8 in the target",
            head("/ges/v1.0/p1/graphs/😀/jobs/status", b""),
            &[400],
        ),
        (
            "negative Content-Length",
            head(&list, b"Content-Length: -1\r\n"),
            &[400],
        ),
        (
            "two Content-Lengths",
            head(&list, b"Content-Length: 1\r\nContent-Length: 2\r\n"),
            &[400],
        ),
        (
            "10 MB header name",
            head(&list, format!("{}: x\r\n", huge(TEN_MB)).as_bytes()),
            &[431],
        ),
    ];
    let before = stored(&fx).await;
    let mut failures = Vec::new();
    for (what, req, want) in cases {
        match send_raw(&fx.app, req).await {
            Ok(reply) if want.contains(&reply.status) => {}
            Ok(reply) => failures.push(format!("{what}: HTTP {} (want {want:?})", reply.status)),
            Err(e) => failures.push(format!("{what}: {e}")),
        }
        let (code, body) = fx.app.get(&fx.app.url(&list)).await;
        assert_eq!(code, 200, "still serving after {what}: {body}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(stored(&fx).await, before);
    read_back(&fx).await;
}
