//! The rows an import rejected, 20 at a time, the offset in the URL (`?rejected=`): file,
//! line, reason and the row as read (text, never markup).

use api::console::RejectedRows;
use leptos::prelude::*;

use super::REJECTED_PAGE as PAGE;
use crate::list::{DataTable, Pager, Rows};

/// The rejected-rows section: one page of rows and its pager.
#[component]
pub(crate) fn RejectedRowsView(
    /// Job id, for the pager's links.
    id: String,
    /// The page shown.
    page: RejectedRows,
) -> impl IntoView {
    let href = move |o: u64| format!("/jobs/{id}?rejected={o}");
    view! {
        <section class="card" aria-labelledby="rejected-heading">
            <h2 id="rejected-heading">"Rejected rows"</h2>
            {rejected_table(page, href)}
        </section>
    }
}

fn rejected_table(p: RejectedRows, href: impl Fn(u64) -> String) -> impl IntoView {
    let shown = p.rows.len() as u64;
    let rows = p
        .rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td class="mono wrap">{r.file}</td>
                    <td class="num">{r.line}</td>
                    <td>{r.reason}</td>
                    <td class="mono wrap">{r.row}</td>
                </tr>
            }
        })
        .collect_view();
    let window = Rows {
        offset: p.offset,
        size: PAGE,
    };
    let prev = window.prev().map(&href);
    let next = window.next(p.total).map(&href);
    let position = window
        .span(shown, p.total)
        .unwrap_or_else(|| format!("no rows past {} of {}", p.offset, p.total));
    view! {
        <DataTable class="data rejected" caption="Rejected rows" columns=&["File", "Line", "Reason", "Row"]>{rows}</DataTable>
        <Pager label="Rejected rows pages" prev next position/>
    }
}
