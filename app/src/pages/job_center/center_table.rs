//! The job center's table as server HTML, which [`center_live`](super::api::center_live)
//! returns to the page (`job_center_page`). Apart from that page, which calls the server
//! function, so that the two do not import each other.

use api::console::{ManagementJobRow, ManagementPage};
use leptos::prelude::*;

use crate::components::Pager;
use crate::paging::Page;

/// `data`, the page `page` of jobs with `status`, as the table's HTML.
pub(crate) fn render(data: ManagementPage, status: String, page: Page) -> String {
    crate::server_html::render(|| view! { <CenterTable data status page/> })
}

/// `/job-center?status=…&page=N`.
fn href(status: &str, page: u64) -> String {
    let mut pairs = Vec::new();
    if !status.is_empty() {
        pairs.push(format!("status={status}"));
    }
    if page > 1 {
        pairs.push(format!("page={page}"));
    }
    if pairs.is_empty() {
        "/job-center".into()
    } else {
        format!("/job-center?{}", pairs.join("&"))
    }
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
        return view! { <div class="empty"><p>{text}</p></div> }.into_any();
    }
    let link = {
        let status = status.clone();
        move |n: u64| href(&status, n)
    };
    let position = format!(
        "Page {} of {} · {total} jobs",
        page.number,
        page.count(total)
    );
    view! {
        <div class="table-wrap">
            <table class="data jobs">
                <caption class="visually-hidden">"Graph management jobs, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Job"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Graph"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Files"</th>
                        <th scope="col">"Rejected lines"</th>
                        <th scope="col">"Started"</th>
                        <th scope="col">"Duration"</th>
                    </tr>
                </thead>
                <tbody>{rows.into_iter().map(|row| view! { <CenterRow row now_ms/> }).collect_view()}</tbody>
            </table>
        </div>
        <Pager label="Job center pages" prev=page.prev().map(link.clone()) next=page.next(total).map(link) position/>
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
