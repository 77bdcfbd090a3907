//! The visualization jobs table as server HTML, which
//! [`viz_list_live`](super::api::viz_list_live) returns to the list page (`list`). Apart from
//! that page, which calls the server function, so that the two do not import each other.

mod viz_table;
mod viz_table_row;

use leptos::prelude::*;

use self::viz_table::VizTable;
pub(crate) use self::viz_table_row::duration_text;
use super::list_query::VizQuery;

/// `data`, the jobs matching `query`, as the table's HTML; `create`: whether the role may
/// create jobs (an empty list then links to the form).
pub(crate) fn render(data: api::console::viz::VizPage, query: VizQuery, create: bool) -> String {
    crate::server_html::render(|| view! { <VizTable data query create/> })
}
