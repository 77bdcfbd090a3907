//! The console's graph explorer, read through the engine: a vertex's k-hop neighbourhood
//! ([`hood`]), one job's result column for the drawn vertices ([`column`]), and a path
//! result as a subgraph ([`path`]). All three only read: no job is queued, the graph is loaded
//! through the catalogue as an algorithm job loads it (and stays loaded for the next read).

use std::sync::Arc;

use crate::engine::Engine;
use crate::graph::Graph;
use crate::{Error, Result};

pub mod column;
pub mod hood;
pub mod path;

pub use column::ColumnValues;
pub use hood::{HoodEdge, HoodQuery, HoodVertex, Subgraph};
pub use path::PathSubgraph;

/// Most neighbours one expanded vertex may contribute to one read.
pub const MAX_CAP: usize = hood::MAX_VERTICES;
/// Most hops one read walks.
pub const MAX_HOPS: u32 = 6;

impl Engine {
    /// Vertex `q.vertex`'s neighbourhood in graph `graph` (see [`hood`]).
    ///
    /// # Errors
    /// `NotFound` for a missing graph or vertex; `InvalidArgument` for hops over [`MAX_HOPS`]
    /// or a cap of 0 or over [`MAX_CAP`].
    pub async fn neighbourhood(
        &self,
        project: &str,
        graph: &str,
        q: HoodQuery,
    ) -> Result<Subgraph> {
        if q.hops > MAX_HOPS || q.cap == 0 || q.cap > MAX_CAP {
            return Err(Error::invalid(format!(
                "hops must be at most {MAX_HOPS} and cap between 1 and {MAX_CAP}"
            )));
        }
        let found = self
            .with_graph(project, graph, move |g| {
                hood::neighbourhood(g, &q).ok_or(q.vertex)
            })
            .await?;
        found.map_err(|v| Error::not_found(format!("vertex [{v}] of graph [{graph}]")))
    }

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
