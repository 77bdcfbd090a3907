//! The run form's behaviour in the browser, over the form the server drew (`super::run_form`):
//! choosing an algorithm shows its fieldset; submitting checks every input against the schema
//! its control carries (`crate::params`) and puts each message next to its input; an input
//! that shows a message is checked again on every edit, so the message goes as soon as the
//! value fits.

use api::console::ParamInfo;
use leptos::prelude::document;
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::{Element, FormData, HtmlFormElement, HtmlSelectElement};

use super::api::SubmitAlgorithm;
use crate::params;

/// The form an event happened in, and the element it happened on.
fn form_of(ev: &web_sys::Event) -> Option<(HtmlFormElement, Element)> {
    let target = ev.target()?.dyn_into::<Element>().ok()?;
    let form = target.closest("form").ok()??.dyn_into().ok()?;
    Some((form, target))
}

/// The chosen value of the select `id` (graph, algorithm or executor; empty when absent).
fn chosen(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// The elements of `parent` with class `class`.
fn with_class(parent: &Element, class: &str) -> Vec<Element> {
    let list = parent.get_elements_by_class_name(class);
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Shows the parameters of `algo` and hides and disables every other algorithm's (a disabled
/// fieldset's inputs are neither read nor focusable).
fn show_params(form: &Element, algo: &str) {
    for fieldset in with_class(form, "params") {
        let on = fieldset.get_attribute("data-algo").as_deref() == Some(algo);
        for attr in ["hidden", "disabled"] {
            let _ = if on {
                fieldset.remove_attribute(attr)
            } else {
                fieldset.set_attribute(attr, "")
            };
        }
    }
}

/// The schema a generated control carries (`components::ParamField`).
fn param_of(control: &Element) -> ParamInfo {
    let attr = |name: &str| control.get_attribute(name);
    let bound = |name: &str| attr(name).and_then(|v| v.parse().ok());
    ParamInfo {
        name: attr("name").unwrap_or_default(),
        kind: attr("data-kind").unwrap_or_default(),
        choices: attr("data-choices")
            .map(|c| c.split('\n').map(String::from).collect())
            .unwrap_or_default(),
        required: control.has_attribute("required"),
        default: None,
        min: bound("min"),
        max: bound("max"),
        help: String::new(),
    }
}

/// `p`'s input text in `data` (`"true"`/`"false"` for a checkbox).
fn raw_value(data: &FormData, p: &ParamInfo) -> String {
    let value = data.get(&p.name).as_string();
    match p.kind.as_str() {
        "bool" => value.is_some().to_string(),
        _ => value.unwrap_or_default(),
    }
}

/// Shows `error` under `control`, or takes its message away: the text, `aria-invalid`,
/// `aria-describedby` and the field's look.
fn mark(control: &Element, error: Option<&str>) {
    let id = control.id();
    let (help_id, error_id) = (format!("{id}-help"), format!("{id}-error"));
    let doc = document();
    if let Some(p) = doc.get_element_by_id(&error_id) {
        p.set_text_content(error);
        let _ = match error {
            Some(_) => p.remove_attribute("hidden"),
            None => p.set_attribute("hidden", ""),
        };
    }
    let mut described = Vec::new();
    if doc.get_element_by_id(&help_id).is_some() {
        described.push(help_id);
    }
    if error.is_some() {
        described.push(error_id);
    }
    let _ = match described.is_empty() {
        true => control.remove_attribute("aria-describedby"),
        false => control.set_attribute("aria-describedby", &described.join(" ")),
    };
    let _ = control.set_attribute("aria-invalid", &error.is_some().to_string());
    if let Ok(Some(field)) = control.closest(".field") {
        let _ = field
            .class_list()
            .toggle_with_force("field-invalid", error.is_some());
    }
}

/// A `change` or `input` in the form: a choice of graph takes its message away, a choice of
/// algorithm also shows its parameters, and an input showing a message is checked again.
pub(crate) fn edited(ev: &web_sys::Event) {
    let Some((form, control)) = form_of(ev) else {
        return;
    };
    match control.id().as_str() {
        "graph" => mark(&control, None),
        "algorithm" => {
            mark(&control, None);
            show_params(&form, &chosen("algorithm"));
        }
        _ if control.get_attribute("aria-invalid").as_deref() == Some("true")
            && control.class_list().contains("param-input") =>
        {
            let (Ok(data), p) = (FormData::new_with_form(&form), param_of(&control)) else {
                return;
            };
            mark(
                &control,
                params::parse(&p, &raw_value(&data, &p)).err().as_deref(),
            );
        }
        _ => {}
    }
}

/// The form's submit: its default prevented, every input checked, and the request to send
/// when nothing is wrong (otherwise every message is shown at its input).
pub(crate) fn check(ev: &web_sys::SubmitEvent) -> Option<SubmitAlgorithm> {
    ev.prevent_default();
    let (form, _) = form_of(ev)?;
    let (graph, name) = (chosen("graph"), chosen("algorithm"));
    let doc = document();
    if let Some(select) = doc.get_element_by_id("graph") {
        mark(&select, graph.is_empty().then_some("Choose a graph."));
    }
    if let Some(select) = doc.get_element_by_id("algorithm") {
        mark(&select, name.is_empty().then_some("Choose an algorithm."));
    }
    let fieldset = with_class(&form, "params")
        .into_iter()
        .find(|f| f.get_attribute("data-algo").as_deref() == Some(name.as_str()))?;
    let data = FormData::new_with_form(&form).ok()?;
    let controls = with_class(&fieldset, "param-input");
    let schema: Vec<ParamInfo> = controls.iter().map(param_of).collect();
    let raw = schema
        .iter()
        .map(|p| (p.name.clone(), raw_value(&data, p)))
        .collect();
    let checked = params::validate(&schema, &raw);
    for (control, p) in controls.iter().zip(&schema) {
        let error = checked.as_ref().err().and_then(|e| e.get(&p.name));
        mark(control, error.map(String::as_str));
    }
    let mut values = checked.ok()?;
    for filter in with_class(&fieldset, "path-filter") {
        if let Some(key) = filter.get_attribute("data-filter")
            && let Some(object) = filter_object(&filter, &data)
        {
            values.insert(key, object);
        }
    }
    (!graph.is_empty()).then(|| SubmitAlgorithm {
        graph,
        name,
        params_json: Value::Object(values).to_string(),
        // Empty when the form has no executor choice (the node runs no distributed job).
        executor: chosen("executor"),
    })
}

/// The filter object a `FilterFields` group describes (`{"property_filter": {leftvalue,
/// predicate, rightvalue}}`), read from the form's `data`, or `None` when its values are left
/// empty. Values go as typed, as text: the engine compares them by the property's type
/// (numerically for numeric properties; a `1` sent as a number would become `1.0` and match no
/// id or text), and its refusal is shown like any other.
fn filter_object(group: &Element, data: &FormData) -> Option<Value> {
    let prefix = group.get_attribute("data-name")?;
    let part = |name: &str| {
        data.get(&format!("{prefix}:{name}"))
            .as_string()
            .unwrap_or_default()
    };
    let values: Vec<Value> = part("value")
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| Value::String(v.to_owned()))
        .collect();
    if values.is_empty() {
        return None;
    }
    let (operand, predicate) = (part("operand"), part("predicate"));
    let left = match operand.as_str() {
        "label_name" => serde_json::json!({"label_name": "labelName"}),
        "id" => serde_json::json!({"id": "id"}),
        _ => serde_json::json!({"property_name": part("name").trim()}),
    };
    let many = values.len() > 1 || rules::predicate::takes_list(&predicate);
    let value = if many {
        Value::Array(values)
    } else {
        values.into_iter().next()?
    };
    Some(
        serde_json::json!({"property_filter": {"leftvalue": left, "predicate": predicate,
        "rightvalue": {"value": value}}}),
    )
}

/// Once the island has hydrated: shows the parameters of an algorithm the browser kept chosen
/// (after going back to the page).
pub(crate) fn restore(part: &Element) {
    if let Ok(Some(form)) = part.query_selector("form") {
        show_params(&form, &chosen("algorithm"));
    }
}

/// Disables the form's Submit button while a submission is on its way, or enables it again.
pub(crate) fn busy(part: &Element, busy: bool) {
    if let Ok(Some(button)) = part.query_selector("button[type=submit]") {
        let _ = match busy {
            true => button.set_attribute("disabled", ""),
            false => button.remove_attribute("disabled"),
        };
    }
}
