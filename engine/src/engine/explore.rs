//! The graph explorer's reads (see [`crate::explore`]): no job is queued, the graph is read
//! as it is now.

use super::Engine;
use crate::explore::column::{self, ColumnValues};
use crate::explore::hood::{self, HoodQuery, Subgraph};
use crate::explore::path::{self, MAX_ROWS, PathSubgraph};
use crate::{Error, Result};

impl Engine {
    /// Vertex `q.vertex`'s neighbourhood in graph `graph` (see [`hood`]).
    ///
    /// # Errors
    /// `NotFound` for a missing graph or vertex; `InvalidArgument` for hops over
    /// [`crate::explore::MAX_HOPS`] or a cap of 0 or over [`crate::explore::MAX_CAP`].
    pub async fn neighbourhood(
        &self,
        project: &str,
        graph: &str,
        q: HoodQuery,
    ) -> Result<Subgraph> {
        crate::explore::check_hood(&q)?;
        let found = self
            .with_graph(project, graph, move |g| {
                hood::neighbourhood(g, &q).ok_or(q.vertex)
            })
            .await?;
        found.map_err(|v| Error::not_found(format!("vertex [{v}] of graph [{graph}]")))
    }

    /// Column `column` of job `job`'s result for the vertices `ids`; an empty `column` is the
    /// rows' alphabetically first field besides `id` (`pagerank`, `community`, `coreness`,
    /// `distance`…), so a link from any per-vertex result needs only the job.
    ///
    /// # Errors
    /// `NotFound` for a missing job; `Conflict` before it has succeeded; `InvalidArgument` when
    /// its rows have no `id` and `column` (not a per-vertex result) or for over
    /// [`column::MAX_IDS`] ids.
    pub async fn result_values(
        &self,
        project: &str,
        job: &str,
        column: &str,
        ids: Vec<String>,
    ) -> Result<ColumnValues> {
        column::check_ids(ids.len())?;
        let at = self.results_of(project, job).await?;
        let graph = self.job(project, job).await?.graph;
        let first = self.result_page(project, job, 0, 1).await?;
        let column = column::column_to_read(job, column, &first)?;
        // A graph gone since the job ran leaves every vertex to the scan.
        let asked = ids.clone();
        let index: Vec<Option<u32>> = self
            .with_graph(project, &graph, move |g| {
                asked.iter().map(|id| g.vertex_index(id)).collect()
            })
            .await
            .unwrap_or_else(|_| vec![None; ids.len()]);
        let (engine, name, total) = (self.clone(), column.clone(), first.total);
        let values = tokio::task::spawn_blocking(move || {
            column::read_values(&engine.inner.results, &at, ids, &index, &name, total)
        })
        .await
        .map_err(|e| Error::Internal(format!("result reader: {e}")))??;
        Ok(ColumnValues {
            graph,
            column,
            values,
        })
    }

    /// Job `job`'s path result as a subgraph of its graph.
    ///
    /// # Errors
    /// `NotFound` for a missing job or graph; `Conflict` before the job has succeeded.
    pub async fn path_subgraph(&self, project: &str, job: &str) -> Result<PathSubgraph> {
        let graph = self.job(project, job).await?.graph;
        let page = self.result_page(project, job, 0, MAX_ROWS).await?;
        let paths = path::paths_of(&page.rows);
        let walk = paths.clone();
        let subgraph = self
            .with_graph(project, &graph, move |g| path::subgraph(g, &walk))
            .await?;
        Ok(PathSubgraph {
            graph,
            paths,
            subgraph,
        })
    }
}
