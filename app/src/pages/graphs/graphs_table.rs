//! The graphs table, or (for an admin) an invitation to import the first graph: the server HTML
//! [`graph_list_html`](super::api::graph_list_html) returns to the list page.

use api::console::graphs::GraphRow;
use leptos::prelude::*;

use crate::format::short_time;
use crate::list::{DataTable, Empty};
use crate::pages::graphs::graph_href;

/// One row per graph: name (link to its page, marked with its part count when partitioned),
/// sizes, labels, version, last update.
#[component]
pub(crate) fn GraphsTable(
    /// The graphs, by name.
    rows: Vec<GraphRow>,
    /// Whether the signed-in role may import (an admin).
    import: bool,
) -> impl IntoView {
    if rows.is_empty() {
        let link = import.then(|| {
            view! { <p><a class="button primary" href="/graphs/import">"Import a graph"</a></p> }
        });
        return view! { <Empty text="This project has no graphs yet.">{link}</Empty> }.into_any();
    }
    let rows = rows
        .into_iter()
        .map(|g| {
            let labels = g.labels.map_or_else(|| "—".to_string(), |n| n.to_string());
            // As on its page: a partitioned graph runs only distributed algorithm jobs.
            let parts = g.partitions.map(|p| {
                view! {
                    <span class="parts-badge" title="Partitioned: only its distributed algorithms run on it">
                        {p} " parts"
                    </span>
                }
            });
            view! {
                <tr>
                    <th scope="row"><a href=graph_href(&g.name)>{g.name.clone()}</a>{parts}</th>
                    <td class="num">{g.vertices}</td>
                    <td class="num">{g.edges}</td>
                    <td class="num">{labels}</td>
                    <td class="num">{g.version}</td>
                    <td><time datetime=g.updated_at.clone()>{short_time(&g.updated_at)}</time></td>
                </tr>
            }
        })
        .collect_view();
    view! { <DataTable class="data graphs" caption="Graphs" columns=&["Name", "Vertices", "Edges", "Labels", "Version", "Updated"] num=&[1, 2, 3, 4]>{rows}</DataTable> }
    .into_any()
}

/// `rows` as the table's HTML; `import`: whether the role may import (an admin).
pub(crate) fn render(rows: Vec<GraphRow>, import: bool) -> String {
    crate::server_html::render(|| view! { <GraphsTable rows import/> })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::test_markup::Markup;

    fn render(rows: Vec<GraphRow>) -> String {
        render_as(rows, true)
    }

    fn render_as(rows: Vec<GraphRow>, import: bool) -> String {
        Owner::new().with(|| view! { <GraphsTable rows import/> }.markup())
    }

    #[test]
    fn rows_link_to_the_graph_and_show_sizes() {
        let html = render(vec![GraphRow {
            name: "movie".into(),
            version: 3,
            vertices: 4018,
            edges: 36803,
            labels: None,
            partitions: None,
            created_at: "2026-11-22T07:15:03Z".into(),
            updated_at: "2026-11-22T08:00:00Z".into(),
        }]);
        assert!(
            html.contains(r#"<a href="/graphs/movie">movie</a>"#),
            "{html}"
        );
        assert!(
            html.contains(">4018<") && html.contains(">36803<"),
            "{html}"
        );
        assert!(
            html.contains(">—<"),
            "an unknown label count shows a dash: {html}"
        );
        assert!(html.contains("2026-11-22 08:00:00"), "{html}");
        assert!(!html.contains("no graphs yet"), "{html}");
        assert!(
            !html.contains("parts-badge"),
            "a whole graph is unmarked: {html}"
        );
    }

    #[test]
    fn a_partitioned_graph_is_marked_with_its_part_count() {
        let row = |name: &str, partitions| GraphRow {
            name: name.into(),
            version: 2,
            vertices: 10,
            edges: 20,
            labels: Some(2),
            partitions,
            created_at: "2026-11-22T07:15:03Z".into(),
            updated_at: "2026-11-22T08:00:00Z".into(),
        };
        let html = render(vec![row("parts", Some(3)), row("whole", None)]);
        let (parts, whole) = html.split_once(r#"href="/graphs/whole""#).unwrap();
        assert!(parts.contains(r#"href="/graphs/parts""#), "{html}");
        assert!(
            parts.contains(r#"class="parts-badge">3 parts</span>"#),
            "{html}"
        );
        assert!(!whole.contains("parts-badge"), "{html}");
    }

    #[test]
    fn no_graphs_invites_an_import() {
        let html = render(vec![]);
        assert!(html.contains("This project has no graphs yet."), "{html}");
        assert!(html.contains(r#"href="/graphs/import""#), "{html}");
        assert!(!html.contains("<table"), "{html}");
        // A role that may not import is not invited to.
        let html = render_as(vec![], false);
        assert!(html.contains("This project has no graphs yet."), "{html}");
        assert!(!html.contains("/graphs/import"), "{html}");
    }
}
