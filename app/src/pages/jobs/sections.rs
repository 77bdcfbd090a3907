//! The job page's sections, rendered by the server to HTML: the facts, import files, rejected
//! rows, sub-jobs, result and request (everything but the page's head and its forms).
//!
//! The page's island shows them as the server sent them and, whenever the job changes, puts
//! the HTML of a fresh render in their place (`super::detail::JobDetailBody`). So none of
//! their code or data types is in the wasm. They hold no controls of their own: paging,
//! sorting, jumping and the page-size choice are links and GET forms, which load the page with
//! the new window. They are apart from the page (`detail`), which calls
//! [`job_live`](super::api::job_live) for them, so that the two do not import each other.

mod facts;
mod import_files;
mod rejected_rows;
mod request_block;
mod result_view;
mod sub_jobs;

use api::console::{JobView, RejectedRows};
use leptos::prelude::*;

use self::{
    facts::JobFacts, import_files::ImportFiles, rejected_rows::RejectedRowsView,
    request_block::RequestBlock, result_view::ResultView, sub_jobs::SubJobs,
};
use crate::paging::Window;

/// Rejected rows per page.
pub(crate) const REJECTED_PAGE: u64 = 20;

/// The sections of the page of `view`'s job, as HTML: its result shown through `window`,
/// and `rejected`, the page of rejected rows (when its import rejected any).
pub(crate) fn render(view: JobView, rejected: Option<RejectedRows>, window: Window) -> String {
    crate::server_html::render(|| view! { <JobSections view rejected window/> })
}

/// The sections, in page order.
#[component]
fn JobSections(view: JobView, rejected: Option<RejectedRows>, window: Window) -> impl IntoView {
    let summary = &view.detail.summary;
    let id = summary.id.clone();
    let state = summary.state.clone();
    let graph = summary.graph.clone();
    let is_bulk = summary.job_type == "CancelJobs";
    let detail = view.detail;
    let files = detail.files.clone();
    let subs = detail.sub_jobs.clone();
    let request = detail.request.clone();
    let rejected = rejected
        .filter(|p| p.total > 0)
        .map(|page| view! { <RejectedRowsView id=id.clone() page/> });
    view! {
        <JobFacts detail now_ms=view.now_ms/>
        <ImportFiles files/>
        {rejected}
        <SubJobs subs is_bulk/>
        <ResultView id graph state result=view.result window/>
        <RequestBlock request/>
    }
}

#[cfg(test)]
mod tests {
    use api::console::{JobDetail, JobSummary, RejectedRow, ResultPage};

    use super::*;

    fn job(state: &str, result: Option<ResultPage>) -> JobView {
        let summary = JobSummary {
            id: "j1".into(),
            job_type: "Algorithm".into(),
            algorithm: Some("pagerank".into()),
            graph: "movie".into(),
            state: state.into(),
            progress: Some(100),
            created_at: "2026-12-02T05:00:00Z".into(),
            started_at: None,
            ended_at: None,
            can_cancel: false,
        };
        let detail = JobDetail {
            summary,
            fail_reason: None,
            error_code: None,
            request: serde_json::json!({"algorithmName": "pagerank"}),
            cancel_actor: None,
            cancel_reason: None,
            result_total: None,
            graph_version: Some(3),
            stale: None,
            renderings: Vec::new(),
            eta: None,
            counters: Vec::new(),
            files: Vec::new(),
            sub_jobs: Vec::new(),
            rerunnable: true,
        };
        JobView {
            detail,
            result,
            now_ms: 0,
        }
    }

    #[test]
    fn a_result_page_links_its_neighbours_and_sorts() {
        let rows = (0..10)
            .map(|i| serde_json::json!({"id": format!("v{i}"), "pagerank": 0.5}))
            .collect();
        let page = ResultPage {
            key: "vertices".into(),
            rows,
            offset: 10,
            total: 35,
            scalars: serde_json::Map::new(),
        };
        let window = Window::new(Some(10), Some(10));
        let html = render(job("succeeded", Some(page)), None, window);
        assert!(html.contains("rows 11–20 of 35"), "{html}");
        assert!(
            html.contains("href=\"/jobs/j1?offset=0&amp;limit=10\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"/jobs/j1?offset=20&amp;limit=10\""),
            "{html}"
        );
        assert!(html.contains("Sort by pagerank, highest first"), "{html}");
        // The page-size choice keeps the first row's page: 25 rows from offset 10 start at 0.
        assert!(
            html.contains("value=\"/jobs/j1?offset=0&amp;limit=25\""),
            "{html}"
        );
        assert!(!html.contains("Rejected rows"), "{html}");
    }

    #[test]
    fn per_vertex_rows_and_path_results_open_in_the_explorer() {
        let page = |key: &str, rows: Vec<serde_json::Value>| ResultPage {
            key: key.into(),
            total: rows.len() as u64,
            rows,
            offset: 0,
            scalars: serde_json::Map::new(),
        };
        let scores = page(
            "vertices",
            vec![serde_json::json!({"id": "Ann Lee", "pagerank": 0.5})],
        );
        let html = render(
            job("succeeded", Some(scores)),
            None,
            Window::new(None, None),
        );
        assert!(
            html.contains(
                "href=\"/explore?graph=movie&amp;vertex=Ann%20Lee&amp;job=j1&amp;column=\""
            ),
            "{html}"
        );
        assert!(html.contains("aria-label=\"Explore Ann Lee\""), "{html}");
        assert!(!html.contains("Open as graph"), "{html}");

        let path = page("path", vec![serde_json::json!("a"), serde_json::json!("b")]);
        let html = render(job("succeeded", Some(path)), None, Window::new(None, None));
        assert!(html.contains("href=\"/explore?path=j1\""), "{html}");
        assert!(!html.contains(">Explore<"), "{html}");

        // A query's vertices (with a label and properties) are not a per-vertex result.
        let query = page(
            "vertices",
            vec![serde_json::json!({"id": "a", "label": "user", "properties": {}})],
        );
        let html = render(job("succeeded", Some(query)), None, Window::new(None, None));
        assert!(!html.contains("/explore?"), "{html}");
    }

    #[test]
    fn markup_in_data_is_text() {
        let page = RejectedRows {
            rows: vec![RejectedRow {
                file: "v.csv".into(),
                line: 4,
                reason: "no label <i>x</i>".into(),
                row: "<b>bold</b>,nolabel".into(),
            }],
            offset: 0,
            total: 1,
        };
        let html = render(job("failed", None), Some(page), Window::new(None, None));
        assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;,nolabel"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("rows 1–1 of 1"), "{html}");
        assert!(html.contains("This job has no result."), "{html}");
    }
}
