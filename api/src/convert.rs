//! Engine types → wire DTOs, written once and used by the REST handlers and the console's
//! server functions alike (feature `engine`, never in the wasm build).

pub mod errors;
pub mod explore;
pub mod graphs;
pub mod status;
mod to_cloud;
mod to_console;
mod to_cts;
mod to_ges;
mod to_management;
pub mod viz;

use engine::algo::{AlgorithmSpec, ParamKind};
use engine::result::RawResultPage;
use engine::time_fmt;
use engine::{GraphInfo, JobRecord, JobState, ResultPage};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

use crate::{cloud, console, ges, management};
pub use status::Vocabulary;
pub use to_cloud::cloud_job;
pub use to_console::{
    algorithm_info, graph_summary, hyg_view_row, job_detail, job_summary, management_row,
    result_page,
};
pub use to_cts::{trace, trace_list};
pub use to_ges::{
    RawOutputs, hyg_summary, job_list_item, job_status, job_status_raw, outputs, raw_outputs,
};
use to_management::import_files;
pub use to_management::{management_graph, management_job, management_status};

/// A role on the console's wire.
pub fn role(role: engine::auth::Role) -> console::Role {
    match role {
        engine::auth::Role::Viewer => console::Role::Viewer,
        engine::auth::Role::Operator => console::Role::Operator,
        engine::auth::Role::Admin => console::Role::Admin,
    }
}

/// The failReason the GES surfaces show: the failure, or for a cancelled job
/// `cancelled: <reason> (by <actor>)` (DECISIONS.md: cancelled renders as `failed`).
pub fn fail_reason(job: &JobRecord) -> Option<String> {
    match job.state {
        JobState::Cancelled => Some(format!(
            "cancelled: {} (by {})",
            job.cancel_reason.as_deref().unwrap_or("no reason given"),
            job.cancel_actor.as_deref().unwrap_or("unknown")
        )),
        JobState::Failed => job.fail_reason.clone(),
        _ => None,
    }
}

/// `(errorCode, errorMessage)` of a failed or cancelled job (`None` otherwise): the code of what
/// failed ([`errors::ges_failure`]; `GES.8000` for a cancel) and its [`fail_reason`].
/// REFERENCE §2.1 (seed-1): `errorCode`/`errorMessage` show the error "when the execution
/// fails", while `status` is empty only "when the query fails", so a failed job fills them; the
/// generic job query's `error_code` is the same code.
pub fn failure(job: &JobRecord) -> Option<(String, String)> {
    if !matches!(job.state, JobState::Failed | JobState::Cancelled) {
        return None;
    }
    let code = errors::ges_failure(job.fail_kind).to_owned();
    let message = fail_reason(job).unwrap_or_else(|| "the job failed".into());
    Some((code, message))
}

/// The code the console shows beside a failed job's reason: the service plane's
/// ([`errors::ges_failure`]), only for a job that recorded what failed.
pub(crate) fn console_error_code(job: &JobRecord) -> Option<String> {
    job.fail_kind
        .map(|kind| errors::ges_failure(Some(kind)).to_owned())
}

/// Whether a succeeded job's result was computed on an older version of its graph.
pub fn is_stale(job: &JobRecord, current_version: Option<i64>) -> Option<bool> {
    match (job.state, job.graph_version, current_version) {
        (JobState::Succeeded, Some(read), Some(now)) => Some(read < now),
        _ => None,
    }
}

/// 0–100; a finished job (succeeded, failed or cancelled) is at 100, as the 2.2.13 job list
/// sample shows its failed job.
pub(crate) fn progress(job: &JobRecord) -> u8 {
    if job.state.is_terminal() {
        100
    } else {
        job.progress.unwrap_or(0)
    }
}
