//! The console's islands: one per area of pages, each lazily loaded.
//!
//! The console runs in Leptos' islands mode. Every page is rendered on the server; its
//! interactive part (a `…Body` component next to the page) is hydrated in the browser inside
//! its area's island, and only the islands' code is in the wasm. Each island is a split point
//! (`#[island(lazy)]`, split out by `tools/wasm-split`), fetched when a page of its area is
//! shown.
//!
//! Why areas and not one island per page: the splitter puts the code shared by each set of
//! split points into a file of its own. Thirteen page islands made 291 files, a first visit to
//! `/jobs` fetched 176 of them, and the files compressed one by one weighed 371 KB gzip, against
//! 269 KB for the same code in one file. Pages of one area share most of their code and are
//! visited together, so each area is one island, told by its prop which page it hydrates.
//! Measured and not kept (first visits, gzip, against this split's): nine islands (the
//! overview, the algorithm form and a visualization job on their own) made 143 files, and
//! `/jobs` and graphs grew by 20 and 30 KB; eight (the algorithm form and the create form on
//! their own) brought the job center, the algorithm form and visualizations under 300 KB, but
//! took `/jobs`, graphs and a job page over it; seven (the create form alone) took the job
//! center, graphs and a job page further over; the sign-in island in the main module made
//! the main module 145 KB and every area bigger.
//!
//! The read-only parts of the overview, the job page, the job center, HyG, the graphs and the
//! visualization pages, and the algorithm form, are not in any island (their action buttons
//! are server-rendered forms too): the server renders them and passes them in as the island's
//! `children` (a page without such a part passes an empty text), and the island replaces them
//! with the server's fresh render when they change (`crate::server_html`).
//!
//! Each island sets the hydration marker (`crate::hydration`) once it has hydrated, and on the
//! server asks for its files to be preloaded with the page.

use api::console::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::jobs_query::JobsQuery;
use crate::list::Page;
use crate::pages::{
    CreateVizBody, GraphDetailBody, GraphListBody, HygPageBody, ImportGraphBody, JobCenterBody,
    JobDetailBody, JobListBody, OverviewPageBody, SignInPageBody, SubmitJobBody, VizDetailBody,
    VizListBody, VizQuery,
};
use crate::paging::Window;

/// The jobs table (`/jobs`, with the filters and page in the URL). The table's filter form is
/// rendered by the server and comes in as `children`, so its code is not here. The overview,
/// once in this area too, is in the graphs area ([`GraphsArea`]): its live part took `/jobs`'
/// first visit 14 KB gzip over the budget here (304,765 with it, 290,893 without), and costs
/// the graphs area 15 KB, which has the room (243,193 → 258,151).
#[island(lazy)]
pub(crate) fn JobsArea(
    /// Filters and page.
    query: JobsQuery,
    /// The signed-in token's role: the table offers cancelling only to a role that may.
    role: Role,
    /// The table's filter form, rendered by the server.
    children: Children,
) -> impl IntoView {
    started("jobs");
    view! { <JobListBody query role filters=children/> }
}

/// The job page alone: its head and forms. The rest of the page (facts, result tables,
/// rejected rows, request) is rendered by the server and comes in as `children`; the island
/// replaces it with the server's fresh render when the job changes, so its code is not here.
#[island(lazy)]
pub(crate) fn JobArea(
    /// Job id.
    id: String,
    /// The result rows shown.
    window: Window,
    /// First rejected row shown (imports).
    rejected: u64,
    /// The signed-in token's role: cancel, run again and dump only for a role that may.
    role: Role,
    /// The page's sections, rendered by the server.
    children: Children,
) -> impl IntoView {
    started("job");
    view! { <JobDetailBody id window rejected role sections=children/> }
}

/// A page of the graphs area.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum GraphsView {
    /// `/overview`: the overview itself comes in as the island's `children`.
    Overview,
    /// `/graphs`: the table comes in as the island's `children`.
    List,
    /// `/graphs/import?graph=`.
    Import {
        /// The graph named in the URL, or empty.
        graph: String,
    },
    /// `/graphs/:name`: the graph comes in as the island's `children`.
    Detail,
}

/// The overview, the graph list, the import form and a graph's page. The overview, the list's
/// table and a graph's page are rendered by the server and come in as `children` (none for the
/// import form); the island refreshes the overview and a graph's page while they can change.
#[island(lazy)]
pub(crate) fn GraphsArea(
    /// Which page.
    view: GraphsView,
    /// The graphs table, or a graph's page, rendered by the server.
    children: Children,
) -> impl IntoView {
    started("graphs");
    match view {
        GraphsView::Overview => view! { <OverviewPageBody overview=children/> }.into_any(),
        GraphsView::List => view! { <GraphListBody table=children/> }.into_any(),
        GraphsView::Import { graph } => view! { <ImportGraphBody graph/> }.into_any(),
        GraphsView::Detail => view! { <GraphDetailBody parts=children/> }.into_any(),
    }
}

