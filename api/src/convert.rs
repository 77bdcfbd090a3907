//! Engine types → wire DTOs, written once and used by the REST handlers and the console's
//! server functions alike (feature `engine`, never in the wasm build).

pub mod graphs;
pub mod status;
pub mod viz;

use engine::algo::{AlgorithmSpec, ParamKind};
use engine::time_fmt;
use engine::{GraphInfo, JobRecord, JobState, ResultPage};
use serde_json::{Map, Value, json};

use crate::{cloud, console, ges, management};
pub use status::Vocabulary;

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

/// `(errorCode, errorMessage)` of a failed or cancelled job (`None` otherwise): the code it
/// failed with — `GES.8000` when none was recorded, as for a cancel — and its
/// [`fail_reason`]. REFERENCE §2.1 (seed-1): `errorCode`/`errorMessage` show the error "when
/// the execution fails", while `status` is empty only "when the query fails", so a failed job
/// fills them; the generic job query's `error_code` is the same code.
pub fn failure(job: &JobRecord) -> Option<(String, String)> {
    if !matches!(job.state, JobState::Failed | JobState::Cancelled) {
        return None;
    }
    let code = job.error_code.clone().unwrap_or_else(|| "GES.8000".into());
    let message = fail_reason(job).unwrap_or_else(|| "the job failed".into());
    Some((code, message))
}

/// Whether a succeeded job's result was computed on an older version of its graph.
pub fn is_stale(job: &JobRecord, current_version: Option<i64>) -> Option<bool> {
    match (job.state, job.graph_version, current_version) {
        (JobState::Succeeded, Some(read), Some(now)) => Some(read < now),
        _ => None,
    }
}

/// A job status response with one page of the result (or none while not succeeded);
/// `current_version` is the graph's version now (for the `stale` flag); `words` says whose
/// status words the job is shown in (HyG's for HyG jobs). A failed job carries its
/// [`failure`] in `errorCode`/`errorMessage` and again as `failReason`.
pub fn job_status(
    job: &JobRecord,
    page: Option<ResultPage>,
    current_version: Option<i64>,
    words: Vocabulary,
) -> ges::JobStatusResponse {
    let (status, result) = words.render(job.state);
    let (error_code, error_message) = failure(job).unwrap_or_default();
    ges::JobStatusResponse {
        error_message,
        error_code,
        status: status.to_owned(),
        result: result.map(str::to_owned),
        data: page.map(|p| ges::JobStatusData {
            outputs: outputs(p),
        }),
        fail_reason: fail_reason(job),
        progress: Some(progress(job)),
        graph_version: job.graph_version,
        stale: is_stale(job, current_version),
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

/// 0–100; a finished job (succeeded, failed or cancelled) is at 100, as the 2.2.13 job list
/// sample shows its failed job.
fn progress(job: &JobRecord) -> u8 {
    if job.state.is_terminal() {
        100
    } else {
        job.progress.unwrap_or(0)
    }
}

/// One item of the service-plane job list, carrying both documented item shapes
/// (2.2.13's `rawRequest`/`taskType`/… and the older `request{command,url,body}`), in `words`
/// (a finished HyG job is `complete` with a `result`). graphjobs does not record the URL a job
/// was submitted by (the service plane, both management planes and the console submit the
/// same jobs), so `request.url` is empty.
pub fn job_list_item(job: &JobRecord, words: Vocabulary) -> ges::JobListItem {
    let command = match job.job_type {
        engine::JobType::Algorithm => "execute_algorithm",
        engine::JobType::ImportGraph => "import_graph",
        engine::JobType::CreateGraph => "create_graph",
        engine::JobType::ClearGraph => "clear_graph",
        engine::JobType::DeleteGraph => "delete_graph",
        engine::JobType::ExportResult => "export_result",
        engine::JobType::ExportGraph => "export_graph",
        engine::JobType::VertexQuery | engine::JobType::EdgeQuery => "query",
        engine::JobType::FilteredQuery => "filtered_query",
        engine::JobType::HygSync => "hyg_sync",
        engine::JobType::HygDelete => "hyg_delete",
        engine::JobType::CancelJobs => "cancel_jobs",
    };
    let (status, result) = words.render(job.state);
    ges::JobListItem {
        job_id: job.id.0.clone(),
        status: status.to_owned(),
        result: result.map(str::to_owned),
        task_type: job.job_type.as_str().to_owned(),
        raw_request: job.request.to_string(),
        can_stop: job.can_cancel(),
        progress: progress(job),
        start_time: job
            .started_at
            .or(Some(job.created_at))
            .map(time_fmt::ges)
            .unwrap_or_default(),
        end_time: job.ended_at.map(time_fmt::ges).unwrap_or_default(),
        fail_reason: fail_reason(job),
        request: Some(json!({ "command": command, "url": "", "body": job.request })),
        files: (job.job_type == engine::JobType::ImportGraph).then(|| list_files(job)),
    }
}

/// The job list's `files` of an import: one object per kind, as REFERENCE §2.2 shows them.
fn list_files(job: &JobRecord) -> Vec<Value> {
    let files = import_files(job);
    let of_kind = |kind: &str| -> Vec<Value> {
        files
            .iter()
            .filter(|f| f["kind"] == kind)
            .map(|f| {
                let mut entry = json!({
                    "fileName": f["fileName"], "startTime": f["startTime"],
                    "endTime": f["endTime"], "status": f["status"],
                });
                let names = if kind == "schema" {
                    ["totalLabels", "successfulLabels", "failedLabels"]
                } else {
                    ["totalLines", "successfulLines", "failedLines"]
                };
                for (name, from) in
                    names
                        .iter()
                        .zip(["totalLines", "successfulLines", "failedLines"])
                {
                    entry[*name] = f[from].clone();
                }
                entry
            })
            .collect()
    };
    vec![
        json!({ "edgeFiles": of_kind("edge") }),
        json!({ "vertexFiles": of_kind("vertex") }),
        json!({ "schemaFiles": of_kind("schema") }),
    ]
}

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
        error_code: job.error_code.clone(),
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
                job.state.management_status().into(),
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
    }
}

