//! [`ResultKey`]: where one claim of a job keeps its result.

use crate::job::JobRecord;

/// Where a job's result lives, relative to `results/` (the data dir's and the object store's).
///
/// Each claim of a job writes its own result, `<job>/a<n>` for the `n`th claim, so a worker
/// that lost its lease (paused past it, then resumed) writes beside the result of the worker
/// that took over, never over it. The job's success records which claim's result is the job's
/// (`JobRecord::result_attempt`, set by the finish that the lease fences). Results recorded
/// before results were kept per claim are directly under `<job>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultKey {
    job: String,
    attempt: Option<u32>,
}

impl ResultKey {
    /// Where the running claim of `job` writes its result.
    pub fn of_claim(job: &JobRecord) -> Self {
        Self {
            job: job.id.0.clone(),
            attempt: Some(job.attempt),
        }
    }

    /// Where the result that `job`'s success recorded is.
    pub fn recorded(job: &JobRecord) -> Self {
        Self {
            job: job.id.0.clone(),
            attempt: job.result_attempt,
        }
    }

    /// A result under the job's id alone (results recorded before they were kept per claim;
    /// also the benches' and unit tests' single results).
    pub fn whole(job: &str) -> Self {
        Self {
            job: job.to_owned(),
            attempt: None,
        }
    }

    /// The job whose result this is.
    pub fn job(&self) -> &str {
        &self.job
    }

    /// The result's directory, relative to `results/`.
    pub fn path(&self) -> String {
        match self.attempt {
            Some(n) => format!("{}/a{n}", self.job),
            None => self.job.clone(),
        }
    }
}
