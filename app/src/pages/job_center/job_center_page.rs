//! `/job-center?status=&page=N`: the management plane's jobs as the v2 job center reports them
//! (status words `waiting`, `running`, `success`, `partiallyFailed`, `failed`), with each
//! import's files and rejected lines; live like the jobs table.

#[cfg(feature = "ssr")]
use api::console::{ManagementJobRow, ManagementPage};
use api::management::STATUS_FILTERS;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::center_live;
use crate::components::LiveStatus;
#[cfg(feature = "ssr")]
use crate::components::Pager;
use crate::live::use_job_updates;
use crate::page_data::page_data;
use crate::paging::{JOBS_PAGE_SIZE, Page};
use crate::server_html::{LivePart, ServerPart};

/// The job center page, with its table rendered inside the island (server only).
#[component]
pub(crate) fn JobCenterPage() -> impl IntoView {
    let query = use_query_map();
    let status = query.with_untracked(|q| {
        q.get("status")
            .filter(|s| STATUS_FILTERS.contains(&s.as_str()))
            .unwrap_or_default()
    });
    let page = query.with_untracked(|q| q.get("page").and_then(|p| p.parse().ok()));
    let page = Page::new(page, JOBS_PAGE_SIZE);
    let load = {
        let status = status.clone();
        move || {
            let live = center_live(status.clone(), page, true);
            async move { live.await.map(|t| t.html) }
        }
    };
    view! {
        <Title text="Job center"/>
        <crate::areas::CenterArea view=crate::areas::CenterView::JobCenter { status, page }>
            <ServerPart load loading="Loading jobs…" show_error=true/>
        </crate::areas::CenterArea>
    }
}

/// The job center's interactive part: the filter and the live refresh of `table`, the table
/// as the server rendered it.
#[component]
pub(crate) fn JobCenterBody(
    /// The status filter in the URL, or empty.
    status: String,
    /// The page in the URL.
    page: Page,
    /// The table and its pager, rendered by the server.
    table: Children,
) -> impl IntoView {
    let live = RwSignal::new(false);
    let updates = use_job_updates(live.into(), |_| true);
    let state = {
        let status = status.clone();
        // The page came with the server's render: only later changes bring it anew.
        page_data(
            move || updates.tick.get(),
            move |tick| center_live(status.clone(), page, tick > 0),
        )
    };
    let part = LivePart::new();
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(t)) = state.get() {
            live.set(t.active);
            if let Some(html) = t.html {
                part.show(html);
            }
        }
    });
    let options = STATUS_FILTERS
        .iter()
        .map(|s| view! { <option value=*s selected=status == *s>{*s}</option> })
        .collect_view();
    view! {
        <div class="page-head">
            <h1>"Job center"</h1>
            <LiveStatus mode=updates.mode/>
        </div>
        <p class="description">
            "Graph management jobs — imports, graph creation, clearing and deletion, exports — as "
            <code>"GET /v2/{project_id}/graphs/jobs"</code> " reports them."
        </p>
        <div class="filters" role="search" aria-label="Job center filters">
            <form method="get" action="/job-center">
                <div class="field">
                    <label for="center-status">"Status"</label>
                    <select id="center-status" name="status">
                        <option value="" selected=status.is_empty()>"Any status"</option>
                        {options}
                    </select>
                </div>
                <div class="filter-actions"><button type="submit" class="primary">"Apply"</button></div>
            </form>
        </div>
        {part.element("center-part", table)}
    }
    .into_any()
}

/// `data`, the page `page` of jobs with `status`, as the table's HTML.
#[cfg(feature = "ssr")]
pub(crate) fn render(data: ManagementPage, status: String, page: Page) -> String {
    crate::server_html::render(|| view! { <CenterTable data status page/> })
}

/// `/job-center?status=…&page=N`.
#[cfg(feature = "ssr")]
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

#[cfg(feature = "ssr")]
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

#[cfg(feature = "ssr")]
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

#[cfg(all(test, feature = "ssr"))]
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
