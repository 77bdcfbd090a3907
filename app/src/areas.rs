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
//!
//! Each island sets the hydration marker (`crate::hydration`) once it has hydrated.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::hydration::mark_hydrated;
use crate::jobs_query::JobsQuery;
use crate::pages::{
    CreateVizBody, GraphDetailBody, GraphListBody, HygPageBody, ImportGraphBody, JobCenterBody,
    JobDetailBody, JobListBody, OverviewPageBody, SignInPageBody, SubmitJobBody, VizDetailBody,
    VizListBody, VizQuery,
};
use crate::paging::{Page, Window};

/// A page of the jobs area.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum JobsView {
    /// `/overview`.
    Overview,
    /// `/jobs`, with the filters and page in the URL.
    List {
        /// Filters and page.
        query: JobsQuery,
    },
}

/// The overview and the jobs table.
#[island(lazy)]
pub(crate) fn JobsArea(
    /// Which page.
    view: JobsView,
) -> impl IntoView {
    mark_hydrated();
    match view {
        JobsView::Overview => view! { <OverviewPageBody/> }.into_any(),
        JobsView::List { query } => view! { <JobListBody query/> }.into_any(),
    }
}

/// The job page alone: its result tables, charts and forms weigh more than the rest of the
/// jobs area, and the jobs table (the landing page) needs none of it.
#[island(lazy)]
pub(crate) fn JobArea(
    /// Job id.
    id: String,
    /// The result rows shown.
    window: Window,
    /// First rejected row shown (imports).
    rejected: u64,
) -> impl IntoView {
    mark_hydrated();
    view! { <JobDetailBody id window rejected/> }
}

/// A page of the graphs area.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum GraphsView {
    /// `/graphs`.
    List,
    /// `/graphs/import?graph=`.
    Import {
        /// The graph named in the URL, or empty.
        graph: String,
    },
    /// `/graphs/:name`.
    Detail {
        /// Graph name.
        name: String,
    },
}

/// The graph list, the import form and a graph's page.
#[island(lazy)]
pub(crate) fn GraphsArea(
    /// Which page.
    view: GraphsView,
) -> impl IntoView {
    mark_hydrated();
    match view {
        GraphsView::List => view! { <GraphListBody/> }.into_any(),
        GraphsView::Import { graph } => view! { <ImportGraphBody graph/> }.into_any(),
        GraphsView::Detail { name } => view! { <GraphDetailBody name/> }.into_any(),
    }
}

/// A page of the less visited area.
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

/// The job center, HyG and the algorithm form.
#[island(lazy)]
pub(crate) fn CenterArea(
    /// Which page.
    view: CenterView,
) -> impl IntoView {
    mark_hydrated();
    match view {
        CenterView::JobCenter { status, page } => view! { <JobCenterBody status page/> }.into_any(),
        CenterView::Hyg => view! { <HygPageBody/> }.into_any(),
        CenterView::Run => view! { <SubmitJobBody/> }.into_any(),
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
    /// `/visualizations/:id`.
    Detail {
        /// Job id.
        id: String,
    },
}

/// The visualization jobs: list, create form and a job's page.
#[island(lazy)]
pub(crate) fn VizArea(
    /// Which page.
    view: VizView,
) -> impl IntoView {
    mark_hydrated();
    match view {
        VizView::List { query } => view! { <VizListBody query/> }.into_any(),
        VizView::Create => view! { <CreateVizBody/> }.into_any(),
        VizView::Detail { id } => view! { <VizDetailBody id/> }.into_any(),
    }
}

/// The sign-in form.
#[island(lazy)]
pub(crate) fn SignInArea() -> impl IntoView {
    mark_hydrated();
    view! { <SignInPageBody/> }
}
