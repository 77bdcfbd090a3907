//! The table's filters: a GET form whose fields become the URL's query string, so they
//! survive a reload and work without wasm. Changing a filter starts again at page 1.

use api::console::viz::VIZ_STATES;
use leptos::prelude::*;

use crate::pages::viz::list_query::VizQuery;

/// Status and name search with Apply and Clear.
#[component]
pub(crate) fn VizFilters(
    /// The filters now in the URL.
    query: VizQuery,
) -> impl IntoView {
    let current = query.status.clone();
    let options = VIZ_STATES
        .iter()
        .map(|(_, word)| {
            let selected = *word == current;
            view! { <option value=*word selected=selected>{*word}</option> }
        })
        .collect_view();
    let clear = query
        .is_filtered()
        .then(|| view! { <a class="button" href="/visualizations">"Clear filters"</a> });
    view! {
        <div class="filters" role="search" aria-label="Visualization job filters">
            <form method="get" action="/visualizations">
                <div class="field">
                    <label for="viz-filter-status">"Status"</label>
                    <select id="viz-filter-status" name="status">
                        <option value="" selected=current.is_empty()>"Any status"</option>
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label for="viz-filter-q">"Search names"</label>
                    <input id="viz-filter-q" name="q" type="search" value=query.text.clone() placeholder="part of a job name"/>
                </div>
                <div class="filter-actions">
                    <button type="submit" class="primary">"Apply filters"</button>
                    {clear}
                </div>
            </form>
        </div>
    }
    .into_any()
}
