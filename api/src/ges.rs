//! GES service plane (`/ges/v1.0/{project_id}/graphs/{graph_name}/…`): camelCase bodies and
//! the `{"errorCode","errorMessage"}` error envelope (HTTP 400 even for "not found").

mod algorithm;
mod error;
mod hyg;
mod import;
mod job_list;
mod job_status;
mod query;

pub use algorithm::{ExecuteAlgorithmRequest, ExecuteAlgorithmResponse};
pub use error::ErrorBody;
pub use hyg::{
    HygAlgorithmRequest, HygCreateRequest, HygDslRequest, HygLabel, HygListResponse, HygOutput,
    HygSummary, HygSummaryResponse, HygSyncRequest,
};
pub use import::{ImportGraphRequest, ParallelEdge};
pub use job_list::{JobListItem, JobListResponse};
pub use job_status::{JobStatusData, JobStatusDataOf, JobStatusResponse, JobStatusResponseOf};
pub use query::{FilterQueryRequest, PropertyFilter, SortKey};

/// Default and maximum `limit` of the job status and job list endpoints.
pub const MAX_LIMIT: u64 = 100_000;
