//! The run form, drawn by the server: graph, algorithm, and for every algorithm of the
//! catalogue a "Parameters" fieldset with one generated input per parameter, hidden (and
//! disabled) until its algorithm is chosen. The island (`super::run_checks`) shows the chosen
//! algorithm's fieldset and checks the inputs (`crate::params`) before [`SubmitAlgorithm`]
//! is dispatched. Filled from a stored job ("Run again", `super::from_job`), the job's graph,
//! algorithm and parameters are chosen and its fieldset shown. On a node that runs distributed
//! jobs the form has an executor choice (`executor_field`), kept by "Run again".
//!
//! [`SubmitAlgorithm`]: super::api::SubmitAlgorithm

mod executor_field;
mod filter_fields;
mod param_fields;

use api::console::{AlgorithmInfo, GraphSummary};
use leptos::prelude::*;

use self::executor_field::ExecutorField;
use self::param_fields::ParamFields;
use super::from_job::FormValues;
use crate::components::SelectField;
use crate::format::short_id;

/// The form, given what can be run and, for "Run again", a stored job's values, as HTML;
/// `distributed`: whether the node runs distributed jobs (the executor choice shows then, or
/// when the stored job asked for the distributed executor).
pub(crate) fn render(
    graphs: Vec<GraphSummary>,
    algorithms: Vec<AlgorithmInfo>,
    values: Option<FormValues>,
    distributed: bool,
) -> String {
    crate::server_html::render(|| view! { <RunForm graphs algorithms values distributed/> })
}

#[component]
fn RunForm(
    graphs: Vec<GraphSummary>,
    algorithms: Vec<AlgorithmInfo>,
    values: Option<FormValues>,
    distributed: bool,
) -> impl IntoView {
    let asked = values
        .as_ref()
        .map_or(engine::distributed::Executor::Local, |v| v.executor);
    let executor = (distributed || asked == engine::distributed::Executor::Distributed)
        .then(|| view! { <ExecutorField chosen=asked/> });
    let from = values.as_ref().map(|v| from_note(v, &algorithms));
    let graph_hint = graphs
        .is_empty()
        .then(|| "This project has no graphs yet.".to_string());
    let graph_options = graphs
        .iter()
        .map(|g| {
            (
                g.name.clone(),
                format!("{} ({} vertices, {} edges)", g.name, g.vertices, g.edges),
            )
        })
        .collect::<Vec<_>>();
    let algorithm_options = algorithms
        .iter()
        .map(|a| (a.name.clone(), a.name.clone()))
        .collect::<Vec<_>>();
    let (graph, algorithm) = values
        .as_ref()
        .map(|v| (v.graph.clone(), v.algorithm.clone()))
        .unwrap_or_default();
    let fieldsets = algorithms
        .into_iter()
        .map(|algo| {
            let values = values.clone().filter(|v| v.algorithm == algo.name);
            view! { <ParamFields algo values/> }
        })
        .collect_view();
    view! {
        {from}
        <form class="run-form" novalidate>
            <SelectField id="graph" label="Graph" placeholder="Choose a graph" options=graph_options
                hint=graph_hint.unwrap_or_default() chosen=graph/>
            <SelectField id="algorithm" label="Algorithm" placeholder="Choose an algorithm"
                options=algorithm_options chosen=algorithm/>
            {fieldsets}
            {executor}
            <div class="form-actions">
                <button type="submit" class="primary">"Submit"</button>
            </div>
        </form>
    }
}