/// The job center's status word: `partiallyFailed` for an import that rejected some rows.
pub fn management_status(job: &JobRecord) -> &'static str {
    if job.state == JobState::Succeeded && job.partial {
        "partiallyFailed"
    } else {
        job.state.management_status()
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

/// The import's per-file counters, from the job's detail.
fn import_files(job: &JobRecord) -> Vec<Value> {
    job.detail
        .as_ref()
        .and_then(|d| d["files"].as_array().cloned())
        .unwrap_or_default()
}

/// A job-center job (`job_detail` only for imports).
pub fn management_job(job: &JobRecord) -> management::Job {
    let job_detail = (job.job_type == engine::JobType::ImportGraph).then(|| {
        let mut detail = management::ImportDetail::default();
        for f in import_files(job) {
            let entry = management::ImportFile {
                path: f["fileName"].as_str().unwrap_or_default().to_owned(),
                log: f["log"].as_str().map(str::to_owned),
                status: f["status"].as_str().unwrap_or("success").to_owned(),
                cause: f["cause"].as_str().map(str::to_owned),
                total_lines: f["totalLines"].as_i64().unwrap_or(-1),
                failed_lines: f["failedLines"].as_i64().unwrap_or(-1),
                successful_lines: f["successfulLines"].as_i64().unwrap_or(-1),
            };
            match f["kind"].as_str() {
                Some("schema") => detail.schema_path.push(entry),
                Some("edge") => detail.edgeset_path.push(entry),
                _ => detail.vertexset_path.push(entry),
            }
        }
        detail
    });
    management::Job {
        job_id: job.id.0.clone(),
        status: management_status(job).to_owned(),
        job_type: "GraphManagement".into(),
        job_name: job.job_type.as_str().to_owned(),
        related_graph: job.graph.clone(),
        begin_time: time_fmt::management(job.started_at.unwrap_or(job.created_at)),
        end_time: job.ended_at.map(time_fmt::management).unwrap_or_default(),
        job_detail,
        fail_reason: fail_reason(job),
        job_progress: f64::from(progress(job)),
    }
}

/// The generic cloud job query's view of a job, with import files as sub-jobs.
pub fn cloud_job(job: &JobRecord) -> cloud::Job {
    let sub_jobs = if job.job_type == engine::JobType::CancelJobs {
        bulk_sub_jobs(job)
    } else {
        import_sub_jobs(job)
    };
    let mut entities = Map::new();
    entities.insert("graph_name".into(), json!(job.graph));
    entities.insert("sub_jobs_total".into(), json!(sub_jobs.len()));
    entities.insert("sub_jobs".into(), Value::Array(sub_jobs));
    cloud_job_with(job, entities)
}

/// A bulk action's sub-jobs: the jobs it acted on, as they were left by it.
fn bulk_sub_jobs(job: &JobRecord) -> Vec<Value> {
    let subs = job
        .detail
        .as_ref()
        .and_then(|d| d["subJobs"].as_array().cloned())
        .unwrap_or_default();
    subs.iter()
        .map(|s| {
            let state = s["state"].as_str().and_then(JobState::parse);
            let sub = cloud::Job {
                status: state.map_or("FAIL", status::cloud_status).into(),
                entities: [
                    ("action", json!("cancel")),
                    ("graph_name", json!(job.graph)),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
                job_id: s["jobId"].as_str().unwrap_or_default().to_owned(),
                job_type: s["jobType"].as_str().unwrap_or_default().to_owned(),
                begin_time: job.started_at.map(time_fmt::iso_millis),
                end_time: job.ended_at.map(time_fmt::iso_millis),
                error_code: None,
                fail_reason: None,
            };
            serde_json::to_value(sub).unwrap_or_default()
        })
        .collect()
}

/// An import's sub-jobs: one per file with its line counters.
fn import_sub_jobs(job: &JobRecord) -> Vec<Value> {
    import_files(job)
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let status = if f["status"] == "failed" {
                "FAIL"
            } else {
                "SUCCESS"
            };
            let kind = match f["kind"].as_str() {
                Some("schema") => "importSchemaFile",
                Some("edge") => "importEdgeFile",
                _ => "importVertexFile",
            };
            let us = |k: &str| {
                f[k].as_i64()
                    .map(|us| time_fmt::iso_millis(time_fmt::from_millis(us / 1000)))
            };
            let sub = cloud::Job {
                status: status.into(),
                entities: [
                    ("file", f["fileName"].clone()),
                    ("total_lines", f["totalLines"].clone()),
                    ("successful_lines", f["successfulLines"].clone()),
                    ("failed_lines", f["failedLines"].clone()),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
                job_id: format!("{}-{}", job.id.0, i + 1),
                job_type: kind.into(),
                begin_time: us("startTime"),
                end_time: us("endTime"),
                error_code: (status == "FAIL").then(|| "GES.8013".to_owned()),
                fail_reason: (status == "FAIL")
                    .then(|| "every line of the file was rejected".to_owned()),
            };
            serde_json::to_value(sub).unwrap_or_default()
        })
        .collect()
}

/// The cloud job shape of `job` with these entities; `error_code`/`fail_reason` are its
/// [`failure`] (explicit `null`s otherwise).
fn cloud_job_with(job: &JobRecord, entities: Map<String, Value>) -> cloud::Job {
    let failure = failure(job);
    cloud::Job {
        status: status::cloud_status(job.state).into(),
        entities,
        job_id: job.id.0.clone(),
        job_type: job.job_type.as_str().into(),
        begin_time: Some(time_fmt::iso_millis(
            job.started_at.unwrap_or(job.created_at),
        )),
        end_time: job.ended_at.map(time_fmt::iso_millis),
        error_code: failure.as_ref().map(|(code, _)| code.clone()),
        fail_reason: failure.map(|(_, reason)| reason),
    }
}

/// A graph as the management plane shows it.
pub fn management_graph(g: &GraphInfo) -> management::Graph {
    management::Graph {
        id: g.name.clone(),
        name: g.name.clone(),
        status: "200".into(),
        created: time_fmt::management(g.created_at),
        updated: time_fmt::management(g.updated_at),
        data_store_version: format!("graphjobs-{}", env!("CARGO_PKG_VERSION")),
        vertex_num: g.vertices,
        edge_num: g.edges,
        version: g.version,
    }
}

/// A HyG view as `summary` (without `name`) or a list item (with it) shows it.
pub fn hyg_summary(view: &engine::hyg::HygView, with_name: bool) -> crate::ges::HygSummary {
    let labels = |ls: &[engine::hyg::HygLabel]| {
        ls.iter()
            .map(|l| crate::ges::HygLabel {
                label: l.label.clone(),
                property: l.property.clone(),
            })
            .collect()
    };
    crate::ges::HygSummary {
        name: with_name.then(|| view.name.clone()),
        vertex: labels(&view.vertex),
        edge: labels(&view.edge),
        policy: view.policy.clone(),
        in_edge: view.in_edge,
        id_index: true,
        update_time: view.update_time.clone(),
        vertex_num: view.vertex_num,
        edge_num: view.edge_num,
    }
}
