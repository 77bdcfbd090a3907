//! [`Engine::graph_detail`]: one graph as the console's graph page shows it (see
//! [`crate::graph_detail`]).

use super::Engine;
use crate::graph_detail::{self, GraphDetail};
use crate::{Error, GraphInfo, Result};

impl Engine {
    /// One graph with its schema, per-label counts and memory.
    ///
    /// # Errors
    /// `NotFound` if the project has no such graph; `Internal` if its snapshot cannot be read.
    pub async fn graph_detail(&self, project: &str, name: &str) -> Result<GraphDetail> {
        let mut info = self.graph(project, name).await?;
        let mut attempts = 0;
        loop {
            attempts += 1;
            let (inner, p, n, version) = (
                self.inner.clone(),
                project.to_owned(),
                name.to_owned(),
                info.version,
            );
            let loaded = tokio::task::spawn_blocking(move || {
                graph_detail::describe_version(&inner.catalog, &p, &n, version)
            })
            .await
            .map_err(|e| Error::Internal(format!("graph loader: {e}")))?;
            match loaded {
                Ok((labels, memory_bytes, partitions)) => {
                    return Ok(GraphDetail {
                        info,
                        labels,
                        memory_bytes,
                        partitions,
                    });
                }
                // A write between reading the row and loading may have replaced this version
                // (and pruned its snapshot): try again with the new row, if there is one.
                Err(e) => {
                    let now = self.graph(project, name).await?;
                    if now.version == info.version || attempts == 3 {
                        return Err(e);
                    }
                    info = now;
                }
            }
        }
    }

    /// The part count of each of `graphs` (the project's catalogue rows) that is partitioned,
    /// `None` for a whole one (see [`graph_detail::part_counts`]).
    pub async fn graph_partitions(&self, project: &str, graphs: &[GraphInfo]) -> Vec<Option<u32>> {
        let (inner, p) = (self.inner.clone(), project.to_owned());
        let versions: Vec<(String, i64)> =
            graphs.iter().map(|g| (g.name.clone(), g.version)).collect();
        let n = versions.len();
        tokio::task::spawn_blocking(move || {
            graph_detail::part_counts(&inner.catalog, &p, &versions)
        })
        .await
        .unwrap_or_else(|_| vec![None; n])
    }
}
