//! A labelled `<select>` with a placeholder option and an inline error.

use leptos::prelude::*;

/// A required choice among `options`.
#[component]
pub(crate) fn SelectField(
    /// Element id (the label points at it).
    id: &'static str,
    /// Visible label.
    label: &'static str,
    /// Text of the empty first option.
    placeholder: &'static str,
    /// `(value, text)` of each option.
    options: Vec<(String, String)>,
    /// The chosen value (empty for none).
    #[prop(into)]
    value: Signal<String>,
    /// The validation message to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Called with the new value.
    on_change: Callback<String>,
    /// A note under the select.
    #[prop(optional)]
    hint: Option<String>,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(v, text)| {
            let current = v.clone();
            view! { <option value=v selected=move || value.get() == current>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            <select
                id=id
                name=id
                required
                aria-invalid=move || error.get().is_some().to_string()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                <option value="" selected=move || value.get().is_empty()>{placeholder}</option>
                {options}
            </select>
            {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
            {hint.filter(|h| !h.is_empty()).map(|h| view! { <p class="muted">{h}</p> })}
        </div>
    }
    .into_any()
}
