//! The schema: one card per label listing its properties with type and cardinality.

use api::console::graphs::{LabelInfo, PropertyInfo};
use leptos::prelude::*;

/// The labels' property definitions, in schema (= CSV column) order.
#[component]
pub(crate) fn SchemaCards(
    /// The schema's labels.
    labels: Vec<LabelInfo>,
) -> impl IntoView {
    let cards = labels
        .into_iter()
        .map(|l| {
            let (heading, labelled_by) =
                (format!("schema-{}", l.name), format!("schema-{}", l.name));
            let body = if l.properties.is_empty() {
                view! { <p class="muted">"No properties."</p> }.into_any()
            } else {
                property_table(&l.name, l.properties).into_any()
            };
            view! {
                <section class="card schema-label" aria-labelledby=labelled_by>
                    <h3 id=heading>{l.name}</h3>
                    {body}
                </section>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="schema-heading">
            <h2 id="schema-heading">"Schema"</h2>
            <div class="schema-grid">{cards}</div>
        </section>
    }
    .into_any()
}

fn property_table(label: &str, properties: Vec<PropertyInfo>) -> impl IntoView + use<> {
    let rows = properties
        .into_iter()
        .map(|p| {
            let detail = p
                .type_detail
                .map(|d| view! { " " <span class="muted">"(" {d} ")"</span> });
            view! {
                <tr>
                    <th scope="row">{p.name}</th>
                    <td><code>{p.data_type}</code>{detail}</td>
                    <td>{p.cardinality}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data properties">
            <caption class="visually-hidden">{format!("Properties of {label}")}</caption>
            <thead>
                <tr>
                    <th scope="col">"Property"</th>
                    <th scope="col">"Type"</th>
                    <th scope="col">"Cardinality"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
