//! Live pages, in the browser only (nothing here runs during SSR).
//!
//! - [`use_job_updates`]: job pages. The server pushes the id of every job that changes
//!   (`/console/events`, Server-Sent Events, see `crate::event_stream`); a page counts the
//!   changes it cares about in a tick signal that it puts into its resource's key, so each
//!   change refetches and `<Transition>` keeps the current view until the new data is there.
//!   Bursts (progress of many running jobs) are coalesced into one refetch per
//!   [`COALESCE`]. While the stream is down the page polls every [`INTERVAL`] instead and
//!   `components::LiveStatus` says so; the browser reconnects by itself. Every (re)connect
//!   refetches once, so a change made before the stream was open is never missed.
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

/// The browser's `EventSource`, closed when the page goes away.
///
/// Raw `web-sys`, not `gloo-net`'s `EventSource` (issue 20 asked for it): gloo-net 0.6's
/// subscription drops every `error` event fired while the source is `CONNECTING`, which is
/// exactly the browser's automatic reconnect after a dropped stream, so the live indicator
/// could not say "reconnecting" until the browser gave up for good. This stream is the only
/// HTTP the console speaks itself (everything else goes through server functions), so there is
/// nothing else gloo-net would replace.
#[cfg(feature = "hydrate")]
mod stream {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{EventSource, MessageEvent};

    /// Opens the stream; `on_job` gets each changed job's id (`""` for "refetch everything").
    pub(super) fn open(
        on_open: impl Fn() + 'static,
        on_job: impl Fn(String) + 'static,
        on_error: impl Fn() + 'static,
    ) {
        let Ok(source) = EventSource::new(super::STREAM_URL) else {
            on_error();
            return;
        };
        let opened = Closure::<dyn Fn()>::new(on_open);
        let failed = Closure::<dyn Fn()>::new(on_error);
        let message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
            on_job(ev.data().as_string().unwrap_or_default());
        });
        source.set_onopen(Some(opened.as_ref().unchecked_ref()));
        source.set_onerror(Some(failed.as_ref().unchecked_ref()));
        for name in ["job", "resync"] {
            let _ = source.add_event_listener_with_callback(name, message.as_ref().unchecked_ref());
        }
        let held = StoredValue::new_local(Some((source, opened, failed, message)));
        on_cleanup(move || {
            if let Some(Some((source, ..))) = held.try_update_value(Option::take) {
                source.close();
            }
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
