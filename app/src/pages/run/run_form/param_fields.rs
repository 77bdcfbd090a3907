//! The generated inputs of the chosen algorithm's parameters.

use api::console::AlgorithmInfo;
use leptos::prelude::*;

use crate::components::ParamField;
use crate::params::{self, FieldErrors, RawValues};

/// One [`ParamField`] per parameter, inside a "Parameters" fieldset.
#[component]
pub(crate) fn ParamFields(
    /// The chosen algorithm.
    algo: AlgorithmInfo,
    /// Raw input text per parameter (owned by the form).
    values: RwSignal<RawValues>,
    /// Error per parameter (owned by the form).
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let none = algo
        .params
        .is_empty()
        .then(|| view! { <p class="muted">"This algorithm takes no parameters."</p> });
    let inputs = algo
        .params
        .into_iter()
        .map(|param| {
            let name = param.name.clone();
            let value = Signal::derive({
                let name = name.clone();
                move || values.with(|v| v.get(&name).cloned().unwrap_or_default())
            });
            let error = Signal::derive({
                let name = name.clone();
                move || errors.with(|e| e.get(&name).cloned())
            });
            let on_input = Callback::new({
                let param = param.clone();
                move |raw: String| {
                    // Once a field shows an error, re-check it on every edit so the message
                    // goes away as soon as the value fits.
                    if errors.with_untracked(|e| e.contains_key(&name)) {
                        match params::parse(&param, &raw) {
                            Ok(_) => errors.update(|e| {
                                e.remove(&name);
                            }),
                            Err(msg) => errors.update(|e| {
                                e.insert(name.clone(), msg);
                            }),
                        }
                    }
                    values.update(|v| {
                        v.insert(name.clone(), raw);
                    });
                }
            });
            view! { <ParamField param value error on_input/> }
        })
        .collect_view();
    view! {
        <fieldset class="params">
            <legend>"Parameters"</legend>
            <p class="description">{algo.description}</p>
            {inputs}
            {none}
        </fieldset>
    }
    .into_any()
}
