//! The query form, drawn by the server and filled with what was typed: a graph, the kind of
//! query, then a "Filter" fieldset (labels, property filters with every GES predicate, a sort,
//! offset and limit) for vertex and edge queries and a "Path" fieldset for path queries. It is
//! posted as it is, to [`SubmitQuery`](super::api::SubmitQuery).

use api::console::GraphSummary;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::query_fields::QueryFields;

/// GES's filter predicates (REFERENCE §4.1), as the engine reads them.
const PREDICATES: [&str; 8] = rules::predicate::QUERY;

/// The form as HTML.
pub(crate) fn render(graphs: Vec<GraphSummary>, fields: &QueryFields, error: &str) -> String {
    let fields = fields.clone();
    let error = error.to_string();
    crate::server_html::render(move || view! { <QueryForm graphs fields error/> })
}

/// `<select name="fields[name]">` offering `options` as (value, text), `chosen` selected.
fn select(
    id: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    chosen: &str,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! { <select id=id name=format!("fields[{name}]")>{options}</select> }
}

/// A text input `fields[name]` labelled `label`, holding `value`.
fn text(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    value: &str,
    hint: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input type="text" id=id name=format!("fields[{name}]") value=value.to_string() placeholder=hint/>
        </div>
    }
}

fn pairs(values: &[&str]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|v| (v.to_string(), v.to_string()))
        .collect()
}

