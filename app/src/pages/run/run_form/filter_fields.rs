//! The run form's control for a `vertex_filter` or `edge_filter` (REFERENCE §3.1, in the §4.3
//! filter format; the engine's rules are in `engine::algo::path_filter`): what to compare (a
//! property, the label, or a vertex's id), the property's name, a predicate and the values.
//! Left empty, the algorithm runs unfiltered. The island (`super::super::run_checks`) turns
//! the four parts, posted as `{algo}:{key}:{part}`, into the filter object.

use leptos::prelude::*;

/// The predicates the filtered algorithms accept, as the engine reads them.
const PREDICATES: [&str; 10] = rules::predicate::PATH_FILTER;

/// One filter's parts, in a fieldset named after its key (`vertex_filter`, `edge_filter`).
#[component]
pub(crate) fn FilterFields(
    /// The algorithm (ids are made unique with it).
    algo: String,
    /// The filter's key.
    key: String,
) -> impl IntoView {
    let id = |part: &str| format!("filter-{algo}-{key}-{part}");
    // The parts' names, unique in the form: `{algo}:{key}:{part}`.
    let prefix = format!("{algo}:{key}");
    let name = |part: &str| format!("{prefix}:{part}");
    let operands = [
        ("property_name", "a property"),
        ("label_name", "the label"),
        ("id", "the vertex id"),
    ]
    .into_iter()
    .filter(|(o, _)| key == "vertex_filter" || *o != "id")
    .map(|(value, text)| view! { <option value=value>{text}</option> })
    .collect_view();
    let predicates = PREDICATES
        .iter()
        .map(|p| view! { <option value=*p>{*p}</option> })
        .collect_view();
    view! {
        <fieldset class="path-filter" data-filter=key.clone() data-name=prefix.clone()>
            <legend>{format!("{key} (optional)")}</legend>
            <div class="field">
                <label for=id("operand")>"Compare"</label>
                <select id=id("operand") name=name("operand")>{operands}</select>
            </div>
            <div class="field">
                <label for=id("name")>"Property"</label>
                <input type="text" id=id("name") name=name("name")
                    placeholder="property name (for a property)"/>
            </div>
            <div class="field">
                <label for=id("predicate")>"Predicate"</label>
                <select id=id("predicate") name=name("predicate")>{predicates}</select>
            </div>
            <div class="field">
                <label for=id("value")>"Values"</label>
                <input type="text" id=id("value") name=name("value")
                    placeholder="comma-separated; range takes two"/>
            </div>
        </fieldset>
    }
}
