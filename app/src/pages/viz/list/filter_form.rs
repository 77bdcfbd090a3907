//! The table's filters (`crate::list::FilterBar`): status and name search.

use api::console::viz::VIZ_STATES;
use leptos::prelude::*;

use crate::list::{FilterBar, FilterSearch, FilterSelect, ListUrl};
use crate::pages::viz::list_query::VizQuery;

/// Status and name search with Apply and Clear.
#[component]
pub(crate) fn VizFilters(
    /// The filters now in the URL.
    query: VizQuery,
) -> impl IntoView {
    let states = VIZ_STATES.iter().map(|(_, w)| w.to_string()).collect();
    view! {
        <FilterBar label="Visualization job filters" action=VizQuery::BASE clear=query.is_filtered()>
            <FilterSelect id="viz-filter-status" name="status" label="Status" any="Any status" values=states current=query.status.clone()/>
            <FilterSearch id="viz-filter-q" label="Search names" value=query.text.clone() placeholder="part of a job name"/>
        </FilterBar>
    }
}
