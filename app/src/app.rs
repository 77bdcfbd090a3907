//! The HTML document and the one route table of the console.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::layout::ShellLayout;
use crate::pages::{
    AuditLog, CreateViz, DslPage, ExplorePage, HygPage, JobCenterPage, VizDetail, VizList,
};
use crate::pages::{
    GraphDetail, GraphList, ImportGraph, JobDetail, JobList, NotFound, OverviewPage, QueryPage,
    SignInPage, SubmitJob,
};

/// The whole HTML document, rendered on the server around [`App`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
                <link rel="stylesheet" href="/pkg/console.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The console: routes, each rendered with `SsrMode::Async` so that its data is already in the
/// first HTML response (and a missing session becomes a 302 to `/signin` before any byte is
/// sent).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Title formatter=|page: String| if page.is_empty() { "graphjobs".to_string() } else { format!("{page} · graphjobs") }/>
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=|| view! { <Redirect path="/jobs"/> } ssr=SsrMode::Async/>
                <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=ShellLayout ssr=SsrMode::Async>
                    <Route path=path!("/overview") view=OverviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/jobs") view=JobList ssr=SsrMode::Async/>
                    <Route path=path!("/jobs/:id") view=JobDetail ssr=SsrMode::Async/>
                    <Route path=path!("/job-center") view=JobCenterPage ssr=SsrMode::Async/>
                    <Route path=path!("/hyg") view=HygPage ssr=SsrMode::Async/>
                    <Route path=path!("/hyg/dsl") view=DslPage ssr=SsrMode::Async/>
                    <Route path=path!("/run") view=SubmitJob ssr=SsrMode::Async/>
                    <Route path=path!("/query") view=QueryPage ssr=SsrMode::Async/>
                    <Route path=path!("/visualizations") view=VizList ssr=SsrMode::Async/>
                    <Route path=path!("/visualizations/new") view=CreateViz ssr=SsrMode::Async/>
                    <Route path=path!("/visualizations/:id") view=VizDetail ssr=SsrMode::Async/>
                    <Route path=path!("/visualization/:id") view=VizDetail ssr=SsrMode::Async/>
                    <Route path=path!("/graphs") view=GraphList ssr=SsrMode::Async/>
                    <Route path=path!("/audit") view=AuditLog ssr=SsrMode::Async/>
                    <Route path=path!("/explore") view=ExplorePage ssr=SsrMode::Async/>
                    // Before `/graphs/:name`, which would match it too (routes match in order).
                    <Route path=path!("/graphs/import") view=ImportGraph ssr=SsrMode::Async/>
                    <Route path=path!("/graphs/:name") view=GraphDetail ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::test_markup::Markup;
    use leptos::prelude::*;
    use leptos_router::location::RequestUrl;

    use super::App;

    /// Server-renders `App` at `path` (no engine: pages that need data are not rendered here,
    /// the end-to-end suite covers them).
    fn render(path: &str) -> String {
        let owner = Owner::new();
        owner.with(|| {
            provide_context(RequestUrl::new(path));
            view! { <App/> }.markup()
        })
    }

    #[test]
    fn sign_in_page_has_a_labelled_token_field_and_button() {
        let html = render("/signin");
        assert!(
            html.contains(r#"<label for="token">API token</label>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"id="token" name="token" type="password""#),
            "{html}"
        );
        assert!(html.contains(">Sign in</button>"), "{html}");
        assert!(html.contains(r#"action="/rpc/sign_in""#), "{html}");
    }

    #[test]
    fn unknown_paths_render_not_found() {
        let html = render("/no/such/page");
        assert!(html.contains("Page not found"), "{html}");
    }
}
