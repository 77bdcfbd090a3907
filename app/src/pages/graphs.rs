//! Graphs: the list, one graph (facts, schema, label counts, recent jobs, clear and delete)
//! and the import form.

mod act_api;
mod api;
mod detail;
#[cfg(feature = "ssr")]
mod detail_html;
#[cfg(feature = "ssr")]
mod graphs_table;
mod import;
mod import_fields;
mod list;
mod upload_api;

/// Its reads, by type, for the console's table of server functions (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) use api::{GraphHtml, GraphListHtml};
pub(crate) use detail::{GraphDetail, GraphDetailBody};
pub(crate) use import::{ImportGraph, ImportGraphBody};
pub(crate) use list::{GraphList, GraphListBody};
/// Its server functions that change something, by type, for the console's audit
/// (`crate::console_audit`).
#[cfg(feature = "ssr")]
pub(crate) use {
    act_api::{ClearGraph, DeleteGraph},
    upload_api::UploadImport,
};

/// `/graphs/NAME`. Graph names are letters, digits, `_` and `-` (the engine refuses others),
/// so there is nothing to encode. (Drawn by the server only.)
#[cfg(feature = "ssr")]
pub(crate) fn graph_href(name: &str) -> String {
    format!("/graphs/{name}")
}
