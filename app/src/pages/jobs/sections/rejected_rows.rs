//! The rows an import rejected, 20 at a time, the offset in the URL (`?rejected=`): file,
//! line, reason and the row as read (text, never markup).

use api::console::RejectedRows;
use leptos::prelude::*;

use super::REJECTED_PAGE as PAGE;
use crate::components::Pager;

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

fn rejected_table(
    p: RejectedRows,
    href: impl Fn(u64) -> String + Clone + 'static,
) -> impl IntoView {
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
    let prev = (p.offset > 0).then(|| href(p.offset.saturating_sub(PAGE)));
    let next = (p.offset + shown < p.total).then(|| href(p.offset + PAGE));
    let position = if shown == 0 {
        format!("no rows past {} of {}", p.offset, p.total)
    } else {
        format!("rows {}–{} of {}", p.offset + 1, p.offset + shown, p.total)
    };
    view! {
        <div class="table-wrap">
            <table class="data rejected">
                <caption class="visually-hidden">"Rejected rows"</caption>
                <thead>
                    <tr>
                        <th scope="col">"File"</th>
                        <th scope="col">"Line"</th>
                        <th scope="col">"Reason"</th>
                        <th scope="col">"Row"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager label="Rejected rows pages" prev next position/>
    }
}