#[component]
fn QueryForm(graphs: Vec<GraphSummary>, fields: QueryFields, error: String) -> impl IntoView {
    let f = fields;
    let mut graph_options = vec![(String::new(), "Choose a graph".to_string())];
    graph_options.extend(graphs.iter().map(|g| {
        (
            g.name.clone(),
            format!("{} ({} vertices, {} edges)", g.name, g.vertices, g.edges),
        )
    }));
    let targets = vec![
        (
            "vertices".to_string(),
            "Vertices (filter query)".to_string(),
        ),
        ("edges".to_string(), "Edges (filter query)".to_string()),
        ("khop".to_string(), "K-hop filtered query".to_string()),
        ("path".to_string(), "Path query".to_string()),
    ];
    let filter_rows = f
        .filters()
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let n = i + 1;
            let (property, predicate, values) = (row.property, row.predicate, row.values);
            // Rows after the first say how they join the rows before them (GES's `type`).
            let join = (n > 1).then(|| {
                let or = row.join == "or";
                view! {
                    <select name=format!("fields[join{n}]") aria-label=format!("Join {n}")>
                        <option value="and" selected=!or>"and"</option>
                        <option value="or" selected=or>"or"</option>
                    </select>
                }
            });
            view! {
                <div class="filter-row" role="group" aria-label=format!("Property filter {n}")>
                    {join}
                    <input type="text" name=format!("fields[prop{n}]") value=property.to_string()
                        aria-label=format!("Property {n}") placeholder="property"/>
                    <select name=format!("fields[pred{n}]") aria-label=format!("Predicate {n}")>
                        {PREDICATES.iter().map(|p| {
                            let selected = *p == predicate || (predicate.is_empty() && *p == "=");
                            view! { <option value=*p selected=selected>{*p}</option> }
                        }).collect_view()}
                    </select>
                    <input type="text" name=format!("fields[value{n}]") value=values.to_string()
                        aria-label=format!("Values {n}") placeholder="values, comma-separated"/>
                </div>
            }
        })
        .collect_view();
    let sort_keys = vec![
        (String::new(), "No sort".to_string()),
        ("id".into(), "id".into()),
        ("label".into(), "label".into()),
        ("property".into(), "property".into()),
    ];
    let emit = !f.emit.is_empty();
    let submit = <super::submit_api::SubmitQuery as ServerFn>::PATH;
    view! {
        <form class="query-form" method="post" action=submit>
            {(!error.is_empty()).then(|| view! {
                <p class="form-error" role="alert">{format!("The query was refused: {error}")}</p>
            })}
            <div class="field">
                <label for="query-graph">"Graph"</label>
                {select("query-graph", "graph", graph_options, &f.graph)}
            </div>
            <div class="field">
                <label for="query-target">"Query"</label>
                {select("query-target", "target", targets, &f.target)}
            </div>
            <fieldset class="query-filter">
                <legend>"Filter (vertex and edge queries)"</legend>
                {text("query-labels", "labels", "Labels", &f.labels, "comma-separated, e.g. user, movie")}
                <p class="muted">
                    "Property filters: " <code>"range"</code> " takes two values; list properties take "
                    <code>"has"</code> " or " <code>"hasNot"</code> "."
                </p>
                {filter_rows}
                <div class="field">
                    <label for="query-sort">"Sort by"</label>
                    {select("query-sort", "sort_key", sort_keys, &f.sort_key)}
                    <input type="text" name="fields[sort_prop]" value=f.sort_prop.clone()
                        aria-label="Sort property" placeholder="property, when sorting by property"/>
                    {select("query-order", "sort_order", pairs(&["incr", "decr"]), &f.sort_order)}
                </div>
                {text("query-offset", "offset", "Offset", &f.offset, "0")}
                {text("query-limit", "limit", "Limit", &f.limit, "10")}
            </fieldset>
            <fieldset class="query-path">
                <legend>"Walk (k-hop and path queries)"</legend>
                {text("query-start", "start", "Start vertices", &f.start, "comma-separated ids")}
                <div class="field">
                    <label for="query-direction">"Direction"</label>
                    {select("query-direction", "direction", pairs(&["out", "in", "both"]), &f.direction)}
                </div>
                {text("query-edge-label", "edge_label", "Edge label", &f.edge_label, "any label")}
                {text("query-times", "times", "Hops", &f.times, "2 (at most 20)")}
                <div class="field">
                    <label>
                        <input type="checkbox" name="fields[emit]" value="on" checked=emit/>
                        " Every vertex reached, not only the last hop's (path queries)"
                    </label>
                </div>
                {text("query-path-limit", "path_limit", "Limit", &f.path_limit, "10000 (path queries)")}
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="primary">"Run query"</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_posts_every_field_and_comes_back_filled() {
        let graphs = vec![GraphSummary {
            name: "movie".into(),
            version: 1,
            vertices: 3,
            edges: 2,
        }];
        let typed = QueryFields {
            graph: "movie".into(),
            target: "edges".into(),
            join2: "or".into(),
            prop2: "Score".into(),
            pred2: "range".into(),
            value2: "1, 3".into(),
            emit: "on".into(),
            ..Default::default()
        };
        let html = render(graphs, &typed, "bad [x]");
        assert!(html.contains(r#"action="/rpc/submit_query""#), "{html}");
        assert!(
            html.contains(r#"<option value="movie" selected>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<option value="edges" selected>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"name="fields[prop2]" value="Score""#),
            "{html}"
        );
        assert!(
            html.contains(r#"<option value="range" selected>range</option>"#),
            "{html}"
        );
        assert!(html.contains(r#"value="1, 3""#), "{html}");
        // Row 2 joins with `or`, row 3 with the default `and`; row 1 has no join.
        assert!(
            html.contains(r#"name="fields[join2]" aria-label="Join 2"><option value="and">and</option><option value="or" selected>or</option>"#),
            "{html}"
        );
        assert!(
            html.contains(
                r#"name="fields[join3]" aria-label="Join 3"><option value="and" selected>"#
            ),
            "{html}"
        );
        assert!(!html.contains("fields[join1]"), "{html}");
        assert!(
            html.contains(r#"name="fields[emit]" value="on" checked"#),
            "{html}"
        );
        assert!(html.contains("The query was refused: bad [x]"), "{html}");
        for p in PREDICATES {
            let option = format!(
                r#"<option value="{}""#,
                p.replace('<', "&lt;").replace('>', "&gt;")
            );
            assert!(html.contains(&option), "{p} offered: {html}");
        }
    }
}
