//! "Run again" through the run form: a job's stored request as the form's values
//! (`/run?from=<job id>`), to edit and submit as a new job.
//!
//! Only a catalogue algorithm run fills the form, with the executor it asked for (one sent
//! with `X-Executor: distributed` comes back with "Distributed" chosen, so it runs
//! distributed again). Every other job that can run again keeps the direct re-run of its
//! stored request (`rerun_job`): filter, k-hop and path queries (the query page's fields are
//! not filled from a stored query yet), HyG algorithms, scripts, syncs and deletes, graph
//! create/clear/delete, delete-by-filter, dumps and exports to a local path. Imports, bulk
//! cancels and anything sent with OBS keys are not run again at all (`api::convert`'s
//! `rerunnable`).

use serde_json::{Map, Value};

/// The run form's values from a stored job.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FormValues {
    /// The job's id (the form says where its values come from).
    pub(crate) job: String,
    /// Graph.
    pub(crate) graph: String,
    /// Algorithm.
    pub(crate) algorithm: String,
    /// Its parameters as the engine stored them.
    pub(crate) params: Map<String, Value>,
    /// The executor it asked for (`Local`: none, the engine's choice).
    pub(crate) executor: engine::distributed::Executor,
}

impl FormValues {
    /// The values of job `job`, submitted as `spec`, or `None` when the form does not run
    /// such a job (module docs).
    pub(crate) fn of(job: &str, spec: &engine::JobSpec) -> Option<Self> {
        match &spec.kind {
            engine::JobKind::Algorithm {
                name,
                parameters,
                executor,
            } => Some(Self {
                job: job.to_owned(),
                graph: spec.graph.clone(),
                algorithm: name.clone(),
                params: parameters.clone(),
                executor: *executor,
            }),
            _ => None,
        }
    }

    /// Parameter `name`'s stored value as a form control's text (a string as it is, a number
    /// or boolean as JSON writes it, anything else as its JSON), or `None` when not stored.
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        self.params.get(name).map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }
}

/// Whether job `id`'s "Run again" opens the run form: a role that may run it sees a link to
/// `/run?from=<id>` instead of the direct re-run.
pub(crate) async fn fills_form(engine: &engine::Engine, project: &str, id: &str) -> bool {
    let spec = engine.job_spec(project, id).await;
    spec.is_ok_and(|spec| FormValues::of(id, &spec).is_some())
}

#[cfg(test)]
mod tests {
    use super::FormValues;
    use serde_json::json;

    #[test]
    fn a_local_algorithm_run_fills_the_form_with_its_parameters_as_text() {
        let params = json!({"alpha": 0.5, "directed": false, "mode": "IN", "sources": ["1", "2"]});
        let spec =
            engine::JobSpec::algorithm("movie", "pagerank", params.as_object().unwrap().clone());
        let values = FormValues::of("j1", &spec).expect("an algorithm run fills the form");
        assert_eq!(
            (values.graph.as_str(), values.algorithm.as_str()),
            ("movie", "pagerank")
        );
        assert_eq!(values.text("alpha").as_deref(), Some("0.5"));
        assert_eq!(values.text("directed").as_deref(), Some("false"));
        assert_eq!(values.text("mode").as_deref(), Some("IN"));
        assert_eq!(values.text("sources").as_deref(), Some(r#"["1","2"]"#));
        assert_eq!(values.text("k"), None);
        assert_eq!(values.executor, engine::distributed::Executor::Local);
    }

    #[test]
    fn a_distributed_run_fills_the_form_with_its_executor_and_other_jobs_do_not() {
        let mut spec = engine::JobSpec::algorithm("movie", "pagerank", Default::default());
        if let engine::JobKind::Algorithm { executor, .. } = &mut spec.kind {
            *executor = engine::distributed::Executor::Distributed;
        }
        let values = FormValues::of("j1", &spec).expect("a distributed run fills the form");
        assert_eq!(values.executor, engine::distributed::Executor::Distributed);
        let create = engine::JobSpec::new("movie", engine::JobKind::CreateGraph, json!({}));
        assert_eq!(FormValues::of("j2", &create), None);
    }
}
