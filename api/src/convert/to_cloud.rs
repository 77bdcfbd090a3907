//! The generic cloud job query (`/v1/{project_id}/jobs/{job_id}`) with its `sub_jobs`.

use super::*;

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
                error_code: (status == "FAIL")
                    .then(|| errors::ges_failure(Some(engine::FailKind::ImportFailed)).to_owned()),
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
