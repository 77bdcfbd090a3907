//! # graphjobs console
//!
//! The web console: Leptos components rendered on the server (feature `ssr`) and hydrated in
//! the browser (feature `hydrate`, built by the `frontend` crate), plus the server functions
//! they call. Those are thin adapters over [`engine::Engine`], mounted under `/rpc/…` by the
//! server's `leptos_routes_with_context`, which also puts the engine into the context.
//!
//! Layout:
//! - [`app`]: [`shell`] (the HTML document) and [`App`] (the one route table).
//! - `layout/`: header, navigation and the signed-in frame around every page.
//! - `pages/<area>/`: one file per page, and `api.rs` with that area's server functions.
//! - `components/`: reusable view pieces that never call the server.
//! - `list/`: the list pages' kit (URL state, filters, table, empty states, pager).
//! - `server_html`: read-only parts of live pages, rendered by the server, none in the wasm.
//! - `keys`: the keyboard shortcuts and the palette, on every signed-in page.
//! - `format`, `paging`, `params`, `result_rows`: pure helpers with unit tests.
//! - `server_fns` (server only): every server function by its type, [`ServerFunction`], for
//!   the server's tests that call them by path.
//! - `session`, `cookie` (server only): the session cookie, the token's role, and the error
//!   boundary mapping; `page_role`: that role for the pages the server renders.
//!
//! The wasm build depends on `api` only, never on `engine`.

// `#[component]` derives a typed-builder `Props` struct whose generated items are `pub`, which
// trips `unreachable_pub` for every crate-private component. The lint is silenced only for the
// view modules; the pure helper modules below keep it.
#[allow(unreachable_pub)]
mod app;
#[allow(unreachable_pub)]
mod areas;
#[cfg(feature = "ssr")]
mod chart_scale;
#[allow(unreachable_pub)]
mod components;
mod error;
mod format;
mod hydration;
mod jobs_query;
#[allow(unreachable_pub)]
mod keys;
#[allow(unreachable_pub)]
mod layout;
#[allow(unreachable_pub)]
mod list;
mod live;
mod navigate;
mod obs_path;
mod page_data;
mod page_role;
#[allow(unreachable_pub)]
mod pages;
mod paging;
mod params;
#[cfg(feature = "ssr")]
mod result_rows;
#[allow(unreachable_pub)]
mod server_html;
#[cfg(all(test, feature = "ssr"))]
mod test_markup;

#[cfg(feature = "ssr")]
mod call_outcome;
#[cfg(feature = "ssr")]
mod console_audit;
#[cfg(feature = "ssr")]
mod cookie;
#[cfg(feature = "ssr")]
mod event_stream;
#[cfg(feature = "ssr")]
mod result_csv;
#[cfg(feature = "ssr")]
mod server_fns;
#[cfg(feature = "ssr")]
mod session;

pub use app::{App, shell};

/// The browser entry point: starts the page's islands (see `hydration`).
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    hydration::start();
}
#[cfg(feature = "ssr")]
pub use console_audit::{audited_paths, record_console_action};
pub use error::AppError;
#[cfg(feature = "ssr")]
pub use event_stream::job_event_stream;
#[cfg(feature = "ssr")]
pub use result_csv::job_result_csv;
#[cfg(feature = "ssr")]
pub use server_fns::ServerFunction;
#[cfg(feature = "ssr")]
pub use session::resolve_session;
