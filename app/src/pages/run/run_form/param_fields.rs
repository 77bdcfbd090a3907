//! One algorithm's generated inputs, in a "Parameters" fieldset that is hidden and disabled
//! (so its inputs are not read) until the algorithm is chosen, or shown with a stored job's
//! values ("Run again").

use api::console::AlgorithmInfo;
use leptos::prelude::*;

use super::filter_fields::FilterFields;
use crate::components::ParamField;
use crate::pages::run::from_job::FormValues;

/// One [`ParamField`] per parameter of `algo`.
#[component]
pub(crate) fn ParamFields(
    /// The algorithm.
    algo: AlgorithmInfo,
    /// A stored job's values, when it ran this algorithm: the fieldset is shown with them.
    values: Option<FormValues>,
) -> impl IntoView {
    let closed = values.is_none();
    let filters = algo
        .filters
        .iter()
        .filter(|key| matches!(key.as_str(), "vertex_filter" | "edge_filter"))
        .map(|key| view! { <FilterFields algo=algo.name.clone() key=key.clone()/> })
        .collect_view();
    let none = (algo.params.is_empty() && algo.filters.is_empty())
        .then(|| view! { <p class="muted">"This algorithm takes no parameters."</p> });
    let name = algo.name.clone();
    let inputs = algo
        .params
        .into_iter()
        .map(|param| {
            let value = values.as_ref().and_then(|v| v.text(&param.name));
            view! { <ParamField param algo=name.clone() value/> }
        })
        .collect_view();
    view! {
        <fieldset class="params" data-algo=algo.name hidden=closed disabled=closed>
            <legend>"Parameters"</legend>
            <p class="description">{algo.description}</p>
            {inputs}
            {filters}
            {none}
        </fieldset>
    }
}
