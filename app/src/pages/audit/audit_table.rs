//! The audit table: one row per entry, newest first, and the link to the next page.

use api::cts::{ListTracesResponse, Trace};
use leptos::prelude::*;

use super::audit_query::AuditQuery;
use crate::list::{DataTable, Empty};

/// The table's columns.
const COLUMNS: &[&str] = &[
    "Time (UTC)",
    "Action",
    "Target",
    "Actor",
    "Role",
    "Outcome",
    "Message",
    "Source",
];

/// `page` as the table's HTML; `query` builds the next page's link.
pub(crate) fn render(page: ListTracesResponse, query: AuditQuery) -> String {
    crate::server_html::render(|| view! { <AuditTable page query/> })
}

/// The entries, or the empty state.
#[component]
fn AuditTable(page: ListTracesResponse, query: AuditQuery) -> impl IntoView {
    if page.traces.is_empty() {
        let text = if query.is_filtered() {
            "No entry matches these filters."
        } else {
            "Nothing has been recorded in this project yet."
        };
        return view! { <Empty text/> }.into_any();
    }
    let next = page.meta_data.marker.as_deref().map(|m| {
        view! { <p class="pager"><a class="button" href=query.next_href(m) rel="next">"Older entries"</a></p> }
    });
    let rows = page
        .traces
        .into_iter()
        .map(|t| view! { <AuditRow t/> })
        .collect_view();
    view! {
        <DataTable class="data audit" columns=COLUMNS>{rows}</DataTable>
        {next}
    }
    .into_any()
}

/// One entry.
#[component]
fn AuditRow(t: Trace) -> impl IntoView {
    let time = engine::time_fmt::from_millis(t.time);
    let target = [
        Some(t.resource_type.clone()),
        t.resource_name.clone(),
        t.resource_id.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let role = t.parsed_request().role.unwrap_or_else(|| "—".into());
    let outcome = format!("{} ({})", t.code, t.trace_rating);
    let source = format!(
        "{} {}",
        t.trace_type,
        t.source_ip.clone().unwrap_or_default()
    );
    view! {
        <tr class=format!("rating-{}", t.trace_rating)>
            <td><time datetime=engine::time_fmt::rfc3339(time)>{engine::time_fmt::ges(time)}</time></td>
            <th scope="row">{t.trace_name.clone()}</th>
            <td>{target}</td>
            <td title=t.user.id.clone()>{t.user.name.clone()}</td>
            <td>{role}</td>
            <td>{outcome}</td>
            <td>{t.message.clone().unwrap_or_default()}</td>
            <td>{source}</td>
        </tr>
    }
}
