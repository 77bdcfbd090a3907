//! Files uploaded for an import (see [`crate::upload`]): opening an upload area, fetching a
//! node's copy of one, removing expired ones.

use std::time::{Duration, SystemTime};

use super::Engine;
use crate::upload::{self, Upload};
use crate::{Error, Result};

impl Engine {
    /// Opens a new, empty upload area for `project`.
    pub async fn begin_upload(&self, project: &str) -> Result<Upload> {
        super::check_project(project)?;
        let config = &self.inner.config;
        Upload::open(
            &config.uploads_dir(),
            self.inner.objects.clone(),
            config.upload_limit,
            project,
        )
        .await
    }

    /// Removes upload areas last written before `now - max_age`, this node's copies and the
    /// object store's; returns how many areas.
    pub async fn remove_expired_uploads(&self, now: SystemTime, max_age: Duration) -> Result<u64> {
        let root = self.inner.config.uploads_dir();
        let objects = self.inner.objects.clone();
        let Some(cutoff) = now.checked_sub(max_age) else {
            return Ok(0);
        };
        tokio::task::spawn_blocking(move || upload::remove_expired(&root, &objects, cutoff))
            .await
            .map_err(|e| Error::Internal(format!("upload cleanup: {e}")))?
    }

    /// `raw` (an import path) as this node sees it (see [`upload::localize`]). Blocking.
    pub(crate) fn localize_upload(&self, project: &str, raw: &str) -> Result<String> {
        upload::localize(
            &self.inner.config.uploads_dir(),
            &self.inner.objects,
            project,
            raw,
        )
    }
}
