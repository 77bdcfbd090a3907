//! The service plane's error envelope.

use serde::{Deserialize, Serialize};

/// `{"errorCode":"GES.8xxx","errorMessage":"…","result":"failed"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::ErrorBody))]
pub struct ErrorBody {
    /// e.g. `GES.8402`.
    #[serde(rename = "errorCode")]
    pub error_code: String,
    /// Human-readable reason.
    #[serde(rename = "errorMessage")]
    pub error_message: String,
    /// Always `"failed"` (several GES samples carry it).
    pub result: String,
}

impl ErrorBody {
    /// An error envelope with `result: "failed"`.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error_code: code.into(),
            error_message: message.into(),
            result: "failed".into(),
        }
    }
}
