//! Huawei Cloud Cloud Trace Service (CTS) v3 trace list, `GET /v3/{project_id}/traces`: the
//! audit log (`engine::audit`) as the official `huaweicloudsdkcts` v3 client reads it
//! (`ListTracesResponse`: `traces` and `meta_data`; each trace a `Traces` with a `UserInfo`).
//! Errors are `{"error_code":"CTS.xxxx","error_msg":"…"}`, as CTS documents them.
//!
//! Field mapping (an entry of the audit log → a trace):
//! - `trace_id` the entry's id (UUID), also the `marker` of the page it ends;
//! - `trace_name` the operation (`submitJob`, `cancelJob`, `importGraph`, `createToken`, …);
//! - `trace_rating` `normal` (done), `warning` (refused or failed for the caller's reasons:
//!   HTTP 4xx, such as a role too low), `incident` (the server failed: 5xx);
//! - `trace_type` `ApiCall` (REST), `ConsoleAction` (console), `SystemAction` (the CLI);
//! - `service_type` `GES`, or `ModelArts` for visualization jobs;
//! - `resource_type` / `resource_name` / `resource_id` the target: `job` (name: its graph, id:
//!   the job id), `graph`, `hygView`, `visualizationJob`, `token`, `accessKey`, `session`;
//! - `source_ip`, `request_id` (also the answer's `X-Request-Id`), `code` the HTTP status the
//!   caller got, as text; `message` the outcome in words (a cancel's reason, a refusal's);
//! - `time` when it was asked for, `record_time` when it was written (ms since the epoch);
//! - `user`: `id` the credential's id (a token's hash prefix, an access key, the CLI's host
//!   user), `name` its readable name, `access_key_id` the access key of a signed request,
//!   `type` `Token`, `AccessKey` or `Cli`, `domain` the project (`id` and `name`);
//! - `request`: JSON text `{"role":"…","idempotency_key":"…"}`, the actor's role in the
//!   project and the request's idempotency key (each left out when there is none): CTS has no
//!   field of its own for either, and `request` is where it puts what the call carried.

use serde::{Deserialize, Serialize};

/// The list's `trace_type` (CTS: which tracker): `system`. `data` (OBS data traces) is
/// accepted and always empty.
pub const TRACE_TYPES: [&str; 2] = ["system", "data"];

/// The CTS error envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = cts::ErrorBody))]
pub struct ErrorBody {
    /// e.g. `CTS.0003`.
    pub error_code: String,
    /// Human-readable reason.
    pub error_msg: String,
}

impl ErrorBody {
    /// An error envelope.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error_code: code.into(),
            error_msg: message.into(),
        }
    }
}

/// `GET /v3/{project_id}/traces`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = cts::ListTracesResponse))]
pub struct ListTracesResponse {
    /// The page, newest first.
    pub traces: Vec<Trace>,
    /// Its size and the next page's marker.
    pub meta_data: MetaData,
}

/// Paging of a trace list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = cts::MetaData))]
pub struct MetaData {
    /// Traces in this page.
    pub count: u32,
    /// Pass as `next` for the following page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// One trace (CTS `Traces`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = cts::Trace))]
pub struct Trace {
    /// The entry's id.
    pub trace_id: String,
    /// The operation.
    pub trace_name: String,
    /// `normal`, `warning` or `incident`.
    pub trace_rating: String,
    /// `ApiCall`, `ConsoleAction` or `SystemAction`.
    pub trace_type: String,
    /// `GES` or `ModelArts`.
    pub service_type: String,
    /// The target's type.
    pub resource_type: String,
    /// The target's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_name: Option<String>,
    /// The target's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// The caller's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
    /// The request's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// JSON text: the actor's role and the idempotency key (see the module docs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    /// The HTTP status the caller got.
    pub code: String,
    /// The outcome in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// When it was asked for (ms since the epoch).
    pub time: i64,
    /// When it was recorded (ms).
    pub record_time: i64,
    /// Who acted.
    pub user: UserInfo,
}

/// Who acted (CTS `UserInfo`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = cts::UserInfo))]
pub struct UserInfo {
    /// The credential's id.
    pub id: String,
    /// Its readable name.
    pub name: String,
    /// `Token`, `AccessKey` or `Cli`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The access key of a signed request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
    /// The project.
    pub domain: BaseUser,
}

/// An id and a name (CTS `BaseUser`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = cts::BaseUser))]
pub struct BaseUser {
    /// The id.
    pub id: String,
    /// The name.
    pub name: String,
}

/// What `request` holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TraceRequest {
    /// The actor's role in the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The request's idempotency key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
}

impl Trace {
    /// What [`Trace::request`] says (empty when it is absent or not this shape).
    pub fn parsed_request(&self) -> TraceRequest {
        self.request
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok())
            .unwrap_or_default()
    }
}
