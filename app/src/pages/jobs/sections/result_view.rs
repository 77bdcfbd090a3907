//! The job's result: scalar outputs, then one window of rows with page-size choice, jump to
//! offset, Previous/Next and sorting by a numeric column (highest first), all kept in the URL
//! (`?offset=&limit=&sort=`).

use api::console::ResultPage;
use leptos::prelude::*;

use crate::components::PathList;
use crate::format::value_text;
use crate::list::{DataTable, Pager};
use crate::paging::{RESULT_PAGE_SIZES, Window};
use crate::result_rows::Columns;

/// The result section of the job detail page.
#[component]
pub(crate) fn ResultView(
    /// The job id, for links.
    id: String,
    /// The job's graph, for the explorer's links.
    graph: String,
    /// The job's state (explains a missing result).
    state: String,
    /// The window of rows, once the job has succeeded.
    result: Option<ResultPage>,
    /// The window the URL asked for.
    window: Window,
) -> impl IntoView {
    let body = match result {
        Some(page) => view! { <ResultRows id graph page window/> }.into_any(),
        None => {
            let why = match state.as_str() {
                "failed" | "cancelled" => "This job has no result.",
                "succeeded" => {
                    "This job leaves no result rows (its work is in the graph, the files it wrote or its sub-jobs)."
                }
                _ => "The result appears here once the job has succeeded.",
            };
            view! { <p class="muted">{why}</p> }.into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="result-heading">
            <h2 id="result-heading">"Result"</h2>
            {body}
        </section>
    }
}

/// Scalars, the rows table and its pager. A per-vertex result's rows each link to the
/// explorer, coloured by this result (by the sorted column when sorted); a path result's
/// diagram links to its drawing.
#[component]
fn ResultRows(id: String, graph: String, page: ResultPage, window: Window) -> impl IntoView {
    let window = Window {
        offset: page.offset,
        ..window
    };
    let shown = page.rows.len() as u64;
    let href = {
        let (id, window) = (id.clone(), window.clone());
        move |offset: u64| window.href(&id, offset)
    };
    let columns = Columns::of(&page.rows);
    let explore = per_vertex(&page, &columns).then(|| {
        let column = window.sort.clone().unwrap_or_default();
        let (graph, job) = (graph.clone(), id.clone());
        move |vertex: &str| {
            use crate::list::encode;
            format!(
                "/explore?graph={}&vertex={}&job={}&column={}",
                encode(&graph),
                encode(vertex),
                encode(&job),
                encode(&column)
            )
        }
    });
    let explore_head = explore
        .is_some()
        .then(|| view! { <th scope="col">"Explore"</th> });
    let headers = columns
        .headers()
        .into_iter()
        .map(|h| {
            let numeric = page
                .rows
                .first()
                .is_some_and(|r| r.get(&h).is_some_and(|v| v.is_number()));
            let active = window.sort.as_deref() == Some(h.as_str());
            let sort_link = numeric.then(|| {
                let target = Window {
                    offset: 0,
                    sort: Some(h.clone()),
                    ..window.clone()
                };
                let label = format!("Sort by {h}, highest first");
                view! { " " <a href=target.href(&id, 0) aria-label=label class="sort-link">"↓"</a> }
            });
            let aria_sort = if active { "descending" } else { "none" };
            // Named after the column alone; the sort link inside has its own name.
            view! { <th scope="col" aria-sort=aria_sort aria-label=h.clone()>{h.clone()}{sort_link}</th> }
        })
        .collect_view();
    let unsorted = window.sort.clone().map(|metric| {
        let plain = Window {
            offset: 0,
            sort: None,
            ..window.clone()
        };
        view! {
            <p class="sort-note" role="status">
                {format!("Highest {metric} first. ")}
                <a href=plain.href(&id, 0)>"Back to row order"</a>
            </p>
        }
    });
    let rows = page
        .rows
        .iter()
        .map(|row| {
            let cells = columns
                .cells(row)
                .into_iter()
                .map(|c| view! { <td>{c}</td> })
                .collect_view();
            let link = explore.as_ref().zip(row["id"].as_str()).map(|(href, v)| {
                let label = format!("Explore {v}");
                view! { <td><a href=href(v) aria-label=label>"Explore"</a></td> }
            });
            view! { <tr>{cells}{link}</tr> }
        })
        .collect_view();
    let scalars = (!page.scalars.is_empty()).then(|| {
        let items = page
            .scalars
            .iter()
            .map(|(k, v)| view! { <dt>{k.clone()}</dt> <dd>{value_text(v)}</dd> })
            .collect_view();
        view! { <dl class="scalars">{items}</dl> }
    });
    let diagram = path_diagram(&page).map(|d| {
        let href = format!("/explore?path={}", crate::list::encode(&id));
        view! { {d} <p><a class="button" href=href>"Open as graph"</a></p> }
    });
    // The columns are known only now, with their sort links: the list draws its header cells.
    let table = (shown > 0).then(|| {
        let caption = format!("Result rows ({})", page.key);
        let head = view! { {headers}{explore_head} }.into_any();
        view! {
            <DataTable class="data results" caption columns=&[] lead=head>{rows}</DataTable>
        }
    });
    view! {
        {scalars}
        <div class="result-toolbar">
            <JumpToOffset id=id.clone() window=window.clone() total=page.total/>
            <PageSizeSelect id=id.clone() window=window.clone()/>
            <a class="button" href=format!("/console/jobs/{id}/result.csv") download rel="external">
                "Download CSV"
            </a>
        </div>
        {unsorted}
        {diagram}
        {table}
        <Pager
            label="Result pages"
            prev=window.prev().map(href.clone())
            next=window.next(page.total).map(href)
            position=window.label(shown, page.total)
        />
    }
}

/// Rows of one vertex each, with a metric and nothing else of a query's (an algorithm's
/// per-vertex result: `{"id", "pagerank"}`, `{"id", "community"}`…).
fn per_vertex(page: &ResultPage, columns: &Columns) -> bool {
    use crate::result_rows::Field;
    let Columns::Fields(fields) = columns else {
        return false;
    };
    fields.len() >= 2
        && fields
            .iter()
            .all(|f| matches!(f, Field::Key(k) if k != "label" && k != "source"))
        && page.rows.iter().all(|r| r["id"].is_string())
}

/// Path results drawn as chains: a `path` (one vertex per row) as one chain of this page's
/// vertices, `paths` (one path per row) as one chain each.
fn path_diagram(page: &ResultPage) -> Option<impl IntoView + use<>> {
    let names = |v: &serde_json::Value| -> Option<Vec<String>> {
        v.as_array()?
            .iter()
            .map(|x| x.as_str().map(str::to_owned))
            .collect()
    };
    let shown = page.rows.len() as u64;
    let chains: Vec<(Vec<String>, String)> = match page.key.as_str() {
        "path" => {
            let nodes: Option<Vec<String>> = page
                .rows
                .iter()
                .map(|r| r.as_str().map(str::to_owned))
                .collect();
            let nodes = nodes.filter(|n| !n.is_empty())?;
            let label = if page.offset == 0 && shown == page.total {
                format!("Path: {}", nodes.join(" → "))
            } else {
                format!(
                    "Vertices {}–{} of the path",
                    page.offset + 1,
                    page.offset + shown
                )
            };
            vec![(nodes, label)]
        }
        "paths" => page
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let nodes = names(r)?;
                let label = format!("Path {}: {}", page.offset + i as u64 + 1, nodes.join(" → "));
                Some((nodes, label))
            })
            .collect(),
        _ => Vec::new(),
    };
    (!chains.is_empty()).then(|| {
        view! {
            <figure class="path-diagram">
                <figcaption class="visually-hidden">"Path diagram"</figcaption>
                <PathList paths=chains/>
            </figure>
        }
    })
}

