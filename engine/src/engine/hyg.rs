//! The engine façade's HyG calls: create, summary, list, cancel-all-queued, and the checks a
//! HyG job passes before it is queued (an algorithm's are [`crate::hyg::check`]'s).

use super::{Engine, graph_missing};
use crate::hyg::{HygAlgorithm, HygView, check, dsl, not_created};
use crate::job::store::JobStore;
use crate::job::{JobFilter, JobKind, JobRecord, JobState};
use crate::{Error, Refusal, Result};

impl Engine {
    /// Creates the HyG view of an existing graph (REFERENCE §13 #1). `policy` must be `oec`
    /// (the default); `in_edge` defaults to false.
    ///
    /// # Errors
    /// `NotFound` for an unknown graph, `InvalidArgument` for another policy,
    /// `Conflict` if the view exists.
    pub async fn hyg_create(
        &self,
        project: &str,
        graph: &str,
        policy: Option<&str>,
        in_edge: Option<bool>,
    ) -> Result<HygView> {
        let policy = policy.unwrap_or("oec");
        if policy != "oec" {
            return Err(Error::invalid(format!(
                "parameter [policy] must be oec, got {policy}"
            )));
        }
        let store = &self.inner.store;
        if store.graph(project, graph).await?.is_none() {
            return Err(graph_missing(graph));
        }
        if store.hyg(project, graph).await?.is_some() {
            return Err(Error::Conflict {
                message: format!("HyG graph [{graph}] already exists"),
            });
        }
        let view = HygView {
            name: graph.to_owned(),
            policy: policy.to_owned(),
            in_edge: in_edge.unwrap_or(false),
            synced: false,
            vertex: Vec::new(),
            edge: Vec::new(),
            vertex_num: 0,
            edge_num: 0,
            update_time: crate::time_fmt::ges(crate::time_fmt::now()),
            graph_version: None,
        };
        store.put_hyg(project, graph, &view.encode()).await?;
        Ok(view)
    }

    /// A graph's HyG view (§13 #3). `InvalidArgument` if it has none.
    pub async fn hyg_view(&self, project: &str, graph: &str) -> Result<HygView> {
        match self.inner.store.hyg(project, graph).await? {
            Some(text) => HygView::decode(&text),
            None => Err(not_created(graph)),
        }
    }

    /// A project's HyG views, by graph name (§13 #4).
    pub async fn hyg_views(&self, project: &str) -> Result<Vec<HygView>> {
        let rows = self.inner.store.hygs(project).await?;
        rows.iter().map(|(_, text)| HygView::decode(text)).collect()
    }

    /// Cancels every queued HyG job of `graph` (§13 #10). Running ones are left alone (cancel
    /// them one by one). Returns the bulk action's parent job (type `CancelJobs`, recorded
    /// succeeded, its `detail.subJobs` listing each cancelled job) and the cancelled jobs,
    /// oldest first.
    pub async fn hyg_cancel_queued(
        &self,
        project: &str,
        graph: &str,
        actor: &str,
    ) -> Result<(JobRecord, Vec<JobRecord>)> {
        let started = crate::time_fmt::now();
        let cancelled = self.cancel_queued_hyg_jobs(project, graph, actor).await?;
        let request = serde_json::json!({"action": "cancel all queued HyG jobs", "actor": actor});
        let parent = self
            .record_bulk_parent(project, graph, request, started, &cancelled)
            .await?;
        Ok((parent, cancelled))
    }

    async fn cancel_queued_hyg_jobs(
        &self,
        project: &str,
        graph: &str,
        actor: &str,
    ) -> Result<Vec<JobRecord>> {
        self.hyg_view(project, graph).await?;
        let filter = JobFilter {
            graph: Some(graph.to_owned()),
            states: vec![JobState::Queued],
            limit: u64::MAX >> 1,
            ..JobFilter::default()
        };
        let mut queued = self.jobs(project, &filter).await?.jobs;
        queued.reverse();
        let mut cancelled = Vec::new();
        for job in queued {
            let Some(spec) = self.inner.store.job_spec(&job.id.0).await? else {
                continue;
            };
            let hyg = serde_json::from_value::<JobKind>(spec).is_ok_and(|k| k.is_hyg());
            if !hyg {
                continue;
            }
            // A job that started (or ended) meanwhile is skipped, not an error.
            match self
                .cancel(project, &job.id.0, actor, "cancel all queued HyG jobs")
                .await
            {
                Ok(j) if j.state == JobState::Cancelled => cancelled.push(j),
                Ok(j) => {
                    tracing::info!(job = %j.id, state = %j.state, "started before cancel-all reached it");
                }
                Err(Error::Conflict { .. } | Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(cancelled)
    }

    /// Checks a HyG algorithm job before it is queued (its view, its parameters); returns
    /// the algorithm's name.
    pub(crate) async fn check_hyg_algorithm(
        &self,
        project: &str,
        graph: &str,
        spec: &HygAlgorithm,
    ) -> Result<String> {
        let view = self.hyg_view(project, graph).await?;
        check::algorithm(&view, spec)?;
        Ok(spec.name.clone())
    }

    /// Checks a HyG dsl job before it is queued (its view synced, its script parsed); returns
    /// the name the job list shows for it.
    pub(crate) async fn check_hyg_dsl(
        &self,
        project: &str,
        graph: &str,
        job: &dsl::HygDsl,
    ) -> Result<String> {
        let view = self.hyg_view(project, graph).await?;
        if !view.synced {
            return Err(Error::refused(
                Refusal::WrongState,
                format!("HyG graph [{graph}] has not been synced; run sync first"),
            ));
        }
        dsl::check(&job.script, graph)?;
        Ok(dsl::NAME.to_owned())
    }
}
