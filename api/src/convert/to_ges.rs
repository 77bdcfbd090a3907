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
    job_status_of(job, page.map(outputs), current_version, words).into()
}

/// [`job_status`] of a page whose rows are kept as stored: the same JSON, without a `Value`
/// per row (what the status endpoint answers).
pub fn job_status_raw<'a>(
    job: &JobRecord,
    page: Option<&'a RawResultPage>,
    current_version: Option<i64>,
    words: Vocabulary,
) -> ges::JobStatusResponseOf<RawOutputs<'a>> {
    job_status_of(job, page.map(raw_outputs), current_version, words)
}

fn job_status_of<O>(
    job: &JobRecord,
    outputs: Option<O>,
    current_version: Option<i64>,
    words: Vocabulary,
) -> ges::JobStatusResponseOf<O> {
    let (status, result) = words.render(job.state);
    let (error_code, error_message) = failure(job).unwrap_or_default();
    ges::JobStatusResponseOf {
        error_message,
        error_code,
        status: status.to_owned(),
        result: result.map(str::to_owned),
        data: outputs.map(|outputs| ges::JobStatusDataOf { outputs }),
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
    counters(&mut out, returned, page.offset, page.total, page.runtime);
    out
}

/// The paging counters (and the runtime) of [`outputs`], over any of the page's keys.
fn counters(out: &mut Map<String, Value>, returned: u64, offset: u64, total: u64, rt: Option<f64>) {
    out.insert("data_return_size".into(), json!(returned));
    out.insert("data_offset".into(), json!(offset));
    out.insert("data_total_size".into(), json!(total));
    if let Some(rt) = rt {
        out.insert("runtime".into(), json!(rt));
    }
}

/// [`outputs`] of a page whose rows are kept as stored: the same keys in the same order, with
/// the rows written as they are.
#[derive(Debug, Clone)]
pub struct RawOutputs<'a> {
    /// Every key but the rows' (which holds `null` here, to keep its place).
    map: Map<String, Value>,
    /// The rows and their key; `None` when a counter took the key (as in [`outputs`]).
    rows: Option<(&'a str, &'a [Box<RawValue>])>,
}

/// [`outputs`] of a page whose rows are kept as stored.
pub fn raw_outputs(page: &RawResultPage) -> RawOutputs<'_> {
    let mut map = page.scalars().clone();
    map.insert(page.key().to_owned(), Value::Null);
    let rows = page.rows();
    counters(
        &mut map,
        rows.len() as u64,
        page.offset(),
        page.total(),
        page.runtime(),
    );
    let taken = ["data_return_size", "data_offset", "data_total_size"].contains(&page.key())
        || (page.runtime().is_some() && page.key() == "runtime");
    RawOutputs {
        map,
        rows: (!taken).then(|| (page.key(), rows)),
    }
}

impl Serialize for RawOutputs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut out = s.serialize_map(Some(self.map.len()))?;
        for (k, v) in &self.map {
            match self.rows {
                Some((key, rows)) if key == k => out.serialize_entry(k, rows)?,
                _ => out.serialize_entry(k, v)?,
            }
        }
        out.end()
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
