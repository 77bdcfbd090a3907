//! The palette's matches (`Ctrl+K`/`⌘K`): the console's pages, the project's graphs and its
//! jobs whose id starts with what is typed, rendered by the server as the listbox's options,
//! so the wasm only puts them in place (`super::browser`).

use leptos::prelude::*;

use crate::error::AppError;

/// At most this many jobs are offered.
#[cfg(feature = "ssr")]
const JOBS: u64 = 8;

/// The palette's options for `text` as HTML: the pages and graphs whose name holds it, and
/// the newest jobs whose id starts with it (or whose graph or algorithm holds it: the jobs
/// table's search). Reads only: any role.
#[server(prefix = "/rpc", endpoint = "palette_html")]
pub(crate) async fn palette_html(text: String) -> Result<String, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let text = text.trim().to_owned();
    let filter = engine::JobFilter {
        text: (!text.is_empty()).then(|| text.clone()),
        limit: JOBS,
        ..Default::default()
    };
    let jobs = s.engine.jobs(&s.project, &filter).await.map_err(reject)?;
    let graphs = s.engine.graphs(&s.project).await.map_err(reject)?;
    let jobs = jobs.jobs.iter().map(api::convert::job_summary).collect();
    let graphs = graphs.into_iter().map(|g| g.name).collect();
    Ok(render(&text, graphs, jobs))
}

/// The options: `(kind, label, href)` each, in the order pages, graphs, jobs.
#[cfg(feature = "ssr")]
fn render(text: &str, graphs: Vec<String>, jobs: Vec<api::console::JobSummary>) -> String {
    use crate::format::short_id;
    let needle = text.to_lowercase();
    let holds = |name: &str| name.to_lowercase().contains(&needle);
    let pages = super::PAGES
        .iter()
        .filter(|(_, _, name)| holds(name))
        .map(|(_, path, name)| ("Page", (*name).to_owned(), (*path).to_owned()));
    let graphs = graphs
        .into_iter()
        .filter(|g| holds(g))
        .map(|g| ("Graph", g.clone(), format!("/graphs/{g}")));
    let jobs = jobs.into_iter().map(|j| {
        let what = j.algorithm.unwrap_or(j.job_type);
        let label = format!("{} {what} on {} ({})", short_id(&j.id), j.graph, j.state);
        ("Job", label, format!("/jobs/{}", j.id))
    });
    let options: Vec<_> = pages.chain(graphs).chain(jobs).collect();
    if options.is_empty() {
        return crate::server_html::render(
            || view! { <li class="muted">{format!("Nothing matches \"{text}\".")}</li> },
        );
    }
    crate::server_html::render(|| {
        options
            .into_iter()
            .enumerate()
            .map(|(i, (kind, label, href))| {
                view! {
                    <li role="option" id=format!("palette-option-{i}") aria-selected="false" data-href=href>
                        <span class="palette-kind">{kind}</span>" "{label}
                    </li>
                }
            })
            .collect_view()
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use api::console::JobSummary;

    fn job(id: &str) -> JobSummary {
        JobSummary {
            id: id.into(),
            job_type: "Algorithm".into(),
            algorithm: Some("pagerank".into()),
            graph: "movie".into(),
            state: "succeeded".into(),
            progress: Some(100),
            created_at: "2026-12-05T00:00:00Z".into(),
            started_at: None,
            ended_at: None,
            can_cancel: false,
        }
    }

    #[test]
    fn options_are_the_matching_pages_graphs_and_the_jobs_found() {
        let html = super::render("gra", vec!["movie".into(), "graph2".into()], vec![]);
        assert!(html.contains(r#"data-href="/graphs""#), "{html}");
        assert!(html.contains(r#"data-href="/graphs/import""#), "{html}");
        assert!(html.contains(r#"data-href="/graphs/graph2""#), "{html}");
        assert!(!html.contains("/graphs/movie"), "{html}");
        assert!(!html.contains(r#"data-href="/jobs""#), "{html}");

        let id = "0123456789abcdef";
        let html = super::render("0123", vec![], vec![job(id)]);
        assert!(
            html.contains(&format!(r#"data-href="/jobs/{id}""#)),
            "{html}"
        );
        assert!(html.contains(r#"id="palette-option-0""#), "{html}");
        assert!(html.contains("pagerank on movie (succeeded)"), "{html}");

        let html = super::render("zzz", vec![], vec![]);
        assert!(html.contains("Nothing matches"), "{html}");
    }
}
