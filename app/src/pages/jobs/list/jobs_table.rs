//! The jobs table with its pager and empty states.

use std::collections::BTreeSet;

use api::console::{JobsPage, Role};
use leptos::prelude::*;

use super::job_row::JobRow;
use crate::components::Pager;
use crate::jobs_query::JobsQuery;
use crate::pages::jobs::api::CancelJob;

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
    confirming: RwSignal<Option<String>>,
    /// The page's cancel action.
    cancel: ServerAction<CancelJob>,
    /// Ids of the rows ticked for a bulk cancel.
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let JobsPage { list, now_ms } = data;
    let total = list.total;
    let page = query.page();
    if total == 0 && query.is_filtered() {
        return view! {
            <div class="empty">
                <p>"No jobs match these filters."</p>
                <p><a class="button" href="/jobs">"Clear filters"</a></p>
            </div>
        }
        .into_any();
    }
    if total == 0 {
        let run = role
            .may_operate()
            .then(|| view! { <p><a class="button primary" href="/run">"Run an algorithm"</a></p> });
        return view! {
            <div class="empty">
                <p>"No jobs yet."</p>
                {run}
            </div>
        }
        .into_any();
    }
    if list.jobs.is_empty() {
        return view! {
            <div class="empty">
                <p>{format!("Page {} is empty; there are {total} jobs.", page.number)}</p>
                <p><a href=query.href(1)>"Go to the first page"</a></p>
            </div>
        }
        .into_any();
    }
    let href = |n: u64| query.href(n);
    let position = format!(
        "Page {} of {} · {total} {}",
        page.number,
        page.count(total),
        if query.is_filtered() {
            "matching jobs"
        } else {
            "jobs"
        }
    );
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
    view! {
        <div class="table-wrap">
            <table class="data jobs">
                <caption class="visually-hidden">"Jobs, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="select">{select_all}</th>
                        <th scope="col">"Job"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Graph"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Progress"</th>
                        <th scope="col">"Started"</th>
                        <th scope="col">"Duration"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.jobs.into_iter().map(|job| view! { <JobRow job now_ms role confirming cancel selected/> }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager label="Jobs pages" prev=page.prev().map(href) next=page.next(total).map(href) position/>
    }
    .into_any()
}
