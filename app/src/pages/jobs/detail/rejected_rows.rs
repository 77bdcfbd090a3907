//! The rows an import rejected, 20 at a time, the offset in the URL (`?rejected=`): file,
//! line, reason and the row as read (text, never markup).

use leptos::prelude::*;

use super::super::api::get_rejected_rows;
use crate::components::{ErrorNotice, Pager};
use crate::page_data::page_data;

/// Rows per page.
const PAGE: u64 = 20;

/// The section (nothing when the import rejected no row).
#[component]
pub(crate) fn RejectedRowsView(
    /// The import job.
    id: String,
    /// Rows it rejected in all (from its file counters).
    total: u64,
    /// First row shown (from the URL).
    #[prop(into)]
    offset: Signal<u64>,
) -> impl IntoView {
    (total > 0).then(|| {
        let page = page_data(
            {
                let id = id.clone();
                move || (id.clone(), offset.get() / PAGE * PAGE)
            },
            |(id, offset)| get_rejected_rows(id, offset, PAGE),
        );
        let href = move |o: u64| format!("/jobs/{id}?rejected={o}");
        view! {
            <section class="card" aria-labelledby="rejected-heading">
                <h2 id="rejected-heading">"Rejected rows"</h2>
                <Transition fallback=|| view! { <p class="muted" role="status">"Loading the rejected rows…"</p> }>
                    {move || {
                        let href = href.clone();
                        Suspend::new(async move {
                            match page.await {
                                Ok(p) => rejected_table(p, href).into_any(),
                                Err(error) => view! { <ErrorNotice error/> }.into_any(),
                            }
                        })
                    }}
                </Transition>
            </section>
        }
    })
}

fn rejected_table(
    p: api::console::RejectedRows,
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
