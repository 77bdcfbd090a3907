//! The job's state, progress, times, failure and how each API surface reports it.

use api::console::JobDetail;
use leptos::prelude::*;

use crate::components::{ProgressBar, StateBadge, StateTimeline};
use crate::format::{job_duration, short_time};

/// A definition list of everything known about the job.
#[component]
pub(crate) fn JobFacts(
    /// The job.
    detail: JobDetail,
    /// Server clock (Unix ms) for the duration of a running job.
    now_ms: i64,
) -> impl IntoView {
    let s = detail.summary;
    let time = |t: Option<String>| match t {
        Some(t) => view! { <time datetime=t.clone()>{short_time(&t)}</time> }.into_any(),
        None => "—".into_any(),
    };
    let duration = job_duration(s.started_at.as_deref(), s.ended_at.as_deref(), now_ms)
        .unwrap_or_else(|| "—".into());
    let kind = match s.algorithm {
        Some(name) => format!("{} · {name}", s.job_type),
        None => s.job_type,
    };
    let failure = detail.fail_reason.map(|reason| {
        let code = detail.error_code.map(|c| view! { " " <code>{c}</code> });
        view! {
            <dt>"Failure"</dt>
            <dd class="failure">{reason}{code}</dd>
        }
    });
    let cancelled_by = detail.cancel_actor.map(|actor| {
        let reason = detail
            .cancel_reason
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        view! {
            <dt>"Cancelled by"</dt>
            <dd>{actor}{reason}</dd>
        }
    });
    let eta = crate::components::is_active(&s.state).then(|| {
        let text = detail
            .eta
            .as_deref()
            .map_or_else(|| "unknown".to_string(), short_time);
        view! { <dt>"Expected end"</dt> <dd>{text}</dd> }
    });
    let counters = (!detail.counters.is_empty()).then(|| {
        let text = detail
            .counters
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect::<Vec<_>>()
            .join(" · ");
        view! { <dt>"Counters"</dt> <dd>{text}</dd> }
    });
    let timeline = view! {
        <StateTimeline
            created_at=s.created_at.clone()
            started_at=s.started_at.clone()
            ended_at=s.ended_at.clone()
            state=s.state.clone()
            now_ms
        />
    };
    let renderings = detail
        .renderings
        .into_iter()
        .map(|(surface, word)| view! { <li>{surface} ": " <code>{word}</code></li> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="facts-heading">
            <h2 id="facts-heading" class="visually-hidden">"Status"</h2>
            {timeline}
            <dl class="facts">
                <dt>"State"</dt>
                <dd><span role="status" aria-label="Job state"><StateBadge state=s.state/></span></dd>
                <dt>"Progress"</dt>
                <dd><ProgressBar progress=s.progress/></dd>
                {eta}
                {counters}
                <dt>"Type"</dt>
                <dd>{kind}</dd>
                <dt>"Graph"</dt>
                <dd>{s.graph}</dd>
                <dt>"Graph version"</dt>
                <dd>
                    {detail.graph_version.map_or_else(|| "—".to_string(), |v| v.to_string())}
                    {(detail.stale == Some(true)).then(|| view! {
                        <strong class="stale" role="note">
                            " — stale: the graph has changed since this job read it"
                        </strong>
                    })}
                </dd>
                <dt>"Submitted"</dt>
                <dd>{time(Some(s.created_at))}</dd>
                <dt>"Started"</dt>
                <dd>{time(s.started_at)}</dd>
                <dt>"Ended"</dt>
                <dd>{time(s.ended_at)}</dd>
                <dt>"Duration"</dt>
                <dd>{duration}</dd>
                {failure}
                {cancelled_by}
                <dt>"Reported by the APIs as"</dt>
                <dd><ul class="renderings">{renderings}</ul></dd>
            </dl>
        </section>
    }
    .into_any()
}
