//! `/explore`: the graph explorer (issue 24). A vertex's neighbourhood, or a path result,
//! drawn force-directed on a canvas; vertices coloured and sized by a job's result column.
//!
//! The page itself is server HTML (the search form and an empty canvas carrying the request in
//! `data-` attributes); the drawing, the pointer and the panel are one plain script,
//! `public/explore/explore.js`, with its layout in a web worker (`public/explore/layout.js`),
//! fetched only by this page. Why not an island: the explorer is a canvas and a worker, nothing
//! Leptos renders; in Rust it would be a wasm split of its own plus the `web_sys` canvas and
//! worker bindings (and a second wasm bundle for the worker), while the script is a few KB and
//! leaves every other area's first visit exactly as it was. The script reads through the
//! server functions of `api.rs`, which check the session as every other read does.

#[cfg(feature = "ssr")]
mod api;
mod explore_page;

/// Its reads, by type, for the console's table of server functions (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) use api::{ExploreColumn, ExploreNeighbourhood, ExplorePath};
pub(crate) use explore_page::ExplorePage;
