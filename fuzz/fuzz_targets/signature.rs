//! The AK/SK `Authorization` header parser and verifier on arbitrary headers, dates and bodies:
//! an error or a verdict, never a panic; a request signed with the key verifies.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut fields = text.splitn(4, '\n');
    let authorization = fields.next().unwrap_or_default();
    let date = fields.next().unwrap_or_default();
    let query = fields.next().unwrap_or_default();
    let body = fields.next().unwrap_or_default();
    let headers = vec![
        ("x-sdk-date".to_owned(), date.to_owned()),
        ("host".to_owned(), "127.0.0.1:3000".to_owned()),
    ];
    let parts = engine::auth::signature::RequestParts {
        method: "POST",
        path: "/v2/demo/graphs/jobs",
        query,
        headers: &headers,
        body: body.as_bytes(),
    };
    let now = time::OffsetDateTime::now_utc();
    if let Ok(auth) = engine::auth::signature::parse_authorization(authorization) {
        let _ = engine::auth::signature::verify(&parts, &auth, "secret", now);
    }
    let _ = engine::auth::signature::parse_sdk_date(date);
    let signed = ["host".to_owned(), "x-sdk-date".to_owned()];
    if let Ok(sig) = engine::auth::signature::sign(&parts, &signed, "secret", date) {
        let header = format!(
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature={sig}"
        );
        let auth = engine::auth::signature::parse_authorization(&header).expect("own header");
        if engine::auth::signature::parse_sdk_date(date)
            .is_ok_and(|d| (now - d).abs() < time::Duration::minutes(14))
        {
            engine::auth::signature::verify(&parts, &auth, "secret", now).expect("own signature");
        }
    }
});
