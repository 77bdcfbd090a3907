//! A job's life as a picture: one bar from submission to the end (or now), split into the
//! time it waited in the queue and the time it ran, each part as wide as its share, with the
//! times under it. The figure has a text equivalent for screen readers.

use leptos::prelude::*;

use crate::format::{duration, parse_rfc3339_ms};

/// One stretch of the bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stretch {
    /// `Queued` or `Running`.
    pub(crate) name: &'static str,
    /// Its length.
    pub(crate) ms: i64,
    /// CSS class (the state colours).
    pub(crate) class: &'static str,
    /// Still going on.
    pub(crate) ongoing: bool,
}

/// The stretches of a job's life: queued from `created` to `started` (or to its end when it
/// never started, or to `now` while it waits), then running to `ended` (or to `now`).
pub(crate) fn stretches(
    created: &str,
    started: Option<&str>,
    ended: Option<&str>,
    now_ms: i64,
) -> Vec<Stretch> {
    let Some(created) = parse_rfc3339_ms(created) else {
        return Vec::new();
    };
    let started = started.and_then(parse_rfc3339_ms);
    let ended = ended.and_then(parse_rfc3339_ms);
    let queue_end = started.or(ended);
    let mut out = vec![Stretch {
        name: "Queued",
        ms: (queue_end.unwrap_or(now_ms) - created).max(0),
        class: "stretch-queued",
        ongoing: queue_end.is_none(),
    }];
    if let Some(s) = started {
        out.push(Stretch {
            name: "Running",
            ms: (ended.unwrap_or(now_ms) - s).max(0),
            class: "stretch-running",
            ongoing: ended.is_none(),
        });
    }
    out
}

/// Each stretch's share of the bar in percent, at least 3 so a short one stays visible.
pub(crate) fn widths(stretches: &[Stretch]) -> Vec<f64> {
    let total: i64 = stretches.iter().map(|s| s.ms).sum();
    if total <= 0 {
        return vec![100.0 / stretches.len().max(1) as f64; stretches.len()];
    }
    let raw: Vec<f64> = stretches
        .iter()
        .map(|s| (s.ms as f64 / total as f64 * 100.0).max(3.0))
        .collect();
    let sum: f64 = raw.iter().sum();
    raw.iter().map(|w| w / sum * 100.0).collect()
}

/// The timeline of one job.
#[component]
pub(crate) fn StateTimeline(
    /// Submission time (RFC 3339).
    created_at: String,
    /// Start, if it started.
    started_at: Option<String>,
    /// End, if it ended.
    ended_at: Option<String>,
    /// Its state word (how it ended).
    state: String,
    /// Server clock, Unix ms.
    now_ms: i64,
) -> impl IntoView {
    let parts = stretches(
        &created_at,
        started_at.as_deref(),
        ended_at.as_deref(),
        now_ms,
    );
    let shares = widths(&parts);
    let ended = ended_at.is_some();
    let mut words: Vec<String> = parts
        .iter()
        .map(|s| {
            let so_far = if s.ongoing { " so far" } else { "" };
            format!("{} {}{so_far}", s.name.to_lowercase(), duration(s.ms))
        })
        .collect();
    if ended {
        words.push(format!("then {state}"));
    }
    let summary = format!("Timeline: {}", words.join(", "));
    let bars = parts
        .iter()
        .zip(&shares)
        .map(|(s, w)| {
            let class = format!("stretch {}{}", s.class, if s.ongoing { " ongoing" } else { "" });
            view! {
                <div class=class style=format!("width: {w:.2}%") title=format!("{} {}", s.name, duration(s.ms))>
                    <span class="stretch-label">{format!("{} {}", s.name, duration(s.ms))}</span>
                </div>
            }
        })
        .collect_view();
    let end = if ended { state } else { "now".to_string() };
    view! {
        <figure class="timeline" role="img" aria-label=summary>
            <div class="timeline-bar" aria-hidden="true">{bars}</div>
            <figcaption class="timeline-ends muted" aria-hidden="true">
                <span>"submitted"</span>
                <span>{end}</span>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: &str = "2026-11-22T07:15:00Z";
    const T1: &str = "2026-11-22T07:15:02Z";
    const T2: &str = "2026-11-22T07:15:10Z";

    fn ms(s: &str) -> i64 {
        parse_rfc3339_ms(s).unwrap()
    }

    #[test]
    fn a_finished_job_waited_then_ran() {
        let s = stretches(T0, Some(T1), Some(T2), ms(T2) + 99_000);
        assert_eq!(
            s.iter()
                .map(|s| (s.name, s.ms, s.ongoing))
                .collect::<Vec<_>>(),
            [("Queued", 2_000, false), ("Running", 8_000, false)]
        );
        let w = widths(&s);
        assert!(
            (w[0] - 20.0).abs() < 1e-9 && (w[1] - 80.0).abs() < 1e-9,
            "{w:?}"
        );
    }

    #[test]
    fn a_waiting_job_and_one_cancelled_in_the_queue() {
        let waiting = stretches(T0, None, None, ms(T1));
        assert_eq!(waiting.len(), 1);
        assert_eq!((waiting[0].ms, waiting[0].ongoing), (2_000, true));
        let cancelled = stretches(T0, None, Some(T2), ms(T2) + 5);
        assert_eq!((cancelled[0].ms, cancelled[0].ongoing), (10_000, false));
        let running = stretches(T0, Some(T1), None, ms(T2));
        assert!(running[1].ongoing && running[1].ms == 8_000);
    }

    #[test]
    fn short_stretches_stay_visible_and_shares_sum_to_100() {
        let s = stretches(T0, Some("2026-11-22T07:15:00.010Z"), Some(T2), 0);
        let w = widths(&s);
        assert!(w[0] >= 2.9, "{w:?}");
        assert!((w.iter().sum::<f64>() - 100.0).abs() < 1e-9);
        assert!(stretches("garbage", None, None, 0).is_empty());
        assert_eq!(widths(&stretches(T0, Some(T0), Some(T0), 0)), [50.0, 50.0]);
    }
}
