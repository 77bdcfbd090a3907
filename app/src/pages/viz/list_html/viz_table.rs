//! The visualization jobs table with its pager and empty states.

use api::console::viz::VizPage;
use leptos::prelude::*;

use super::viz_table_row::VizTableRow;
use crate::components::Pager;
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
    let page = query.page();
    if total == 0 && query.is_filtered() {
        return view! {
            <div class="empty">
                <p>"No visualization jobs match these filters."</p>
                <p><a class="button" href="/visualizations">"Clear filters"</a></p>
            </div>
        }
        .into_any();
    }
    if total == 0 {
        return view! {
            <div class="empty">
                <p>"No visualization jobs yet."</p>
                <p class="muted">"A visualization job charts what lies at its train_url: a graphjobs result dump or TensorBoard event files."</p>
                {create.then(|| view! { <p><a class="button primary" href="/visualizations/new">"Create a visualization job"</a></p> })}
            </div>
        }
        .into_any();
    }
    if rows.is_empty() {
        return view! {
            <div class="empty">
                <p>{format!("Page {} is empty; there are {total} visualization jobs.", page.number)}</p>
                <p><a href=query.href(1)>"Go to the first page"</a></p>
            </div>
        }
        .into_any();
    }
    let href = |n: u64| query.href(n);
    let position = format!(
        "Page {} of {} · {total} {} · {remaining} more can be created",
        page.number,
        page.count(total),
        if query.is_filtered() {
            "matching jobs"
        } else {
            "jobs"
        }
    );
    view! {
        <div class="table-wrap">
            <table class="data viz-jobs">
                <caption class="visually-hidden">"Visualization jobs, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Duration"</th>
                        <th scope="col">"train_url"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <VizTableRow row/> }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager label="Visualization job pages" prev=page.prev().map(href) next=page.next(total).map(href) position/>
    }
    .into_any()
}
