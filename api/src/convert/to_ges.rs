//! The GES service plane's shapes: job status with a result page, job list items, HyG views.

use super::*;

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
        engine::JobType::PathQuery => "path_query",
        engine::JobType::DeleteVertices => "delete_vertices",
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