/// A page of the management-plane area.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum CenterView {
    /// `/job-center`, with its filter and page.
    JobCenter {
        /// Status word, or empty.
        status: String,
        /// The page shown.
        page: Page,
    },
    /// `/hyg`.
    Hyg,
    /// `/run`.
    Run,
}

/// The job center, HyG and the algorithm form. The job center's and HyG's tables and the
/// algorithm form are rendered by the server and come in as `children`.
#[island(lazy)]
pub(crate) fn CenterArea(
    /// Which page.
    view: CenterView,
    /// The job center's or HyG's table, or the algorithm form, rendered by the server.
    children: Children,
) -> impl IntoView {
    started("center");
    match view {
        CenterView::JobCenter { status, page } => {
            view! { <JobCenterBody status page table=children/> }.into_any()
        }
        CenterView::Hyg => view! { <HygPageBody table=children/> }.into_any(),
        CenterView::Run => view! { <SubmitJobBody form=children/> }.into_any(),
    }
}

/// A page of the visualization area.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum VizView {
    /// `/visualizations`, with the filters and page in the URL.
    List {
        /// Filters and page.
        query: VizQuery,
    },
    /// `/visualizations/new`.
    Create,
    /// `/visualizations/:id`: the job comes in as the island's `children`.
    Detail {
        /// Job id.
        id: String,
    },
}

/// The visualization jobs: list, create form and a job's page. The list's table and a job's
/// head and view (the charts) are rendered by the server and come in as `children` (none for
/// the create form), so their code is not here: the island polls, puts fresh renders in place
/// and carries out the actions.
#[island(lazy)]
pub(crate) fn VizArea(
    /// Which page.
    view: VizView,
    /// A job, or the list's table, rendered by the server.
    children: Children,
) -> impl IntoView {
    started("viz");
    match view {
        VizView::List { query } => view! { <VizListBody query table=children/> }.into_any(),
        VizView::Create => view! { <CreateVizBody/> }.into_any(),
        VizView::Detail { id } => view! { <VizDetailBody id parts=children/> }.into_any(),
    }
}

/// The sign-in form.
#[island(lazy)]
pub(crate) fn SignInArea() -> impl IntoView {
    started("sign_in");
    view! { <SignInPageBody/> }
}

/// The start of every area island: in the browser, the hydration marker; on the server,
/// `<link rel="preload">` tags for the island's wasm files, so the browser fetches them with
/// the main module instead of after it.
fn started(area: &str) {
    crate::hydration::mark_hydrated();
    #[cfg(feature = "ssr")]
    preload(area);
    #[cfg(not(feature = "ssr"))]
    let _ = area;
}

/// Adds `<link rel="preload">` tags for the files of `area`'s island to the page's `<head>`.
/// The island's split point is named `<area>_area_loader_<hash>` (the `_loader` function
/// `#[island(lazy)]` generates, with a hash of its place in the source); the split manifest
/// that `HydrationScripts` has read lists its files.
///
/// Leptos' own preloading (`prefetch_lazy_fn_on_server`, which `#[lazy]` calls on the server)
/// does not reach islands: the island's loader exists only in the browser build, and the
/// integration looks the manifest up outside the owner `HydrationScripts` provided it on. So
/// the tags are written here, in deferred work: it runs after the island's body and before the
/// `<head>` is sent.
#[cfg(feature = "ssr")]
fn preload(area: &str) {
    let (Some(sc), Some(owner)) = (Owner::current_shared_context(), Owner::current()) else {
        return;
    };
    let prefix = format!("{area}_area_loader_");
    sc.defer_stream(Box::pin(async move {
        owner.with(|| preload_tags(&prefix));
    }));
}

#[cfg(feature = "ssr")]
fn preload_tags(prefix: &str) {
    use leptos_meta::Link;
    let Some(manifest) = use_context::<leptos::WasmSplitManifest>() else {
        return;
    };
    let (pkg, files, loader) = manifest.0.with_value(|(pkg, splits, loader)| {
        let files = splits
            .iter()
            .find(|(key, _)| key.starts_with(prefix))
            .map(|(_, files)| files.clone())
            .unwrap_or_default();
        (pkg.clone(), files, loader.clone())
    });
    if files.is_empty() {
        return;
    }
    // `to_html` on a leptos_meta tag registers it with the page's `<head>`. `anonymous` is the
    // mode of the loader's `fetch` (same origin), so the browser reuses the preloaded response.
    for file in files {
        let href = format!("{pkg}/{file}.wasm");
        let _ = view! {
            <Link rel="preload" href as_="fetch" type_="application/wasm" crossorigin="anonymous"/>
        }
        .to_html();
    }
    let href = format!("{pkg}/{loader}");
    let _ = view! { <Link rel="modulepreload" href crossorigin="anonymous"/> }.to_html();
}
