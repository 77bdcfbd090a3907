//! The visualization jobs table with its pager and empty states.

use api::console::viz::VizPage;
use leptos::prelude::*;

use super::viz_table_row::VizTableRow;
use crate::list::{DataTable, ListUrl, empty_state, page_pager};
use crate::pages::viz::list_query::VizQuery;

/// One page of visualization jobs as a table.
#[component]
pub(crate) fn VizTable(
    /// The page's data.
    data: VizPage,
    /// The filters and page shown.
    query: VizQuery,
    /// Whether the signed-in role may create jobs (an operator or admin).
    create: bool,
) -> impl IntoView {
    let VizPage {
        rows,
        total,
        remaining,
        now_ms: _,
    } = data;
    let invite = || {
        view! {
            <p class="muted">"A visualization job charts what lies at its train_url: a graphjobs result dump or TensorBoard event files."</p>
            {create.then(|| view! { <p><a class="button primary" href="/visualizations/new">"Create a visualization job"</a></p> })}
        }
        .into_any()
    };
    if let Some(empty) = empty_state(&query, total, rows.len(), "visualization jobs", invite) {
        return empty;
    }
    let page = query.page();
    let position = format!(
        "{} · {remaining} more can be created",
        query.position(total, "jobs")
    );
    view! {
        <DataTable class="data viz-jobs" caption="Visualization jobs, newest first" columns=&["Name", "Status", "Created", "Duration", "train_url", "Actions"]>
            {rows.into_iter().map(|row| view! { <VizTableRow row/> }).collect_view()}
        </DataTable>
        {page_pager("Visualization job pages", page, total, position, |n| query.href(n))}
    }
    .into_any()
}
