//! How many vertices and edges carry each label (labels are general-purpose: one label may be
//! used by both).

use api::console::graphs::LabelInfo;
use leptos::prelude::*;

use crate::list::DataTable;

/// One row per schema label, with totals.
#[component]
pub(crate) fn LabelCounts(
    /// The schema's labels, in schema order.
    labels: Vec<LabelInfo>,
) -> impl IntoView {
    let (vertices, edges) = labels
        .iter()
        .fold((0, 0), |(v, e), l| (v + l.vertices, e + l.edges));
    let body = if labels.is_empty() {
        view! { <tr><td colspan="4" class="muted">"The graph has no schema yet."</td></tr> }
            .into_any()
    } else {
        labels
            .into_iter()
            .map(|l| {
                view! {
                    <tr>
                        <th scope="row">{l.name}</th>
                        <td class="num">{l.vertices}</td>
                        <td class="num">{l.edges}</td>
                        <td class="num">{l.properties.len()}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let foot = view! {
        <tr>
            <th scope="row">"Total"</th>
            <td class="num">{vertices}</td>
            <td class="num">{edges}</td>
            <td></td>
        </tr>
    }
    .into_any();
    view! {
        <section aria-labelledby="label-counts-heading">
            <h2 id="label-counts-heading">"Labels"</h2>
            <DataTable class="data label-counts" caption="Vertices and edges per label" columns=&["Label", "Vertices", "Edges", "Properties"] num=&[1, 2, 3] foot>
                {body}
            </DataTable>
        </section>
    }
    .into_any()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::test_markup::Markup;

    fn label(name: &str, vertices: u64, edges: u64) -> LabelInfo {
        LabelInfo {
            name: name.into(),
            properties: vec![],
            vertices,
            edges,
        }
    }

    #[test]
    fn totals_add_up_every_label() {
        let labels = vec![
            label("user", 3, 0),
            label("rate", 0, 5),
            label("both", 2, 1),
        ];
        let html = Owner::new().with(|| view! { <LabelCounts labels/> }.markup());
        let foot = &html[html.find("<tfoot>").expect("a total row")..];
        assert!(foot.contains(">5<") && foot.contains(">6<"), "{foot}");
        assert!(html.contains(r#"<th scope="row">rate</th>"#), "{html}");
        let empty = Owner::new().with(|| view! { <LabelCounts labels=vec![]/> }.markup());
        assert!(empty.contains("no schema yet"), "{empty}");
    }
}
