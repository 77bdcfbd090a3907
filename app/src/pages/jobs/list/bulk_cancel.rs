//! Bulk cancel above the jobs table: "Cancel selected" (the rows ticked on this page) and
//! "Cancel all matching…" (every queued or running job the URL's filters match, counted
//! before anything happens). Each asks first and, once done, says what it did and links to the
//! `CancelJobs` job that records it.

use std::collections::BTreeSet;

use api::console::BulkCancelDone;
use leptos::prelude::*;

use crate::components::ErrorNotice;
use crate::error::AppError;
use crate::format::short_id;
use crate::jobs_query::JobsQuery;
use crate::page_data::page_data;
use crate::pages::jobs::api::{CancelMatching, CancelSelected, JobsFilter, count_cancellable};

/// Which confirmation is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    No,
    Selected,
    Matching,
}

/// The bulk cancel bar.
#[component]
pub(crate) fn BulkCancelBar(
    /// The filters in the URL.
    query: Signal<JobsQuery>,
    /// Ids of the ticked rows.
    selected: RwSignal<BTreeSet<String>>,
    /// Cancels the selection.
    cancel_selected: ServerAction<CancelSelected>,
    /// Cancels everything matching.
    cancel_matching: ServerAction<CancelMatching>,
) -> impl IntoView {
    let asking = RwSignal::new(Asking::No);
    let count = page_data(
        move || (asking.get() == Asking::Matching, query.get()),
        |(open, q)| async move {
            if open {
                count_cancellable(JobsFilter::from(&q)).await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    let n_selected = move || selected.with(BTreeSet::len);
    let pending =
        Signal::derive(move || cancel_selected.pending().get() || cancel_matching.pending().get());
    let confirm_selected = move |_| {
        let ids: Vec<String> = selected.get_untracked().into_iter().collect();
        cancel_selected.dispatch(CancelSelected { ids });
        selected.set(BTreeSet::new());
        asking.set(Asking::No);
    };
    let confirm_matching = move |_| {
        cancel_matching.dispatch(CancelMatching {
            filter: JobsFilter::from(&query.get_untracked()),
        });
        asking.set(Asking::No);
    };
    let dismiss = move |_| asking.set(Asking::No);
    let question = move || {
        match asking.get() {
        Asking::No => ().into_any(),
        Asking::Selected => {
            let n = n_selected();
            view! {
                <div class="confirm" role="group" aria-label="Confirm cancelling the selected jobs">
                    <span class="confirm-question">{format!("Cancel the {n} selected {}?", jobs_word(n))}</span>
                    <button type="button" class="danger" disabled=move || pending.get() on:click=confirm_selected>
                        {format!("Yes, cancel {n} {}", jobs_word(n))}
                    </button>
                    <button type="button" on:click=dismiss>"Keep them"</button>
                </div>
            }
            .into_any()
        }
        Asking::Matching => view! {
            <Suspense fallback=|| view! { <p class="muted" role="status">"Counting matching jobs…"</p> }>
                {move || Suspend::new(async move {
                    match count.await {
                        Ok(Some(0)) => view! {
                            <div class="confirm" role="group" aria-label="Nothing to cancel">
                                <span class="confirm-question">"No queued or running job matches these filters."</span>
                                <button type="button" on:click=dismiss>"Close"</button>
                            </div>
                        }
                        .into_any(),
                        Ok(Some(n)) => view! {
                            <div class="confirm" role="group" aria-label="Confirm cancelling all matching jobs">
                                <span class="confirm-question">
                                    {format!("Cancel {n} queued or running {} matching these filters?", jobs_word(n as usize))}
                                </span>
                                <button type="button" class="danger" disabled=move || pending.get() on:click=confirm_matching>
                                    {format!("Yes, cancel {n} {}", jobs_word(n as usize))}
                                </button>
                                <button type="button" on:click=dismiss>"Keep them"</button>
                            </div>
                        }
                        .into_any(),
                        Ok(None) => ().into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any(),
    }
    };
    view! {
        <div class="bulk-bar" role="toolbar" aria-label="Bulk actions">
            <button type="button" disabled=move || n_selected() == 0 || pending.get()
                on:click=move |_| asking.set(Asking::Selected)>
                {move || format!("Cancel selected ({})", n_selected())}
            </button>
            <button type="button" disabled=move || pending.get() on:click=move |_| asking.set(Asking::Matching)>
                "Cancel all matching…"
            </button>
        </div>
        {question}
        {move || cancel_selected.value().get().map(outcome_view)}
        {move || cancel_matching.value().get().map(outcome_view)}
    }
}

/// What a bulk cancel did, or why it failed.
fn outcome_view(result: Result<BulkCancelDone, AppError>) -> AnyView {
    match result {
        Ok(done) => view! {
            <p class="notice notice-ok" role="status">
                {outcome_text(&done)} " Recorded as job "
                <a href=format!("/jobs/{}", done.parent_id)>{short_id(&done.parent_id)}</a> "."
            </p>
        }
        .into_any(),
        Err(error) => view! { <ErrorNotice error/> }.into_any(),
    }
}

fn jobs_word(n: usize) -> &'static str {
    if n == 1 { "job" } else { "jobs" }
}

/// "Cancelled 3 jobs; 1 running job is stopping; 2 had already finished."
fn outcome_text(d: &BulkCancelDone) -> String {
    let mut parts = vec![format!(
        "Cancelled {} {}",
        d.cancelled,
        jobs_word(d.cancelled as usize)
    )];
    if d.cancelling > 0 {
        parts.push(format!(
            "{} running {} stopping",
            d.cancelling,
            if d.cancelling == 1 {
                "job is"
            } else {
                "jobs are"
            }
        ));
    }
    if d.skipped > 0 {
        parts.push(format!("{} had already finished", d.skipped));
    }
    if d.left > 0 {
        parts.push(format!(
            "{} more matched and were left (limit per request)",
            d.left
        ));
    }
    format!("{}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_text_names_every_non_zero_part() {
        let d = BulkCancelDone {
            parent_id: "p".into(),
            cancelled: 3,
            cancelling: 1,
            skipped: 2,
            left: 0,
        };
        assert_eq!(
            outcome_text(&d),
            "Cancelled 3 jobs; 1 running job is stopping; 2 had already finished."
        );
        let one = BulkCancelDone {
            cancelled: 1,
            cancelling: 0,
            skipped: 0,
            ..d
        };
        assert_eq!(outcome_text(&one), "Cancelled 1 job.");
    }
}
