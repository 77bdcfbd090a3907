//! The overview's one server function.

use api::console::graphs::Overview;
use leptos::prelude::*;

use crate::error::AppError;

/// How many running jobs the overview lists.
#[cfg(feature = "ssr")]
const RUNNING_SHOWN: u64 = 10;
/// How many failures the overview lists.
#[cfg(feature = "ssr")]
const FAILURES_SHOWN: u64 = 5;

/// Job counts per state, the running jobs, the latest failures and the graphs.
#[server(prefix = "/rpc", endpoint = "get_overview")]
pub(crate) async fn get_overview() -> Result<Overview, AppError> {
    use crate::session::{now_ms, reject, session};
    use engine::{JobFilter, JobState};
    let s = session().await?;
    let counts = s.engine.job_counts(&s.project).await.map_err(reject)?;
    let of = |states: Vec<JobState>, limit| JobFilter {
        states,
        limit,
        ..Default::default()
    };
    let running = of(vec![JobState::Running, JobState::Cancelling], RUNNING_SHOWN);
    let running = s.engine.jobs(&s.project, &running).await.map_err(reject)?;
    let failed = of(vec![JobState::Failed], FAILURES_SHOWN);
    let failed = s.engine.jobs(&s.project, &failed).await.map_err(reject)?;
    let graphs = s.engine.graphs(&s.project).await.map_err(reject)?;
    Ok(Overview {
        counts: api::convert::graphs::state_counts(&counts),
        running: running.jobs.iter().map(api::convert::job_summary).collect(),
        running_total: running.total,
        failures: failed
            .jobs
            .iter()
            .map(api::convert::graphs::failed_job)
            .collect(),
        graphs: graphs.iter().map(api::convert::graph_summary).collect(),
        now_ms: now_ms(),
    })
}
