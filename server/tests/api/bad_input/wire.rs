//! The raw HTTP/1.1 client of the tables and the envelope check of every surface.

use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::Case;
use crate::helpers::TestApp;

/// What came back.
#[derive(Debug)]
pub(super) struct Reply {
    pub(super) status: u16,
    content_type: String,
    allow: Option<String>,
    body: Vec<u8>,
}

/// Sends `case` on a fresh connection and reads the reply (writing and reading at once, so a
/// server that answers before reading a huge body is still heard).
pub(super) async fn send(app: &TestApp, case: &Case) -> Result<Reply, String> {
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut req = format!(
        "{} {} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n",
        case.method, case.target
    )
    .into_bytes();
    if case.token {
        req.extend(format!("X-Auth-Token: {}\r\n", app.token).bytes());
    }
    for (name, value) in &case.headers {
        req.extend(name.bytes());
        req.extend(b": ");
        req.extend(value);
        req.extend(b"\r\n");
    }
    let typed = case
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    if !case.body.is_empty() && !typed {
        req.extend(b"Content-Type: application/json\r\n");
    }
    req.extend(format!("Content-Length: {}\r\n\r\n", case.body.len()).bytes());
    req.extend(&case.body);
    send_raw(app, req).await
}

/// Writes `req` verbatim on a fresh connection and reads the reply.
pub(super) async fn send_raw(app: &TestApp, req: Vec<u8>) -> Result<Reply, String> {
    let addr = app.base.trim_start_matches("http://").to_owned();
    let stream = tokio::net::TcpStream::connect(&addr)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let (mut rd, mut wr) = stream.into_split();
    let writer = tokio::spawn(async move {
        // The server may answer and close before reading all of a huge body.
        let _ = wr.write_all(&req).await;
        wr
    });
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        match tokio::time::timeout(Duration::from_secs(30), rd.read(&mut chunk)).await {
            Err(_) => return Err("no answer within 30 s".into()),
            Ok(Ok(0)) => break,
            Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n]),
            // A reset after the answer (the unread rest of a huge body): keep what came.
            Ok(Err(_)) if !buf.is_empty() => break,
            Ok(Err(e)) => return Err(format!("read: {e}")),
        }
    }
    drop(writer.await);
    parse_reply(&buf)
}

fn parse_reply(buf: &[u8]) -> Result<Reply, String> {
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("no HTTP head in {:?}", String::from_utf8_lossy(buf)))?;
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let status = head
        .split("\r\n")
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line in {head:?}"))?;
    let header = |name: &str| {
        head.split("\r\n")
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_owned())
    };
    let mut body = buf[split + 4..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body)?;
    }
    Ok(Reply {
        status,
        content_type: header("content-type").unwrap_or_default(),
        allow: header("allow"),
        body,
    })
}

fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let eol = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("truncated chunk size")?;
        let size = std::str::from_utf8(&rest[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
            .ok_or("bad chunk size")?;
        rest = &rest[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(rest.get(..size).ok_or("truncated chunk")?);
        rest = rest.get(size + 2..).ok_or("truncated chunk")?;
    }
}

/// `(code, message)` from the envelope of the surface `target` belongs to, checking its shape.
fn envelope(target: &str, body: &Value) -> Result<(String, String), String> {
    let text = |v: &Value, what: &str| {
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("{what} is not a string in {body}"))
    };
    let path = target.split('?').next().unwrap_or_default();
    if path.starts_with("/ges/") {
        if body["result"] != "failed" || body.get("error_code").is_some() {
            return Err(format!("not the GES envelope: {body}"));
        }
        Ok((
            text(&body["errorCode"], "errorCode")?,
            text(&body["errorMessage"], "errorMessage")?,
        ))
    } else if path.starts_with("/v2/") {
        if body.get("errorCode").is_some() {
            return Err(format!("camelCase on the v2 plane: {body}"));
        }
        Ok((
            text(&body["error_code"], "error_code")?,
            text(&body["error_msg"], "error_msg")?,
        ))
    } else if path.starts_with("/v1.0/") {
        if body["errorMsg"] != body["errorMessage"] || body.get("error_code").is_some() {
            return Err(format!("not the v1 envelope: {body}"));
        }
        Ok((
            text(&body["errorCode"], "errorCode")?,
            text(&body["errorMessage"], "errorMessage")?,
        ))
    } else if path.contains("/visualization-jobs") {
        if body["is_success"] != false || body["error_msg"] != body["error_message"] {
            return Err(format!("not the ModelArts envelope: {body}"));
        }
        Ok((
            text(&body["error_code"], "error_code")?,
            text(&body["error_msg"], "error_msg")?,
        ))
    } else if path.starts_with("/v1/") {
        Ok((
            text(&body["error"]["code"], "error.code")?,
            text(&body["error"]["message"], "error.message")?,
        ))
    } else {
        Err(format!("no surface for {path}"))
    }
}

pub(super) fn check(case: &Case, reply: &Reply) -> Result<(), String> {
    let shown = String::from_utf8_lossy(&reply.body[..reply.body.len().min(300)]).into_owned();
    if reply.status != case.want_status {
        return Err(format!(
            "HTTP {} (want {}): {shown}",
            reply.status, case.want_status
        ));
    }
    if reply.status == 405 && reply.allow.is_none() {
        return Err("405 without an Allow header".into());
    }
    if !reply.content_type.starts_with("application/json") {
        return Err(format!(
            "content-type {:?}, not JSON: {shown:?}",
            reply.content_type
        ));
    }
    let body: Value = serde_json::from_slice(&reply.body)
        .map_err(|e| format!("body is not JSON ({e}): {shown:?}"))?;
    if case.want_code.is_empty() {
        return Ok(());
    }
    let (code, message) = envelope(&case.target, &body)?;
    if code != case.want_code {
        return Err(format!("code {code} (want {}): {shown}", case.want_code));
    }
    // No message echoes a large input back (`api::clip`): at most the limit, plus
    // the `…` marking the cut.
    let chars = message.chars().count();
    if chars > api::clip::MESSAGE_LIMIT + 1 {
        return Err(format!("a message of {chars} characters: {shown}"));
    }
    match &case.needle {
        Some(n) if !message.contains(n.as_str()) => {
            Err(format!("message does not say {n:?}: {shown}"))
        }
        _ => Ok(()),
    }
}