/// "Jump to offset": a GET form, so it also works without wasm.
#[component]
fn JumpToOffset(id: String, window: Window, total: u64) -> impl IntoView {
    let sort = window
        .sort
        .map(|s| view! { <input type="hidden" name="sort" value=s/> });
    view! {
        <form method="get" action=format!("/jobs/{id}")>
            <label for="jump-offset">"Jump to offset"</label>
            <input id="jump-offset" name="offset" type="number" min="0" max=total.saturating_sub(1).to_string()
                inputmode="numeric" class="offset-input"/>
            <input type="hidden" name="limit" value=window.limit.to_string()/>
            {sort}
            <button type="submit">"Go"</button>
        </form>
    }
}

/// "Rows per page" select; choosing a size loads the page of that size holding the first
/// visible row. Each option's value is its page's link, followed by a one-line inline handler:
/// the section is plain server-rendered HTML (`super::render`), with no wasm behind it.
#[component]
fn PageSizeSelect(id: String, window: Window) -> impl IntoView {
    let current = window.limit;
    let options = RESULT_PAGE_SIZES
        .iter()
        .map(|&limit| {
            let resized = Window {
                limit,
                ..window.clone()
            };
            let href = resized.href(&id, window.offset / limit * limit);
            view! { <option value=href selected=limit == current>{limit.to_string()}</option> }
        })
        .collect_view();
    view! {
        <label for="page-size">"Rows per page"</label>
        <select id="page-size" onchange="location.assign(this.value)">{options}</select>
    }
}
