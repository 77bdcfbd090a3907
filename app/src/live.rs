//! Live pages, in the browser only (nothing here runs during SSR).
//!
//! - [`use_job_updates`]: job pages. The server pushes the id of every job that changes
//!   (`/console/events`, Server-Sent Events, see `crate::event_stream`); a page counts the
//!   changes it cares about in a tick signal that it puts into its resource's key, so each
//!   change refetches and `<Transition>` keeps the current view until the new data is there.
//!   Bursts (progress of many running jobs) are coalesced into one refetch per
//!   [`COALESCE`]. While the stream is down the page polls every [`INTERVAL`] instead and
//!   `components::LiveStatus` says so; the browser reconnects by itself (see `stream`).
//!   Every (re)connect refetches once, so a change made before the stream was open is never
//!   missed.
//! - [`use_live_tick`]: polling only, for pages whose data has no change feed (visualization
//!   jobs live in their own table).

use std::time::Duration;

use leptos::prelude::*;

/// How often a page polls when it has no stream.
const INTERVAL: Duration = Duration::from_secs(1);
/// Changes arriving within this window cause one refetch.
const COALESCE: Duration = Duration::from_millis(200);
/// The stream's URL.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const STREAM_URL: &str = "/console/events";

/// How a page is kept up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LiveMode {
    /// Server rendering, or the stream is still connecting.
    Starting,
    /// Changes are pushed by the server.
    Pushed,
    /// The stream dropped: polling until it reconnects.
    Polling,
}

/// A page's refetch trigger and how it is fed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct JobUpdates {
    /// Advances on every relevant change (or poll).
    pub(crate) tick: ReadSignal<u64>,
    /// Pushed or polling.
    pub(crate) mode: ReadSignal<LiveMode>,
}

/// Keeps a job page live. `relevant` says whether a change of job `id` concerns the page;
/// `active` whether the page shows anything that can still change (polling only runs then).
pub(crate) fn use_job_updates(
    active: Signal<bool>,
    relevant: impl Fn(&str) -> bool + Send + Sync + 'static,
) -> JobUpdates {
    let (tick, set_tick) = signal(0u64);
    let (mode, set_mode) = signal(LiveMode::Starting);
    let pending = RwSignal::new(false);
    let bump = move || {
        set_tick.try_update(|t| *t += 1);
    };
    let bump_soon = move || {
        if pending.try_get_untracked() == Some(false) {
            pending.set(true);
            set_timeout(
                move || {
                    pending.try_set(false);
                    bump();
                },
                COALESCE,
            );
        }
    };
    let relevant = std::sync::Arc::new(relevant);
    Effect::new(move |_| {
        let relevant = relevant.clone();
        stream::open(
            move || {
                // Whatever changed before the stream was open (between the page's data being
                // read and now, or while it was down) was not pushed: refetch once. Without
                // this a job that finished during hydration stayed "running" on screen.
                set_mode.try_set(LiveMode::Pushed);
                bump_soon();
            },
            move |id| {
                if id.is_empty() || relevant(&id) {
                    bump_soon();
                }
            },
            move || {
                set_mode.try_set(LiveMode::Polling);
            },
        );
        let poll = move || {
            let pushed = mode.try_get_untracked() == Some(LiveMode::Pushed);
            if !pushed && active.try_get_untracked().unwrap_or(false) {
                bump();
            }
        };
        if let Ok(handle) = set_interval_with_handle(poll, INTERVAL) {
            on_cleanup(move || handle.clear());
        }
    });
    JobUpdates { tick, mode }
}

/// A tick counter that advances every [`INTERVAL`] while `live` is true. The interval is
/// started by an effect (so never on the server) and cleared when the page goes away.
pub(crate) fn use_live_tick(live: Signal<bool>) -> ReadSignal<u64> {
    let (tick, set_tick) = signal(0u64);
    Effect::new(move |_| {
        let advance = move || {
            if live.try_get_untracked().unwrap_or(false) {
                set_tick.try_update(|t| *t += 1);
            }
        };
        if let Ok(handle) = set_interval_with_handle(advance, INTERVAL) {
            on_cleanup(move || handle.clear());
        }
    });
    tick
}

/// The browser's `EventSource` through `gloo-net`, closed when the page goes away.
///
/// gloo-net's subscriptions report an `error` event as `Err` only when the source is not
/// `CONNECTING`, i.e. once the browser has given up for good (or the source was closed); the
/// browser's automatic reconnect after a dropped stream fires `error` while `CONNECTING` and is
/// dropped. The live indicator must say "interrupted" at that moment, as it did with the raw
/// `web-sys` source. So besides `job` and `resync` the source is also subscribed to the event
/// types `open` and `error` themselves: a subscription forwards every event of its type, so the
/// `error` one yields each reconnect attempt at once, and `open` each (re)connect, which
/// refetches. (gloo types every subscribed event as a `MessageEvent`; `open` and `error` are
/// plain `Event`s, whose payload is never read.) Rejected: reading `EventSource::state()` on
/// the poll interval, which would say "interrupted" and refetch after a reconnect up to a
/// second late.
///
/// One task reads the merged subscriptions; it ends at the first `Err`, which gloo also sends
/// when it closes the source on drop (the page's cleanup drops it), so no task outlives its
/// page. This stream is the only HTTP the console speaks itself: everything else goes
/// through server functions, whose client is gloo-net's already.
#[cfg(feature = "hydrate")]
mod stream {
    use futures::StreamExt;
    use gloo_net::eventsource::futures::EventSource;
    use leptos::prelude::*;

    /// Opens the stream; `on_job` gets each changed job's id (`""` for "refetch everything").
    pub(super) fn open(
        on_open: impl Fn() + 'static,
        on_job: impl Fn(String) + 'static,
        on_error: impl Fn() + 'static,
    ) {
        let Ok(mut source) = EventSource::new(super::STREAM_URL) else {
            on_error();
            return;
        };
        let Ok(subscriptions) = ["open", "error", "job", "resync"]
            .into_iter()
            .map(|name| source.subscribe(name))
            .collect::<Result<Vec<_>, _>>()
        else {
            on_error();
            return;
        };
        let mut events = futures::stream::select_all(subscriptions);
        leptos::task::spawn_local(async move {
            while let Some(event) = events.next().await {
                match event {
                    Ok((kind, _)) if kind == "open" => on_open(),
                    Ok((kind, _)) if kind == "error" => on_error(),
                    Ok((_, message)) => on_job(message.data().as_string().unwrap_or_default()),
                    // Closed: the browser gave up, or the page went away.
                    Err(_) => {
                        on_error();
                        break;
                    }
                }
            }
        });
        // Dropping gloo's source closes it.
        let held = StoredValue::new_local(Some(source));
        on_cleanup(move || {
            held.try_update_value(Option::take);
        });
    }
}

/// Without wasm there is no stream: pages poll (and SSR never runs effects).
#[cfg(not(feature = "hydrate"))]
mod stream {
    pub(super) fn open(_: impl Fn() + 'static, _: impl Fn(String) + 'static, on_error: impl Fn()) {
        on_error();
    }
}
