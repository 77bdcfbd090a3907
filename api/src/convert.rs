//! Engine types → wire DTOs, written once and used by the REST handlers and the console's
//! server functions alike (feature `engine`, never in the wasm build).

use engine::algo::{AlgorithmSpec, ParamKind};
use engine::time_fmt;
use engine::{GraphInfo, JobRecord, JobState, ResultPage};
use serde_json::{Map, Value, json};

use crate::{console, ges};

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

/// A job status response with one page of the result (or none while not succeeded).
pub fn job_status(job: &JobRecord, page: Option<ResultPage>) -> ges::JobStatusResponse {
    ges::JobStatusResponse {
        error_message: String::new(),
        error_code: String::new(),
        status: job.state.ges_status().to_owned(),
        data: page.map(|p| ges::JobStatusData { outputs: outputs(p) }),
        fail_reason: fail_reason(job),
        progress: Some(progress(job)),
    }
}

/// `data.outputs` of a result page: scalars, the rows under their key, and the paging counters.
pub fn outputs(page: ResultPage) -> Map<String, Value> {
    let mut out = page.scalars;
    let returned = page.rows.len() as u64;
    out.insert(page.key, Value::Array(page.rows));
    out.insert("data_return_size".into(), json!(returned));
    out.insert("data_offset".into(), json!(page.offset));
    out.insert("data_total_size".into(), json!(page.total));
    if let Some(rt) = page.runtime {
        out.insert("runtime".into(), json!(rt));
    }
    out
}

fn progress(job: &JobRecord) -> u8 {
    match job.state {
        JobState::Succeeded => 100,
        _ => job.progress.unwrap_or(0),
    }
}

/// One item of the service-plane job list, carrying both documented item shapes
/// (2.2.13's `rawRequest`/`taskType`/… and the older `request{command,url,body}`).
pub fn job_list_item(job: &JobRecord) -> ges::JobListItem {
    let command = match job.job_type {
        engine::JobType::Algorithm => "execute_algorithm",
        engine::JobType::ImportGraph => "import_graph",
    };
    ges::JobListItem {
        job_id: job.id.0.clone(),
        status: job.state.ges_status().to_owned(),
        task_type: job.job_type.as_str().to_owned(),
        raw_request: job.request.to_string(),
        can_stop: job.can_cancel(),
        progress: progress(job),
        start_time: job.started_at.or(Some(job.created_at)).map(time_fmt::ges).unwrap_or_default(),
        end_time: job.ended_at.map(time_fmt::ges).unwrap_or_default(),
        fail_reason: fail_reason(job),
        request: Some(json!({ "command": command, "url": "", "body": job.request })),
    }
}

/// A console jobs-table row.
pub fn job_summary(job: &JobRecord) -> console::JobSummary {
    console::JobSummary {
        id: job.id.0.clone(),
        job_type: job.job_type.as_str().to_owned(),
        algorithm: job.algorithm.clone(),
        graph: job.graph.clone(),
        state: job.state.as_str().to_owned(),
        progress: if job.state == JobState::Succeeded { Some(100) } else { job.progress },
        created_at: time_fmt::rfc3339(job.created_at),
        started_at: job.started_at.map(time_fmt::rfc3339),
        ended_at: job.ended_at.map(time_fmt::rfc3339),
        can_cancel: job.can_cancel(),
    }
}

/// Everything the console's job detail shows.
pub fn job_detail(job: &JobRecord) -> console::JobDetail {
    let (hyg_status, hyg_result) = job.state.hyg_status();
    console::JobDetail {
        summary: job_summary(job),
        fail_reason: job.fail_reason.clone(),
        error_code: job.error_code.clone(),
        request: job.request.clone(),
        cancel_actor: job.cancel_actor.clone(),
        cancel_reason: job.cancel_reason.clone(),
        result_total: job.result_total,
        graph_version: job.graph_version,
        renderings: vec![
            ("GES service plane".into(), job.state.ges_status().into()),
            ("HyG".into(), hyg_result.map_or(hyg_status.to_owned(), |r| format!("{hyg_status} ({r})"))),
            ("Job center (v2)".into(), job.state.management_status().into()),
            ("Cloud job query".into(), job.state.cloud_status().into()),
        ],
    }
}

/// A console result page.
pub fn result_page(page: ResultPage) -> console::ResultPage {
    console::ResultPage { key: page.key, rows: page.rows, offset: page.offset, total: page.total, scalars: page.scalars }
}

/// A console graph row.
pub fn graph_summary(g: &GraphInfo) -> console::GraphSummary {
    console::GraphSummary { name: g.name.clone(), version: g.version, vertices: g.vertices, edges: g.edges }
}

/// A console algorithm catalogue entry.
pub fn algorithm_info(a: &AlgorithmSpec) -> console::AlgorithmInfo {
    console::AlgorithmInfo {
        name: a.name.to_owned(),
        description: a.description.to_owned(),
        params: a
            .params
            .iter()
            .map(|p| {
                let (kind, choices) = match &p.kind {
                    ParamKind::Int => ("int", vec![]),
                    ParamKind::Float => ("float", vec![]),
                    ParamKind::Bool => ("bool", vec![]),
                    ParamKind::String => ("string", vec![]),
                    ParamKind::Enum(values) => ("enum", values.iter().map(|v| (*v).to_owned()).collect()),
                };
                console::ParamInfo {
                    name: p.name.to_owned(),
                    kind: kind.to_owned(),
                    choices,
                    required: p.required,
                    default: p.default.map(str::to_owned),
                    min: p.min,
                    max: p.max,
                    help: p.help.to_owned(),
                }
            })
            .collect(),
    }
}
