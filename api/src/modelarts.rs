//! ModelArts visualization jobs (REFERENCE §9): `/v1/{project_id}/visualization-jobs…`,
//! snake_case.
//!
//! Choices (DECISIONS.md "ModelArts"; REFERENCE §14.7):
//! - Errors carry both `error_msg` and `error_message`, with `"is_success": false`.
//! - Requests may send numbers as strings and `schedule` as an object or a one-element array.
//! - Responses send `job_id`, `status`, `create_time` and `duration` as JSON numbers (the
//!   tables' Long/Integer types); the samples' quoted numbers are accepted on input only.
//! - Success responses carry `is_success: true`, including the detail (whose table omits it;
//!   extra fields are allowed). `error_code`/`error_msg` are absent on success, as documented.

use serde::{Deserialize, Serialize};

#[cfg(feature = "engine")]
pub mod convert;

/// Where a job's view lives in the console; `service_url` is this plus the job id.
pub const SERVICE_URL_PREFIX: &str = "/visualization/";

/// `{"is_success":false,"error_code","error_msg","error_message"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = modelarts::ErrorBody))]
pub struct ErrorBody {
    /// Always false.
    pub is_success: bool,
    /// e.g. `ModelArts.0105`.
    pub error_code: String,
    /// The message (intl docs' name).
    pub error_msg: String,
    /// The same message (OTC docs' name).
    pub error_message: String,
}

impl ErrorBody {
    /// An error envelope.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            is_success: false,
            error_code: code.into(),
            error_msg: message.clone(),
            error_message: message,
        }
    }
}

/// A number the client may send as a JSON number or a string (`"10"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NumberOrString {
    /// `10`.
    Number(serde_json::Number),
    /// `"10"`.
    Text(String),
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for NumberOrString {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Number))
            .item(ObjectBuilder::new().schema_type(Type::String))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for NumberOrString {}

impl NumberOrString {
    /// The value as text (what the engine validates).
    pub fn to_text(&self) -> String {
        match self {
            Self::Number(n) => n.to_string(),
            Self::Text(s) => s.clone(),
        }
    }
}

/// A field sent as one object or as an array of them (`schedule`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// `{…}`.
    One(T),
    /// `[{…}]`.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The elements.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            Self::One(t) => vec![t],
            Self::Many(v) => v,
        }
    }
}

/// `POST /v1/{project_id}/visualization-jobs` body. Required fields are optional here so the
/// engine can name a missing one in a ModelArts error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = modelarts::CreateRequest))]
pub struct CreateRequest {
    /// 1–20 of `[A-Za-z0-9_-]` (required).
    pub job_name: Option<String>,
    /// 0–256 characters.
    pub job_desc: Option<String>,
    /// OBS path of the folder to show (required).
    pub train_url: Option<String>,
    /// `TensorBoard` (default) or `MindInsight`, any case.
    pub job_type: Option<String>,
    /// Accepted and stored; graphjobs has one flavour.
    pub flavor: Option<Flavor>,
    /// Auto-stop.
    pub schedule: Option<OneOrMany<Schedule>>,
}

/// `flavor`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = modelarts::Flavor))]
pub struct Flavor {
    /// Flavour code.
    pub code: Option<String>,
}

/// `schedule`: `{"type":"stop","time_unit":"HOURS","duration":2}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = modelarts::Schedule))]
pub struct Schedule {
    /// `stop`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// `HOURS`.
    pub time_unit: Option<String>,
    /// 0–24; 0 = no auto-stop.
    pub duration: Option<NumberOrString>,
}

/// Create response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = modelarts::CreateResponse))]
pub struct CreateResponse {
    /// True.
    pub is_success: bool,
    /// New job id.
    pub job_id: i64,
    /// As sent.
    pub job_name: String,
    /// `1` (INIT).
    pub status: i64,
    /// Epoch ms.
    pub create_time: i64,
    /// Where the console shows the job.
    pub service_url: String,
}

/// `GET /v1/{project_id}/visualization-jobs` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = modelarts::JobList))]
pub struct JobList {
    /// True.
    pub is_success: bool,
    /// `null` on success (the §9.2/§9.3 tables list it on every response).
    pub error_code: Option<String>,
    /// `null` on success.
    pub error_message: Option<String>,
    /// Jobs matching the filter in all.
    pub job_total_count: u64,
    /// Jobs the project may still create.
    pub job_count_limit: u64,
    /// Jobs a project may hold.
    pub quotas: u64,
    /// This page.
    pub jobs: Vec<Job>,
}

/// A job as the list (and, flattened, the detail) shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = modelarts::Job))]
pub struct Job {
    /// Job id.
    pub job_id: i64,
    /// Name.
    pub job_name: String,
    /// ModelArts status integer (1, 7, 8, 9, 10, 11, 12).
    pub status: i64,
    /// Epoch ms.
    pub create_time: i64,
    /// ms RUNNING in the current (or last) run.
    pub duration: i64,
    /// Description (may be empty).
    pub job_desc: String,
    /// Where the console shows the job.
    pub service_url: String,
    /// OBS path it reads.
    pub train_url: String,
    /// Charged-resource id (32 hex digits).
    pub resource_id: String,
    /// graphjobs: why a FAILED job failed (what was found at `train_url`, or why it could not
    /// be read). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_reason: Option<String>,
}

/// `GET /v1/{project_id}/visualization-jobs/{job_id}` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = modelarts::JobDetail))]
pub struct JobDetail {
    /// True (not in the detail's table; sent for uniformity).
    pub is_success: bool,
    /// `null` on success (the §9.2/§9.3 tables list it on every response).
    pub error_code: Option<String>,
    /// `null` on success.
    pub error_message: Option<String>,
    /// The job's fields, flat.
    #[serde(flatten)]
    pub job: Job,
}

/// `PUT /v1/{project_id}/visualization-jobs/{job_id}` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = modelarts::UpdateRequest))]
pub struct UpdateRequest {
    /// New description, 0–256 characters (required).
    pub job_desc: Option<String>,
}

/// `{"is_success": true}`: update, delete, stop and restart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = modelarts::Ack))]
pub struct Ack {
    /// True.
    pub is_success: bool,
}

impl Ack {
    /// Success.
    pub fn ok() -> Self {
        Self { is_success: true }
    }
}
