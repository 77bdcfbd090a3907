//! The explorer's server functions, called by `public/explore/explore.js` (a form-encoded POST,
//! a JSON answer). Reads only: every role may use them, through the same session check as
//! every other read.

use api::console::explore::{ExploreGraph, ExploreValues};
use leptos::prelude::*;

use crate::error::AppError;

/// Vertex `vertex`'s neighbourhood in graph `graph`: `hops` rings, at most `cap` neighbours
/// of each vertex, the root's first `skip` neighbours left out ("load more").
#[server(prefix = "/rpc", endpoint = "explore_neighbourhood")]
pub(crate) async fn explore_neighbourhood(
    graph: String,
    vertex: String,
    hops: u32,
    cap: u32,
    #[server(default)] skip: u32,
) -> Result<ExploreGraph, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let q = engine::explore::HoodQuery {
        vertex,
        hops,
        cap: cap as usize,
        skip: skip as usize,
    };
    let hood = s.engine.neighbourhood(&s.project, &graph, q).await;
    Ok(api::convert::explore::explore_graph(
        &graph,
        &hood.map_err(reject)?,
    ))
}

/// Column `column` (empty: the result's own) of job `job`'s result for the vertices `ids`
/// (one per line).
#[server(prefix = "/rpc", endpoint = "explore_column")]
pub(crate) async fn explore_column(
    job: String,
    #[server(default)] column: String,
    ids: String,
) -> Result<ExploreValues, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let ids = ids.lines().map(str::to_owned).collect();
    let values = s.engine.result_values(&s.project, &job, &column, ids).await;
    Ok(api::convert::explore::explore_values(
        &values.map_err(reject)?,
    ))
}

/// Job `job`'s path result as a subgraph.
#[server(prefix = "/rpc", endpoint = "explore_path")]
pub(crate) async fn explore_path(job: String) -> Result<ExploreGraph, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let path = s.engine.path_subgraph(&s.project, &job).await;
    Ok(api::convert::explore::explore_path(&path.map_err(reject)?))
}
