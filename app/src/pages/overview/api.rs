//! The overview's one server function.

#[cfg(feature = "ssr")]
use api::console::graphs::Overview;
use leptos::prelude::*;

use crate::error::AppError;
use crate::server_html::LiveHtml;

/// How many running jobs the overview lists.
#[cfg(feature = "ssr")]
const RUNNING_SHOWN: u64 = 10;
/// How many failures the overview lists.
#[cfg(feature = "ssr")]
const FAILURES_SHOWN: u64 = 5;

/// The overview, live (`active`: some job is queued, running or cancelling; `html`: the
/// overview). Without `html` only the counts are read.
#[server(prefix = "/rpc", endpoint = "overview_live")]
pub(crate) async fn overview_live(html: bool) -> Result<LiveHtml, AppError> {
    use crate::components::is_active;
    use crate::session::{reject, session};
    let s = session().await?;
    let counts = s.engine.job_counts(&s.project).await.map_err(reject)?;
    let counts = api::convert::graphs::state_counts(&counts);
    let active = counts.iter().any(|c| c.count > 0 && is_active(&c.state));
    let html = match html {
        true => Some(super::overview_html::render(
            overview(&s, counts).await?,
            api::convert::role(s.role),
        )),
        false => None,
    };
    Ok(LiveHtml { active, html })
}

/// The overview: the job `counts` per state, the running jobs, the latest failures and the
/// graphs.
#[cfg(feature = "ssr")]
async fn overview(
    s: &crate::session::Session,
    counts: Vec<api::console::graphs::StateCount>,
) -> Result<Overview, AppError> {
    use crate::session::{now_ms, reject};
    use engine::{JobFilter, JobState};
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
        counts,
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