/// Where a filled form's values come from, and the stored parameters it has no control for
/// (they are not sent again).
fn from_note(values: &FormValues, algorithms: &[AlgorithmInfo]) -> impl IntoView + use<> {
    let controls: Vec<&str> = algorithms
        .iter()
        .filter(|a| a.name == values.algorithm)
        .flat_map(|a| a.params.iter().map(|p| p.name.as_str()))
        .collect();
    let left_out: Vec<&str> = values
        .params
        .keys()
        .map(String::as_str)
        .filter(|k| !controls.contains(k))
        .collect();
    let left_out = (!left_out.is_empty()).then(|| {
        view! { <p class="muted">{format!("Stored, but not in this form (left out): {}.", left_out.join(", "))}</p> }
    });
    let job = values.job.clone();
    view! {
        <div class="from-job" role="note">
            <p>
                "Filled in from job " <a class="mono" href=format!("/jobs/{job}")>{short_id(&job)}</a>
                ". Change what you need and submit: it runs as a new job."
            </p>
            {left_out}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use api::console::{AlgorithmInfo, GraphSummary, ParamInfo};

    use crate::params::bare_param as param;

    #[test]
    fn every_algorithm_has_a_hidden_fieldset_holding_its_defaults_and_schema() {
        let alpha = ParamInfo {
            default: Some("0.85".into()),
            min: Some(0.0),
            max: Some(1.0),
            ..param("alpha", "float")
        };
        let directed = ParamInfo {
            default: Some("true".into()),
            ..param("directed", "bool")
        };
        let mode = ParamInfo {
            choices: vec!["OUT".into(), "IN".into()],
            default: Some("IN".into()),
            ..param("mode", "enum")
        };
        let algorithms = vec![
            AlgorithmInfo {
                name: "pagerank".into(),
                description: "Rank.".into(),
                params: vec![alpha, directed, mode],
                filters: vec![],
            },
            AlgorithmInfo {
                name: "wcc".into(),
                description: String::new(),
                params: vec![],
                filters: vec![],
            },
        ];
        let graphs = vec![GraphSummary {
            name: "movie".into(),
            version: 1,
            vertices: 3,
            edges: 2,
        }];
        let html = super::render(graphs, algorithms, None, false);
        assert!(
            html.contains(r#"<option value="movie">movie (3 vertices, 2 edges)</option>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<option value="wcc">wcc</option>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<fieldset data-algo="pagerank" hidden disabled class="params">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<fieldset data-algo="wcc" hidden disabled class="params">"#),
            "{html}"
        );
        assert!(
            html.contains("This algorithm takes no parameters."),
            "{html}"
        );
        assert!(
            html.contains(r#"id="param-pagerank-alpha" name="alpha" step="any" min="0" max="1" value="0.85" data-kind="float""#),
            "{html}"
        );
        assert!(
            html.contains(r#"id="param-pagerank-directed" name="directed" value="true" checked data-kind="bool""#),
            "{html}"
        );
        assert!(html.contains("data-choices=\"OUT\nIN\""), "{html}");
        assert!(
            html.contains(r#"<option value="IN" selected>IN</option>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<p id="param-pagerank-alpha-error" hidden class="field-error"></p>"#),
            "{html}"
        );
    }

    #[test]
    fn a_stored_job_chooses_its_graph_and_algorithm_and_fills_its_fieldset() {
        use crate::pages::run::from_job::FormValues;
        let alpha = ParamInfo {
            default: Some("0.85".into()),
            ..param("alpha", "float")
        };
        let directed = ParamInfo {
            default: Some("true".into()),
            ..param("directed", "bool")
        };
        let algorithms = vec![
            AlgorithmInfo {
                name: "pagerank".into(),
                description: String::new(),
                params: vec![alpha, directed],
                filters: vec![],
            },
            AlgorithmInfo {
                name: "wcc".into(),
                description: String::new(),
                params: vec![],
                filters: vec![],
            },
        ];
        let graphs = vec![GraphSummary {
            name: "movie".into(),
            version: 1,
            vertices: 3,
            edges: 2,
        }];
        let params = serde_json::json!({"alpha": 0.6, "directed": false, "legacy": 1});
        let values = FormValues {
            job: "0123456789".into(),
            graph: "movie".into(),
            algorithm: "pagerank".into(),
            params: params.as_object().unwrap().clone(),
            executor: engine::distributed::Executor::Local,
        };
        let html = super::render(graphs, algorithms, Some(values), false);
        assert!(
            html.contains(r#"<option value="movie" selected>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<option value="pagerank" selected>pagerank</option>"#),
            "{html}"
        );
        assert!(
            !html.contains(r#"<option value="" selected>Choose a graph</option>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<fieldset data-algo="pagerank" class="params">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<fieldset data-algo="wcc" hidden disabled class="params">"#),
            "{html}"
        );
        assert!(html.contains(r#"value="0.6""#), "{html}");
        assert!(
            html.contains(
                r#"id="param-pagerank-directed" name="directed" value="true" data-kind="bool""#
            ),
            "{html}"
        );
        assert!(html.contains(r#"href="/jobs/0123456789""#), "{html}");
        assert!(html.contains("01234567…"), "{html}");
        assert!(html.contains("left out): legacy."), "{html}");
        assert!(
            !html.contains(r#"id="executor""#),
            "no executor choice on a node without the distributed executor: {html}"
        );
    }

    #[test]
    fn the_executor_choice_shows_on_a_distributed_node_and_keeps_a_stored_distributed_run() {
        use crate::pages::run::from_job::FormValues;
        use engine::distributed::Executor;
        let algorithms = vec![AlgorithmInfo {
            name: "pagerank".into(),
            description: String::new(),
            params: vec![],
            filters: vec![],
        }];
        let values = |executor| FormValues {
            job: "0123456789".into(),
            graph: "movie".into(),
            algorithm: "pagerank".into(),
            params: Default::default(),
            executor,
        };
        let automatic = r#"<option value="" selected>Automatic</option>"#;
        let distributed = r#"<option value="distributed" selected>Distributed</option>"#;
        // A new form on a node that runs distributed jobs: automatic.
        let html = super::render(vec![], algorithms.clone(), None, true);
        assert!(
            html.contains(r#"<select id="executor" name="executor""#),
            "{html}"
        );
        assert!(
            html.contains(automatic) && !html.contains(distributed),
            "{html}"
        );
        assert!(html.contains("connected_component"), "the kernels: {html}");
        // "Run again" of a distributed run keeps its choice, even where the node is off (the
        // run is then refused with the reason rather than quietly run locally).
        for on in [true, false] {
            let stored = Some(values(Executor::Distributed));
            let html = super::render(vec![], algorithms.clone(), stored, on);
            assert!(
                html.contains(distributed) && !html.contains(automatic),
                "{html}"
            );
        }
        let html = super::render(vec![], algorithms, Some(values(Executor::Local)), true);
        assert!(html.contains(automatic), "{html}");
    }
}
