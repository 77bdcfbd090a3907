//! The console's shapes: job rows and details, result pages, graphs, algorithms, job-center
//! and HyG rows.

use super::*;

/// A console jobs-table row.
pub fn job_summary(job: &JobRecord) -> console::JobSummary {
    console::JobSummary {
        id: job.id.0.clone(),
        job_type: job.job_type.as_str().to_owned(),
        algorithm: job.algorithm.clone(),
        graph: job.graph.clone(),
        state: job.state.as_str().to_owned(),
        progress: if job.state == JobState::Succeeded {
            Some(100)
        } else {
            job.progress
        },
        created_at: time_fmt::rfc3339(job.created_at),
        started_at: job.started_at.map(time_fmt::rfc3339),
        ended_at: job.ended_at.map(time_fmt::rfc3339),
        can_cancel: job.can_cancel(),
    }
}

/// Everything the console's job detail shows (`stale` is filled in by the caller, which knows
/// the graph's current version; see [`is_stale`]).
pub fn job_detail(job: &JobRecord) -> console::JobDetail {
    let (hyg_status, hyg_result) = status::hyg_status(job.state);
    console::JobDetail {
        summary: job_summary(job),
        fail_reason: job.fail_reason.clone(),
        error_code: console_error_code(job),
        request: job.request.clone(),
        cancel_actor: job.cancel_actor.clone(),
        cancel_reason: job.cancel_reason.clone(),
        result_total: job.result_total,
        graph_version: job.graph_version,
        stale: None,
        renderings: vec![
            (
                "GES service plane".into(),
                status::ges_status(job.state).into(),
            ),
            (
                "HyG".into(),
                hyg_result.map_or(hyg_status.to_owned(), |r| format!("{hyg_status} ({r})")),
            ),
            (
                "Job center (v2)".into(),
                status::management_status(job.state).into(),
            ),
            (
                "Cloud job query".into(),
                status::cloud_status(job.state).into(),
            ),
        ],
        eta: job.eta.map(time_fmt::rfc3339),
        counters: [
            ("rows", job.counters.rows),
            ("vertices", job.counters.vertices),
            ("iterations", job.counters.iterations),
            ("graph load ms", job.counters.graph_load_ms),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
        .collect(),
        files: import_files(job)
            .iter()
            .map(|f| console::ImportFile {
                kind: f["kind"].as_str().unwrap_or_default().to_owned(),
                name: f["fileName"].as_str().unwrap_or_default().to_owned(),
                total_lines: f["totalLines"].as_u64().unwrap_or(0),
                successful_lines: f["successfulLines"].as_u64().unwrap_or(0),
                failed_lines: f["failedLines"].as_u64().unwrap_or(0),
            })
            .collect(),
        sub_jobs: sub_jobs(job),
        rerunnable: !matches!(
            job.job_type,
            engine::JobType::ImportGraph | engine::JobType::CancelJobs
        ) && job.request.get("obsParameters").is_none_or(Value::is_null),
    }
}

/// The jobs a bulk action's parent reached (`detail.subJobs`).
fn sub_jobs(job: &JobRecord) -> Vec<console::SubJob> {
    let Some(subs) = job.detail.as_ref().and_then(|d| d["subJobs"].as_array()) else {
        return Vec::new();
    };
    subs.iter()
        .map(|s| console::SubJob {
            id: s["jobId"].as_str().unwrap_or_default().to_owned(),
            job_type: s["jobType"].as_str().unwrap_or_default().to_owned(),
            state: s["state"].as_str().unwrap_or_default().to_owned(),
        })
        .collect()
}

/// A console result page.
pub fn result_page(page: ResultPage) -> console::ResultPage {
    console::ResultPage {
        key: page.key,
        rows: page.rows,
        offset: page.offset,
        total: page.total,
        scalars: page.scalars,
    }
}

/// A console graph row.
pub fn graph_summary(g: &GraphInfo) -> console::GraphSummary {
    console::GraphSummary {
        name: g.name.clone(),
        version: g.version,
        vertices: g.vertices,
        edges: g.edges,
    }
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
                    ParamKind::Enum(values) => {
                        ("enum", values.iter().map(|v| (*v).to_owned()).collect())
                    }
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
        filters: a.filters.iter().map(|f| (*f).to_owned()).collect(),
    }
}

/// A console job-center row.
pub fn management_row(job: &JobRecord) -> console::ManagementJobRow {
    let files = import_files(job);
    console::ManagementJobRow {
        summary: job_summary(job),
        status: management_status(job).to_owned(),
        files: files.len() as u64,
        rejected_lines: files.iter().filter_map(|f| f["failedLines"].as_u64()).sum(),
    }
}

/// A console HyG view row.
pub fn hyg_view_row(v: &engine::hyg::HygView) -> console::HygViewRow {
    console::HygViewRow {
        name: v.name.clone(),
        synced: v.synced,
        vertices: v.vertex_num,
        edges: v.edge_num,
        updated: v.update_time.clone(),
        in_edge: v.in_edge,
    }
}
