//! One algorithm parameter as a labelled form control, generated from its schema
//! ([`ParamInfo`]): a number input for `int`/`float`, a checkbox for `bool`, a select for
//! `enum`, a text input otherwise. Validation happens in the page (`crate::params`); this only
//! shows the error it is given.

use api::console::ParamInfo;
use leptos::prelude::*;

/// A labelled input for one parameter, with its help text and inline error.
#[component]
pub(crate) fn ParamField(
    /// The parameter's schema.
    param: ParamInfo,
    /// Current raw text (`"true"`/`"false"` for a checkbox).
    #[prop(into)]
    value: Signal<String>,
    /// The validation message to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Called with the new raw text on every edit.
    on_input: Callback<String>,
) -> impl IntoView {
    let id = format!("param-{}", param.name);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described_by = {
        let (help_id, error_id) = (help_id.clone(), error_id.clone());
        move || {
            if error.get().is_some() {
                format!("{help_id} {error_id}")
            } else {
                help_id.clone()
            }
        }
    };
    let invalid = move || error.get().is_some().to_string();
    let bound = |b: Option<f64>| b.map(|x| x.to_string());

    let control = match param.kind.as_str() {
        "bool" => view! {
            <input type="checkbox" id=id.clone() name=param.name.clone()
                prop:checked=move || value.get() == "true"
                aria-describedby=described_by aria-invalid=invalid
                on:change=move |ev| on_input.run(event_target_checked(&ev).to_string())/>
        }
        .into_any(),
        "enum" => {
            let choices = param.choices.clone();
            view! {
                <select id=id.clone() name=param.name.clone() required=param.required
                    aria-describedby=described_by aria-invalid=invalid
                    on:change=move |ev| on_input.run(event_target_value(&ev))>
                    {(!param.required).then(|| view! { <option value="" selected=move || value.get().is_empty()>"(default)"</option> })}
                    {choices.into_iter().map(|c| {
                        let (label, option_value) = (c.clone(), c.clone());
                        view! { <option value=option_value selected=move || value.get() == c>{label}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        kind @ ("int" | "float") => view! {
            <input type="number" id=id.clone() name=param.name.clone() required=param.required
                step=if kind == "int" { "1" } else { "any" }
                min=bound(param.min) max=bound(param.max)
                prop:value=move || value.get()
                aria-describedby=described_by aria-invalid=invalid
                on:input=move |ev| on_input.run(event_target_value(&ev))/>
        }
        .into_any(),
        _ => view! {
            <input type="text" id=id.clone() name=param.name.clone() required=param.required
                prop:value=move || value.get()
                aria-describedby=described_by aria-invalid=invalid
                on:input=move |ev| on_input.run(event_target_value(&ev))/>
        }
        .into_any(),
    };

    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>
                {param.name.clone()}
                {param.required.then(|| view! { <span class="required">" (required)"</span> })}
            </label>
            {control}
            <small id=help_id class="help">{help_text(&param)}</small>
            {move || error.get().map(|e| view! { <p id=error_id.clone() class="field-error">{e}</p> })}
        </div>
    }
    .into_any()
}

/// The help line: the schema's help plus its range and default, e.g.
/// `Damping factor. Range 0–1. Default 0.85.`
pub(crate) fn help_text(p: &ParamInfo) -> String {
    let mut text = p.help.trim().to_string();
    let mut push = |s: String| {
        if !text.is_empty() && !text.ends_with('.') {
            text.push('.');
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&s);
    };
    match (p.min, p.max) {
        (Some(min), Some(max)) => push(format!("Range {min}–{max}.")),
        (Some(min), None) => push(format!("At least {min}.")),
        (None, Some(max)) => push(format!("At most {max}.")),
        (None, None) => {}
    }
    if let Some(d) = p.default.as_deref().filter(|d| !d.is_empty()) {
        push(format!("Default {d}."));
    }
    text
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn help_mentions_range_and_default() {
        let p = ParamInfo {
            name: "alpha".into(),
            kind: "float".into(),
            choices: vec![],
            required: false,
            default: Some("0.85".into()),
            min: Some(0.0),
            max: Some(1.0),
            help: "Damping factor".into(),
        };
        assert_eq!(help_text(&p), "Damping factor. Range 0–1. Default 0.85.");
        let bare = ParamInfo {
            help: String::new(),
            default: None,
            min: None,
            max: Some(9.0),
            ..p
        };
        assert_eq!(help_text(&bare), "At most 9.");
    }
}
