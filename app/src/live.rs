//! Live pages: a counter that ticks once a second, in the browser only, while something on the
//! page can still change. Pages put it into their resource's key, so each tick refetches, and
//! `<Transition>` keeps the current view on screen until the new data is there.

use std::time::Duration;

use leptos::prelude::*;

/// How often a live page refetches.
const INTERVAL: Duration = Duration::from_secs(1);

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
