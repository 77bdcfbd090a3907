use super::*;

// Vectors produced by the official Python SDK's signer (huaweicloudsdkcore 3.1.219,
// `Signer.sign`) for AK `AKTESTKEY123`, SK `secret-key-456`.
const SK: &str = "secret-key-456";
const DATE: &str = "20261122T080000Z";

fn headers() -> Vec<(String, String)> {
    [
        ("Content-Type", "application/json"),
        ("X-Project-Id", "proj1"),
        ("X-Sdk-Date", DATE),
        ("User-Agent", "huaweicloud-usdk-python/3.0"),
        ("Host", "127.0.0.1:3000"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn at(date: &str) -> OffsetDateTime {
    parse_sdk_date(date).unwrap()
}

#[test]
fn a_get_signed_by_the_python_sdk_verifies() {
    let headers = headers();
    let parts = RequestParts {
        method: "GET",
        path: "/v2/proj1/graphs/jobs",
        query: "graph_name=movie%20x&limit=10&status=running",
        headers: &headers,
        body: b"",
    };
    let auth = parse_authorization("SDK-HMAC-SHA256 Access=AKTESTKEY123, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=191fa92a5be83c35928dca50559ddc2567c54373e37e3456a6717263ea14f995").unwrap();
    assert_eq!(auth.access, "AKTESTKEY123");
    assert_eq!(verify(&parts, &auth, SK, at(DATE)), Ok(()));
    assert_eq!(
        verify(&parts, &auth, "wrong", at(DATE)),
        Err(SignatureError::Mismatch)
    );
    let tampered = RequestParts {
        query: "graph_name=movie%20y&limit=10&status=running",
        ..parts.clone()
    };
    assert_eq!(
        verify(&tampered, &auth, SK, at(DATE)),
        Err(SignatureError::Mismatch)
    );
    // Query order on the wire does not matter; the canonical form sorts it.
    let reordered = RequestParts {
        query: "status=running&limit=10&graph_name=movie%20x",
        ..parts
    };
    assert_eq!(verify(&reordered, &auth, SK, at(DATE)), Ok(()));
}

#[test]
fn a_post_body_is_covered_by_the_signature() {
    let headers = headers();
    let parts = RequestParts {
        method: "POST",
        path: "/v1.0/p/graphs/g1/action",
        query: "action_id=import-graph",
        headers: &headers,
        body: br#"{"a": 1}"#,
    };
    let auth = parse_authorization("SDK-HMAC-SHA256 Access=AKTESTKEY123, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=97c42ceabc9f1398e521f864a7735885b1ea28c22dd69dc871c7e0be0b8d8f6a").unwrap();
    assert_eq!(verify(&parts, &auth, SK, at(DATE)), Ok(()));
    let other_body = RequestParts {
        body: br#"{"a": 2}"#,
        ..parts
    };
    assert_eq!(
        verify(&other_body, &auth, SK, at(DATE)),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn old_or_future_dates_are_refused_as_replays() {
    let headers = headers();
    let parts = RequestParts {
        method: "GET",
        path: "/x",
        query: "",
        headers: &headers,
        body: b"",
    };
    let sig = sign(&parts, &["x-sdk-date".into()], SK, DATE).unwrap();
    let auth = SignedAuth {
        access: "AK".into(),
        signed_headers: vec!["x-sdk-date".into()],
        signature: sig,
    };
    assert_eq!(verify(&parts, &auth, SK, at("20261122T081400Z")), Ok(()));
    assert_eq!(
        verify(&parts, &auth, SK, at("20261122T081600Z")),
        Err(SignatureError::Expired)
    );
    assert_eq!(
        verify(&parts, &auth, SK, at("20261122T074400Z")),
        Err(SignatureError::Expired)
    );
}

#[test]
fn malformed_headers_are_refused_with_a_reason() {
    for (value, _) in [
        ("Bearer x", "algorithm"),
        ("SDK-HMAC-SHA256", "fields"),
        ("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host", "signature"),
        (
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=zz",
            "hex",
        ),
        (
            "SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=00",
            "access",
        ),
        (
            "SDK-HMAC-SHA256 Access=A, Access=B, SignedHeaders=host, Signature=00",
            "repeat",
        ),
        (
            "SDK-HMAC-SHA256 Access=A, SignedHeaders=;, Signature=0000000000000000000000000000000000000000000000000000000000000000",
            "empty header",
        ),
    ] {
        assert!(
            matches!(
                parse_authorization(value),
                Err(SignatureError::Malformed(_))
            ),
            "{value}"
        );
    }
    let headers = headers();
    let parts = RequestParts {
        method: "GET",
        path: "/",
        query: "",
        headers: &headers,
        body: b"",
    };
    assert_eq!(
        canonical_request(&parts, &["x-missing".into()]),
        Err(SignatureError::MissingHeader("x-missing".into()))
    );
    assert_eq!(
        parse_sdk_date("2026-11-22T08:00:00Z"),
        Err(SignatureError::BadDate)
    );
}

#[test]
fn paths_and_queries_are_canonicalised_like_the_sdk() {
    assert_eq!(canonical_uri("/v1/p/graphs"), "/v1/p/graphs/");
    assert_eq!(canonical_uri("/a%20b/c~d/"), "/a%20b/c~d/");
    assert_eq!(canonical_query("b=2&a=x%2Fy&a=1"), "a=1&a=x%2Fy&b=2");
    assert_eq!(decode("%zz%4"), "%zz%4");
    assert_eq!(encode("é"), "%C3%A9");
}
