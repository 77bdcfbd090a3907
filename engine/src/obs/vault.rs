//! Credentials held in memory from submit until a worker takes the job — never persisted.

use std::collections::HashMap;
use std::sync::Mutex;

use super::ObsCredentials;

/// Job id → the `obsParameters` it was submitted with.
#[derive(Debug, Default)]
pub(crate) struct CredentialVault {
    by_job: Mutex<HashMap<String, ObsCredentials>>,
}

impl CredentialVault {
    /// Keeps `creds` for `job`.
    pub(crate) fn put(&self, job: &str, creds: ObsCredentials) {
        self.by_job
            .lock()
            .expect("vault lock")
            .insert(job.to_owned(), creds);
    }

    /// Takes the credentials of `job` (they are used once).
    pub(crate) fn take(&self, job: &str) -> Option<ObsCredentials> {
        self.by_job.lock().expect("vault lock").remove(job)
    }
}

/// Why a job whose credentials are gone cannot run.
pub(crate) const LOST: &str = "the OBS credentials (obsParameters) of this job were kept in memory \
only and are gone: the server restarted before the job ran; submit it again";
