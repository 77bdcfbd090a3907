//! One algorithm's generated inputs, in a "Parameters" fieldset that is hidden and disabled
//! (so its inputs are not read) until the algorithm is chosen.

use api::console::AlgorithmInfo;
use leptos::prelude::*;

use super::filter_fields::FilterFields;
use crate::components::ParamField;

/// One [`ParamField`] per parameter of `algo`.
#[component]
pub(crate) fn ParamFields(
    /// The algorithm.
    algo: AlgorithmInfo,
) -> impl IntoView {
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
        .map(|param| view! { <ParamField param algo=name.clone()/> })
        .collect_view();
    view! {
        <fieldset class="params" data-algo=algo.name hidden disabled>
            <legend>"Parameters"</legend>
            <p class="description">{algo.description}</p>
            {inputs}
            {filters}
            {none}
        </fieldset>
    }
}
