//! The jobs table with its pager and empty states.

use std::collections::BTreeSet;

use api::console::{JobsPage, Role};
use leptos::prelude::*;

use super::job_row::JobRow;
use crate::jobs_query::JobsQuery;
use crate::list::{DataTable, ListUrl, empty_state, page_pager};
use crate::pages::jobs::api::CancelJob;
use crate::pages::jobs::cancel_control::Confirming;

/// One page of jobs as a table.
#[component]
pub(crate) fn JobsTable(
    /// The page's data.
    data: JobsPage,
    /// The filters and page shown.
    query: JobsQuery,
    /// The signed-in token's role: rows offer cancelling only to a role that may.
    role: Role,
    /// Which job's cancel confirmation is open.
    confirming: Confirming,
    /// The page's cancel action.
    cancel: ServerAction<CancelJob>,
    /// Ids of the rows ticked for a bulk cancel.
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let JobsPage { list, now_ms } = data;
    let total = list.total;
    let invite = || {
        role.may_operate()
            .then(|| view! { <p><a class="button primary" href="/run">"Run an algorithm"</a></p> })
            .into_any()
    };
    if let Some(empty) = empty_state(&query, total, list.jobs.len(), "jobs", invite) {
        return empty;
    }
    let page = query.page();
    let position = query.position(total, "jobs");
    let cancellable: Vec<String> = list
        .jobs
        .iter()
        .filter(|j| j.can_cancel && role.may_operate())
        .map(|j| j.id.clone())
        .collect();
    let select_all = (!cancellable.is_empty()).then(|| {
        let all = cancellable.clone();
        let checked = move || all.iter().all(|id| selected.with(|s| s.contains(id)));
        let toggle = move |ev| {
            let on = event_target_checked(&ev);
            selected.update(|s| {
                for id in &cancellable {
                    if on {
                        s.insert(id.clone());
                    } else {
                        s.remove(id);
                    }
                }
            });
        };
        view! {
            <input type="checkbox" aria-label="Select every cancellable job on this page"
                prop:checked=checked on:change=toggle/>
        }
    });
    let lead = view! { <th scope="col" class="select">{select_all}</th> }.into_any();
    view! {
        <DataTable class="data jobs" caption="Jobs, newest first" columns=&["Job", "Type", "Graph", "State", "Progress", "Started", "Duration", "Actions"] lead>
            {list.jobs.into_iter().map(|job| view! { <JobRow job now_ms role confirming cancel selected/> }).collect_view()}
        </DataTable>
        {page_pager("Jobs pages", page, total, position, |n| query.href(n))}
    }
    .into_any()
}
