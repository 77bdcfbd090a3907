//! One row of the jobs table.

use std::collections::BTreeSet;

use api::console::{JobSummary, Role};
use leptos::prelude::*;

use crate::components::{ProgressBar, StateBadge};
use crate::format::{job_duration, short_id, short_time};
use crate::pages::jobs::api::CancelJob;
use crate::pages::jobs::cancel_control::{CancelControl, Confirming};

/// A job as a table row: id link, type, graph, state, progress, start, duration, actions.
#[component]
pub(crate) fn JobRow(
    /// The job.
    job: JobSummary,
    /// Server clock (Unix ms) for the duration of running jobs.
    now_ms: i64,
    /// The signed-in token's role: the row offers cancelling only to a role that may.
    role: Role,
    /// Which job's cancel confirmation is open.
    confirming: Confirming,
    /// The page's cancel action.
    cancel: ServerAction<CancelJob>,
    /// Ids of the rows ticked for a bulk cancel.
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let cancellable = job.can_cancel && role.may_operate();
    let select = cancellable.then(|| {
        let id = job.id.clone();
        let checked = {
            let id = id.clone();
            move || selected.with(|s| s.contains(&id))
        };
        let label = format!("Select job {}", short_id(&id));
        let toggle = move |ev| {
            let on = event_target_checked(&ev);
            selected.update(|s| {
                if on {
                    s.insert(id.clone());
                } else {
                    s.remove(&id);
                }
            });
        };
        view! { <input type="checkbox" aria-label=label prop:checked=checked on:change=toggle/> }
    });
    let duration = job_duration(job.started_at.as_deref(), job.ended_at.as_deref(), now_ms);
    let started = match job.started_at.clone() {
        Some(t) => view! { <time datetime=t.clone()>{short_time(&t)}</time> }.into_any(),
        None => "—".into_any(),
    };
    let kind = match &job.algorithm {
        Some(name) => {
            view! { {job.job_type.clone()} " " <span class="algo">{name.clone()}</span> }.into_any()
        }
        None => view! { {job.job_type.clone()} }.into_any(),
    };
    let actions =
        cancellable.then(|| view! { <CancelControl id=job.id.clone() confirming cancel/> });
    view! {
        <tr>
            <td class="select">{select}</td>
            <td><a class="mono" href=format!("/jobs/{}", job.id) title=job.id.clone()>{short_id(&job.id)}</a></td>
            <td>{kind}</td>
            <td>{job.graph}</td>
            <td><StateBadge state=job.state/></td>
            <td><ProgressBar progress=job.progress/></td>
            <td>{started}</td>
            <td>{duration.unwrap_or_else(|| "—".into())}</td>
            <td class="actions">{actions}</td>
        </tr>
    }
    .into_any()
}
