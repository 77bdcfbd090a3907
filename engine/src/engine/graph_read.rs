//! A graph read outside any job: loaded through the catalogue as an algorithm job loads it (and
//! kept loaded for the next read), read on a blocking thread.

use std::sync::Arc;

use super::Engine;
use crate::graph::Graph;
use crate::{Error, Result};

impl Engine {
    /// Runs `read` on graph `name` of `project` as it is now, on a blocking thread.
    pub(crate) async fn with_graph<R: Send + 'static>(
        &self,
        project: &str,
        name: &str,
        read: impl FnOnce(&Graph) -> R + Send + 'static,
    ) -> Result<R> {
        let g = self.load_graph(project, name).await?;
        tokio::task::spawn_blocking(move || read(&g))
            .await
            .map_err(|e| Error::Internal(format!("graph reader: {e}")))
    }

    /// Graph `name` loaded at its current version. A write between reading the row and loading
    /// may have replaced that version (and pruned its snapshot): then once more with the new row.
    async fn load_graph(&self, project: &str, name: &str) -> Result<Arc<Graph>> {
        let mut info = self.graph(project, name).await?;
        for attempt in 1.. {
            let (inner, p, n) = (self.inner.clone(), project.to_owned(), name.to_owned());
            let version = info.version;
            let loaded = tokio::task::spawn_blocking(move || inner.catalog.get(&p, &n, version))
                .await
                .map_err(|e| Error::Internal(format!("graph loader: {e}")))?;
            match loaded {
                Ok(g) => return Ok(g),
                Err(e) => {
                    let now = self.graph(project, name).await?;
                    if now.version == info.version || attempt == 3 {
                        return Err(e);
                    }
                    info = now;
                }
            }
        }
        unreachable!("the loop returns")
    }
}
