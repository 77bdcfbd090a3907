//! A list's filters: a GET form whose fields become the URL's query string, so the filters
//! survive a reload and work without wasm. Changing a filter starts again at page 1 (the form
//! has no `page` field).

use leptos::prelude::*;

/// The filter form: `children` (its fields), then Apply and, with `clear`, "Clear filters"
/// (back to the unfiltered list).
#[component]
pub(crate) fn FilterBar(
    /// What the filters filter, for screen readers ("Job filters").
    label: &'static str,
    /// The list's path, where the form goes.
    action: &'static str,
    /// The submit button's text.
    #[prop(default = "Apply filters")]
    apply: &'static str,
    /// Whether a filter is set (so "Clear filters" is offered).
    #[prop(optional)]
    clear: bool,
    /// The fields.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="filters" role="search" aria-label=label>
            <form method="get" action=action>
                {children()}
                <div class="filter-actions">
                    <button type="submit" class="primary">{apply}</button>
                    {clear.then(|| view! { <a class="button" href=action>"Clear filters"</a> })}
                </div>
            </form>
        </div>
    }
}

/// A filter's `<select>`: `any` (the empty value) first, then `values`, with `current` (the
/// URL's) selected.
#[component]
pub(crate) fn FilterSelect(
    /// Element id (the label points at it).
    id: &'static str,
    /// The query parameter.
    name: &'static str,
    /// Visible label.
    label: &'static str,
    /// The first option's text, e.g. "Any state".
    any: &'static str,
    /// The values offered.
    values: Vec<String>,
    /// The value in the URL, or empty.
    #[prop(into)]
    current: String,
    /// Whether a `current` that is not among `values` is offered too, so the URL's filter is
    /// always shown.
    #[prop(optional)]
    keep_current: bool,
) -> impl IntoView {
    let mut values = values;
    if keep_current && !current.is_empty() && !values.contains(&current) {
        values.push(current.clone());
    }
    let options = values
        .into_iter()
        .map(|v| {
            let selected = v == current;
            let text = v.clone();
            view! { <option value=v selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="" selected=current.is_empty()>{any}</option>
                {options}
            </select>
        </div>
    }
}

/// The text search (`?q=`).
#[component]
pub(crate) fn FilterSearch(
    /// Element id (the label points at it).
    id: &'static str,
    /// Visible label.
    label: &'static str,
    /// The text in the URL.
    #[prop(into)]
    value: String,
    /// What may be searched for.
    placeholder: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name="q" type="search" value=value placeholder=placeholder/>
        </div>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::prelude::*;

    use super::{FilterBar, FilterSearch, FilterSelect};
    use crate::test_markup::Markup;

    fn form(current: &str, keep_current: bool, clear: bool) -> String {
        let current = current.to_string();
        Owner::new().with(|| {
            let values = vec!["x".to_string(), "y".to_string()];
            view! {
                <FilterBar label="Shelf filters" action="/shelf" clear>
                    <FilterSelect id="f-kind" name="kind" label="Kind" any="Any kind" values current keep_current/>
                    <FilterSearch id="f-q" label="Search" value="a\"b" placeholder="title"/>
                </FilterBar>
            }
            .markup()
        })
    }

    #[test]
    fn a_get_form_with_the_url_values_chosen() {
        let html = form("y", false, true);
        assert!(
            html.starts_with(r#"<div role="search" aria-label="Shelf filters" class="filters"><form method="get" action="/shelf">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<label for="f-kind">Kind</label><select id="f-kind" name="kind"><option value="">Any kind</option><option value="x">x</option><option value="y" selected>y</option></select>"#),
            "{html}"
        );
        assert!(
            html.contains(
                r#"<input id="f-q" name="q" type="search" value="a&quot;b" placeholder="title">"#
            ),
            "{html}"
        );
        assert!(
            html.ends_with(r#"<div class="filter-actions"><button type="submit" class="primary">Apply filters</button><a href="/shelf" class="button">Clear filters</a></div></form></div>"#),
            "{html}"
        );
        // Nothing chosen: "any" is; no filter set: no "Clear filters".
        let html = form("", false, false);
        assert!(
            html.contains(r#"<option value="" selected>Any kind</option>"#),
            "{html}"
        );
        assert!(!html.contains("Clear filters"), "{html}");
    }

    #[test]
    fn an_unknown_url_value_is_offered_only_when_kept() {
        assert!(!form("z", false, true).contains(r#"value="z""#));
        assert!(form("z", true, true).contains(r#"<option value="z" selected>z</option>"#));
    }
}
