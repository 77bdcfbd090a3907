//! The management plane's job center and graphs (`/v2/{project_id}/graphs…`).

use super::*;

/// The job center's status word: `partiallyFailed` for an import that rejected some rows.
pub fn management_status(job: &JobRecord) -> &'static str {
    if job.state == JobState::Succeeded && job.partial {
        "partiallyFailed"
    } else {
        status::management_status(job.state)
    }
}

/// The import's per-file counters, from the job's detail.
pub(super) fn import_files(job: &JobRecord) -> Vec<Value> {
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

/// A graph as the management plane shows it.
pub fn management_graph(g: &GraphInfo, partitions: Option<u32>) -> management::Graph {
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
        partitions,
    }
}
