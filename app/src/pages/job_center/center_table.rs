//! The job center's table as server HTML, which [`center_live`](super::api::center_live)
//! returns to the page (`job_center_page`). Apart from that page, which calls the server
//! function, so that the two do not import each other.

use api::console::{ManagementJobRow, ManagementPage};
use leptos::prelude::*;

use crate::list::{DataTable, Empty, Page, page_pager};

/// `data`, the page `page` of jobs with `status`, as the table's HTML.
pub(crate) fn render(data: ManagementPage, status: String, page: Page) -> String {
    crate::server_html::render(|| view! { <CenterTable data status page/> })
}

/// `/job-center?status=…&page=N`.
fn href(status: &str, page: u64) -> String {
    crate::list::href("/job-center", &[("status", status)], page)
}

#[component]
fn CenterTable(data: ManagementPage, status: String, page: Page) -> impl IntoView {
    let ManagementPage {
        rows,
        total,
        now_ms,
    } = data;
    if rows.is_empty() {
        let text = if status.is_empty() {
            "No graph management jobs yet."
        } else {
            "No jobs with this status."
        };
        return view! { <Empty text/> }.into_any();
    }
    let position = page.position(total, "jobs");
    view! {
        <DataTable class="data jobs" caption="Graph management jobs, newest first" columns=&["Job", "Type", "Graph", "Status", "Files", "Rejected lines", "Started", "Duration"]>
            {rows.into_iter().map(|row| view! { <CenterRow row now_ms/> }).collect_view()}
        </DataTable>
        {page_pager("Job center pages", page, total, position, move |n| href(&status, n))}
    }
    .into_any()
}

#[component]
fn CenterRow(row: ManagementJobRow, now_ms: i64) -> impl IntoView {
    use crate::format::{job_duration, short_id, short_time};
    let s = row.summary;
    let duration = job_duration(s.started_at.as_deref(), s.ended_at.as_deref(), now_ms);
    let started = s
        .started_at
        .as_deref()
        .map_or_else(|| "—".to_string(), short_time);
    let badge = format!("badge badge-center-{}", row.status);
    let files = if s.job_type == "ImportGraph" {
        row.files.to_string()
    } else {
        "—".into()
    };
    let rejected_class = if row.rejected_lines > 0 {
        "num failure"
    } else {
        "num"
    };
    view! {
        <tr>
            <td><a class="mono" href=format!("/jobs/{}", s.id) title=s.id.clone()>{short_id(&s.id)}</a></td>
            <td>{s.job_type}</td>
            <td>{s.graph}</td>
            <td><span class=badge>{row.status}</span></td>
            <td class="num">{files}</td>
            <td class=rejected_class>{row.rejected_lines}</td>
            <td>{started}</td>
            <td>{duration.unwrap_or_else(|| "—".into())}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::href;

    #[test]
    fn links_leave_out_defaults() {
        assert_eq!(href("", 1), "/job-center");
        assert_eq!(href("failed", 1), "/job-center?status=failed");
        assert_eq!(href("", 3), "/job-center?page=3");
        assert_eq!(
            href("partiallyFailed", 2),
            "/job-center?status=partiallyFailed&page=2"
        );
    }
}
