//! A labelled text input (or textarea) with its help line and inline error, wired for
//! assistive technology: `aria-describedby` names the help and, while there is one, the
//! error; `aria-invalid` says whether the value was refused.

use leptos::prelude::*;

/// One field of a form that validates in the page.
#[component]
pub(crate) fn TextField(
    /// Element id and form name (the server function's argument).
    id: &'static str,
    /// Visible label.
    label: &'static str,
    /// Help text under the control.
    help: &'static str,
    /// Whether the field must be filled.
    #[prop(optional)]
    required: bool,
    /// A textarea instead of a one-line input.
    #[prop(optional)]
    multiline: bool,
    /// `inputmode` hint for on-screen keyboards (e.g. `numeric`, `url`).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The validation message to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Called with the new text on every edit.
    on_input: Callback<String>,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described_by = {
        let (help_id, error_id) = (help_id.clone(), error_id.clone());
        move || match error.get() {
            Some(_) => format!("{help_id} {error_id}"),
            None => help_id.clone(),
        }
    };
    let invalid = move || error.get().is_some().to_string();
    let control = if multiline {
        view! {
            <textarea id=id name=id rows="3" aria-describedby=described_by aria-invalid=invalid
                on:input=move |ev| on_input.run(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id name=id type="text" required=required inputmode=inputmode
                autocomplete="off" spellcheck="false"
                aria-describedby=described_by aria-invalid=invalid
                on:input=move |ev| on_input.run(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>
                {label}
                {required.then(|| view! { <span class="required">" (required)"</span> })}
            </label>
            {control}
            <small id=help_id class="help">{help}</small>
            {move || error.get().map(|e| view! { <p id=error_id.clone() class="field-error">{e}</p> })}
        </div>
    }
    .into_any()
}
