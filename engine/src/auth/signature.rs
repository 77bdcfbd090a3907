//! Verification of `SDK-HMAC-SHA256` signed requests, as the official Huawei Cloud SDKs sign
//! them (DECISIONS.md "Auth"). Pure functions over plain strings so they can be fuzzed.
//!
//! ```text
//! Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=a;b;c, Signature=<hex>
//! CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(sha256(body))
//! StringToSign     = SDK-HMAC-SHA256 \n <X-Sdk-Date> \n hex(sha256(CanonicalRequest))
//! Signature        = hex(hmac_sha256(SK, StringToSign))
//! ```
//! The canonical URI percent-encodes each decoded path segment (everything but `A-Za-z0-9_.-~`)
//! and always ends with `/`; query pairs are decoded, sorted and re-encoded the same way; an
//! empty body hashes as the empty string; `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` stands in for
//! the hash of non-JSON bodies.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::macros::format_description;

/// Requests whose `X-Sdk-Date` is further than this from the server clock are refused.
pub const MAX_SKEW: time::Duration = time::Duration::minutes(15);

/// The algorithm word of the Authorization header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// A parsed `Authorization: SDK-HMAC-SHA256 …` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedAuth {
    /// The access key.
    pub access: String,
    /// Lower-case header names, in signing order.
    pub signed_headers: Vec<String>,
    /// Hex signature.
    pub signature: String,
}

/// Why a signed request was refused (the message is safe to show the client).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The header is not `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
    #[error("malformed Authorization header: {0}")]
    Malformed(&'static str),
    /// `X-Sdk-Date` missing or not `YYYYMMDDTHHMMSSZ`.
    #[error("missing or malformed X-Sdk-Date header")]
    BadDate,
    /// The date is outside the allowed window (replay protection).
    #[error("X-Sdk-Date is more than 15 minutes away from the server time")]
    Expired,
    /// A signed header is absent from the request.
    #[error("signed header [{0}] is missing")]
    MissingHeader(String),
    /// The signature does not match.
    #[error("signature does not match")]
    Mismatch,
}

/// Parses the Authorization header value.
pub fn parse_authorization(value: &str) -> Result<SignedAuth, SignatureError> {
    let rest = value
        .strip_prefix(ALGORITHM)
        .ok_or(SignatureError::Malformed("unknown algorithm"))?;
    let rest = rest
        .strip_prefix(' ')
        .ok_or(SignatureError::Malformed("missing fields"))?;
    let (mut access, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (k, v) = part
            .trim()
            .split_once('=')
            .ok_or(SignatureError::Malformed("field without '='"))?;
        let slot = match k {
            "Access" => &mut access,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => return Err(SignatureError::Malformed("unknown field")),
        };
        if slot.replace(v.to_owned()).is_some() {
            return Err(SignatureError::Malformed("repeated field"));
        }
    }
    let access = access
        .filter(|a| !a.is_empty() && a.len() <= 128)
        .ok_or(SignatureError::Malformed("Access"))?;
    let signed = signed
        .filter(|s| !s.is_empty())
        .ok_or(SignatureError::Malformed("SignedHeaders"))?;
    let signature = signature
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or(SignatureError::Malformed("Signature"))?;
    let signed_headers: Vec<String> = signed.split(';').map(str::to_ascii_lowercase).collect();
    if signed_headers.iter().any(|h| h.is_empty()) || signed_headers.len() > 64 {
        return Err(SignatureError::Malformed("SignedHeaders"));
    }
    Ok(SignedAuth {
        access,
        signed_headers,
        signature: signature.to_ascii_lowercase(),
    })
}

/// Parses `X-Sdk-Date` (`20240523T095400Z`).
pub fn parse_sdk_date(value: &str) -> Result<OffsetDateTime, SignatureError> {
    let fmt = format_description!("[year][month][day]T[hour][minute][second]Z");
    time::PrimitiveDateTime::parse(value, fmt)
        .map(|t| t.assume_utc())
        .map_err(|_| SignatureError::BadDate)
}

/// Everything about a request the signature covers.
#[derive(Debug, Clone)]
pub struct RequestParts<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Raw (still percent-encoded) path.
    pub path: &'a str,
    /// Raw query string without `?` (may be empty).
    pub query: &'a str,
    /// Header name (any case) and value pairs.
    pub headers: &'a [(String, String)],
    /// Body bytes.
    pub body: &'a [u8],
}

impl RequestParts<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Verifies a signed request against the secret key of `auth.access`.
pub fn verify(
    parts: &RequestParts<'_>,
    auth: &SignedAuth,
    secret: &str,
    now: OffsetDateTime,
) -> Result<(), SignatureError> {
    let date = parts.header("x-sdk-date").ok_or(SignatureError::BadDate)?;
    let when = parse_sdk_date(date)?;
    if (now - when).abs() > MAX_SKEW {
        return Err(SignatureError::Expired);
    }
    // Constant-time comparison through the MAC's verify.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(string_to_sign(parts, &auth.signed_headers, date)?.as_bytes());
    let given = hex::decode(&auth.signature).map_err(|_| SignatureError::Mismatch)?;
    mac.verify_slice(&given)
        .map_err(|_| SignatureError::Mismatch)
}

/// The hex signature a client with `secret` would send (also what tests sign with).
pub fn sign(
    parts: &RequestParts<'_>,
    signed_headers: &[String],
    secret: &str,
    date: &str,
) -> Result<String, SignatureError> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(string_to_sign(parts, signed_headers, date)?.as_bytes());
    Ok(hex::encode(mac.finalize().into_bytes()))
}

fn string_to_sign(
    parts: &RequestParts<'_>,
    signed_headers: &[String],
    date: &str,
) -> Result<String, SignatureError> {
    let canonical = canonical_request(parts, signed_headers)?;
    Ok(format!(
        "{ALGORITHM}\n{date}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    ))
}

/// The canonical request string.
pub fn canonical_request(
    parts: &RequestParts<'_>,
    signed_headers: &[String],
) -> Result<String, SignatureError> {
    let mut headers = String::new();
    for name in signed_headers {
        let value = parts
            .header(name)
            .ok_or_else(|| SignatureError::MissingHeader(name.clone()))?;
        headers.push_str(name);
        headers.push(':');
        headers.push_str(value.trim());
        headers.push('\n');
    }
    let payload = if parts.body.is_empty() {
        hex::encode(Sha256::digest(b""))
    } else if let Some(h) = parts.header("x-sdk-content-sha256") {
        h.to_owned()
    } else {
        hex::encode(Sha256::digest(parts.body))
    };
    // `headers` ends with a newline, so a blank line separates it from the signed-header list.
    Ok(format!(
        "{}\n{}\n{}\n{headers}\n{}\n{payload}",
        parts.method.to_ascii_uppercase(),
        canonical_uri(parts.path),
        canonical_query(parts.query),
        signed_headers.join(";"),
    ))
}

/// Percent-encodes like Python's `quote(s, safe='~')`.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (and nothing else: `+` stays `+`, as the SDK's `unquote`).
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn canonical_uri(path: &str) -> String {
    let mut uri = decode(path)
        .split('/')
        .map(encode)
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests;
