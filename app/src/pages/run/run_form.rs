//! The run form: graph, algorithm, and one generated input per parameter, validated in the
//! browser (`crate::params`) before [`SubmitAlgorithm`] is dispatched; on success the browser
//! goes to the new job's page.

mod param_fields;

use api::console::{AlgorithmInfo, GraphSummary};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use serde_json::Value;

use self::param_fields::ParamFields;
use super::api::SubmitAlgorithm;
use crate::components::{ErrorNotice, SelectField};
use crate::params::{self, FieldErrors, RawValues};

/// The form, given what can be run.
#[component]
pub(crate) fn RunForm(
    /// The project's graphs.
    graphs: Vec<GraphSummary>,
    /// The algorithm catalogue.
    algorithms: Vec<AlgorithmInfo>,
) -> impl IntoView {
    let catalogue = StoredValue::new(algorithms);
    let graph = RwSignal::new(String::new());
    let algorithm = RwSignal::new(String::new());
    let values = RwSignal::new(RawValues::new());
    let errors = RwSignal::new(FieldErrors::new());
    let graph_error = RwSignal::new(None::<String>);
    let algorithm_error = RwSignal::new(None::<String>);
    let submit = ServerAction::<SubmitAlgorithm>::new();
    let selected = Memo::new(move |_| {
        let name = algorithm.get();
        catalogue.with_value(|list| list.iter().find(|a| a.name == name).cloned())
    });
    Effect::new(move |_| {
        if let Some(Ok(id)) = submit.value().get() {
            crate::navigate::go(&format!("/jobs/{id}"));
        }
    });

    let on_graph = Callback::new(move |name: String| {
        graph.set(name);
        graph_error.set(None);
    });
    let on_algorithm = Callback::new(move |name: String| {
        let defaults = catalogue.with_value(|list| {
            list.iter()
                .find(|a| a.name == name)
                .map(|a| params::defaults(&a.params))
        });
        values.set(defaults.unwrap_or_default());
        errors.set(FieldErrors::new());
        algorithm_error.set(None);
        algorithm.set(name);
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let graph_name = graph.get_untracked();
        graph_error.set(graph_name.is_empty().then(|| "Choose a graph.".to_string()));
        let Some(algo) = selected.get_untracked() else {
            algorithm_error.set(Some("Choose an algorithm.".into()));
            return;
        };
        match params::validate(&algo.params, &values.get_untracked()) {
            Ok(map) if !graph_name.is_empty() => {
                errors.set(FieldErrors::new());
                let params_json = Value::Object(map).to_string();
                submit.dispatch(SubmitAlgorithm {
                    graph: graph_name,
                    name: algo.name,
                    params_json,
                });
            }
            Ok(_) => errors.set(FieldErrors::new()),
            Err(field_errors) => errors.set(field_errors),
        }
    };

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
    let algorithm_options = catalogue.with_value(|list| {
        list.iter()
            .map(|a| (a.name.clone(), a.name.clone()))
            .collect::<Vec<_>>()
    });

    let fields = move || {
        selected
            .get()
            .map(|algo| view! { <ParamFields algo values errors/> })
    };
    let failure = move || {
        submit
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| view! { <ErrorNotice error/> })
    };
    let pending = move || submit.pending().get();

    view! {
        <form class="run-form" novalidate on:submit=on_submit>
            <SelectField
                id="graph"
                label="Graph"
                placeholder="Choose a graph"
                options=graph_options
                value=graph
                error=graph_error
                on_change=on_graph
                hint=graph_hint.unwrap_or_default()
            />
            <SelectField
                id="algorithm"
                label="Algorithm"
                placeholder="Choose an algorithm"
                options=algorithm_options
                value=algorithm
                error=algorithm_error
                on_change=on_algorithm
            />
            {fields}
            {failure}
            <div class="form-actions">
                <button type="submit" class="primary" disabled=pending>"Submit"</button>
                {move || pending().then(|| view! { <span class="muted" role="status">"Submitting…"</span> })}
            </div>
        </form>
    }
    .into_any()
}
