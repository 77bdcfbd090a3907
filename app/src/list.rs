//! The kit every list page is built from (jobs, visualization jobs, the job center, HyG views,
//! graphs, an import's rejected rows, and the smaller tables of the overview and a graph's
//! page), so that a list's URL state, filters, table, empty states and pager are written once:
//!
//! - `url`: the URL state ([`ListUrl`]: filters and page in the query string, and the link to
//!   another page with the same filters), and percent-encoding;
//! - `page`: which rows a page shows ([`Page`], and `Rows` for offset windows);
//! - `filters`: the GET filter form and its fields;
//! - `table`: the table ([`DataTable`]);
//! - `empty`: what a list shows instead (none yet, none matching, a page past the end);
//! - `pager`: Previous / Next around the position.
//!
//! Every piece renders alike on the server and in the browser; the lists whose tables are
//! server HTML (`crate::server_html`) keep theirs out of the wasm by using them only there.

mod empty;
mod filters;
mod page;
mod pager;
mod table;
mod url;

#[cfg(feature = "ssr")]
pub(crate) use empty::Empty;
pub(crate) use empty::empty_state;
pub(crate) use filters::{FilterBar, FilterSearch, FilterSelect};
#[cfg(feature = "ssr")]
pub(crate) use page::Rows;
pub(crate) use page::{PAGE_SIZE, Page};
#[cfg(feature = "ssr")]
pub(crate) use pager::Pager;
pub(crate) use pager::page_pager;
pub(crate) use table::DataTable;
#[cfg(feature = "ssr")]
pub(crate) use url::encode;
#[cfg(any(feature = "ssr", test))]
pub(crate) use url::href;
#[cfg(all(test, feature = "ssr"))]
pub(crate) use url::url_params;
pub(crate) use url::{ListUrl, page_number, text};
