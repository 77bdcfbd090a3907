//! A labelled `<select>` with a placeholder option and a place for an inline error, drawn by
//! the server (the run form, `pages::run`); the page's island fills the error in.

use leptos::prelude::*;

/// A required choice among `options`. Its error goes into the hidden `<p id="{id}-error">`.
#[component]
pub(crate) fn SelectField(
    /// Element id (the label points at it), also the field's name.
    id: &'static str,
    /// Visible label.
    label: &'static str,
    /// Text of the empty first option.
    placeholder: &'static str,
    /// `(value, text)` of each option.
    options: Vec<(String, String)>,
    /// A note under the select.
    #[prop(optional)]
    hint: Option<String>,
    /// The value chosen at first (none: the placeholder).
    #[prop(optional)]
    chosen: Option<String>,
) -> impl IntoView {
    let chosen = chosen.unwrap_or_default();
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id required aria-invalid="false">
                <option value="" selected=chosen.is_empty()>{placeholder}</option>
                {options}
            </select>
            <p id=format!("{id}-error") class="field-error" hidden></p>
            {hint.filter(|h| !h.is_empty()).map(|h| view! { <p class="muted">{h}</p> })}
        </div>
    }
}
