//! Engine visualization jobs ⇄ ModelArts DTOs (feature `engine`).

use engine::time_fmt;
use engine::viz::{NewVizJob, ScheduleSpec, VizJob, VizPage};

use super::{CreateRequest, CreateResponse, Job, JobDetail, JobList, SERVICE_URL_PREFIX};

/// `/visualization/{job_id}`.
pub fn service_url(job: &VizJob) -> String {
    format!("{SERVICE_URL_PREFIX}{}", job.id)
}

impl From<CreateRequest> for NewVizJob {
    fn from(r: CreateRequest) -> Self {
        Self {
            name: r.job_name,
            desc: r.job_desc,
            train_url: r.train_url,
            job_type: r.job_type,
            flavor: r.flavor.and_then(|f| f.code),
            schedule: r
                .schedule
                .map(|s| s.into_vec())
                .unwrap_or_default()
                .into_iter()
                .map(|s| ScheduleSpec {
                    kind: s.kind,
                    time_unit: s.time_unit,
                    duration: s.duration.map(|d| d.to_text()),
                })
                .collect(),
        }
    }
}

/// The create response.
pub fn created(job: &VizJob) -> CreateResponse {
    CreateResponse {
        is_success: true,
        job_id: job.id,
        job_name: job.name.clone(),
        status: job.state.code(),
        create_time: time_fmt::to_millis(job.created_at),
        service_url: service_url(job),
    }
}

/// A list item, with `duration` as of now.
pub fn job(job: &VizJob) -> Job {
    let now = time_fmt::now();
    Job {
        job_id: job.id,
        job_name: job.name.clone(),
        status: job.state.code(),
        create_time: time_fmt::to_millis(job.created_at),
        duration: job.duration_ms(now),
        job_desc: job.desc.clone(),
        service_url: service_url(job),
        train_url: job.train_url.clone(),
        resource_id: job.resource_id.clone(),
        fail_reason: job.fail_reason.clone(),
    }
}

/// The detail response.
pub fn detail(j: &VizJob) -> JobDetail {
    JobDetail {
        error_code: None,
        error_message: None,
        is_success: true,
        job: job(j),
    }
}

/// The list response.
pub fn list(page: &VizPage) -> JobList {
    JobList {
        error_code: None,
        error_message: None,
        is_success: true,
        job_total_count: page.total,
        job_count_limit: page.remaining,
        quotas: engine::viz::JOB_QUOTA,
        jobs: page.jobs.iter().map(job).collect(),
    }
}
