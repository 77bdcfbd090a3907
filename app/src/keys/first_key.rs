//! Loading the key handling on the first key press.
//!
//! The key handling ([`super::browser`]) is a split point of its own (`#[lazy]`), fetched
//! when the first key is pressed on a page, not with the page: a page's first visit carries
//! only this listener and [`super::focus`]. Measured (`bench/figures.py`, gzip): out of the
//! main module, every area's first visit is about 2 KB smaller (`/jobs` 306,802 → 304,765).
//!
//! No key is lost while the module loads. The two keys that move the focus are handled here at
//! once ([`super::focus`]): `/` focuses the filter and `Ctrl+K`/`⌘K` opens the palette, so
//! what is typed next lands in that field as it would with the module loaded (the palette's
//! matches come once it has). A cancel reason being typed that a live update drew afresh
//! meanwhile takes the focus back at the next key, which then lands in it
//! ([`super::focus::reason_back`]). Every other key pressed until then that the key handling
//! would not ignore anyway is queued and replayed, in order, once the module has loaded; from
//! then on its own listener takes the keys and this one steps aside. A replayed key cannot stop
//! its browser default any more, so `?` (Firefox's quick find) has it stopped here, outside
//! fields.

use std::cell::RefCell;

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, KeyboardEvent};

/// Where loading the key handling is.
#[derive(Default)]
enum Loading {
    /// No key pressed yet.
    #[default]
    NotStarted,
    /// Fetching; keys pressed meanwhile wait here.
    Fetching(Vec<KeyboardEvent>),
    /// Loaded: its own listener takes the keys.
    Done,
}

thread_local! {
    static LOADING: RefCell<Loading> = RefCell::default();
    /// The element the first key was pressed in, handed to the key handling when it starts: a
    /// live update may have replaced it, and taken the focus with it, while the key handling
    /// loaded, and a cancel reason being typed there gets the focus back (`super::reason`).
    static FIRST_TARGET: RefCell<Option<Element>> = RefCell::default();
}

/// Listens for the first key on a signed-in page (one that has the help dialog).
pub(crate) fn start() {
    let doc = document();
    if doc.get_element_by_id("keys-help").is_none() {
        return;
    }
    let f = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        if let Ok(ev) = ev.dyn_into::<KeyboardEvent>() {
            key_down(ev);
        }
    });
    let _ = doc.add_event_listener_with_callback("keydown", f.as_ref().unchecked_ref());
    f.forget();
}

fn key_down(ev: KeyboardEvent) {
    let first = LOADING.with_borrow_mut(|loading| match loading {
        Loading::Done => None,
        Loading::Fetching(_) => Some(false),
        Loading::NotStarted => {
            *loading = Loading::Fetching(Vec::new());
            Some(true)
        }
    });
    let Some(first) = first else {
        return;
    };
    if first {
        FIRST_TARGET.set(ev.target().and_then(|t| t.dyn_into().ok()));
    }
    if handled_now(&ev) || ignored(&ev) || reason_back(&ev) {
        return start_loading(first);
    }
    if ev.key() == "?" && !in_field(&ev) {
        ev.prevent_default();
    }
    LOADING.with_borrow_mut(|loading| {
        if let Loading::Fetching(queue) = loading {
            queue.push(ev.clone());
        }
    });
    start_loading(first);
}

/// Fetches the key handling, on the first key.
fn start_loading(first: bool) {
    if first {
        leptos::task::spawn_local(async {
            loaded().await;
        });
    }
}

/// Whether the key handling would leave `ev` alone (the same tests its listener makes first):
/// a key held with Ctrl, Alt or ⌘, one typed in a field other than the palette's, or one
/// another handler on the page already had.
fn ignored(ev: &KeyboardEvent) -> bool {
    let in_palette = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|t| t.id() == "palette-input");
    ev.default_prevented() || modified(ev) || (in_field(ev) && !in_palette)
}

/// Handles `ev` at once if it moves the focus: `Ctrl+K`/`⌘K` anywhere, and `/` outside fields
/// and dialogs when no key waits before it (a waiting key, such as a `g` whose letter `/`
/// would be, must be handled first; then `/` waits its turn too).
fn handled_now(ev: &KeyboardEvent) -> bool {
    let key = ev.key();
    if super::focus::palette_key(ev) {
        ev.prevent_default();
        // Keys queued before it are replayed with the palette open, which the key handling
        // leaves alone (a dialog is open).
        return super::focus::open_palette();
    }
    let waiting =
        LOADING.with_borrow(|loading| matches!(loading, Loading::Fetching(q) if !q.is_empty()));
    if key != "/"
        || modified(ev)
        || in_field(ev)
        || ev.default_prevented()
        || waiting
        || super::focus::dialog_open()
    {
        return false;
    }
    let focused = super::focus::filter();
    if focused {
        ev.prevent_default();
    }
    focused
}

/// Whether `ev` lands in a cancel reason after all: the first key was typed in one, a live
/// update has drawn it afresh since, while the key handling loads, and the focus went to the
/// page with the old field. The fresh field takes the focus back, and the browser types the key
/// there instead of on the page (where it would wait as a shortcut).
fn reason_back(ev: &KeyboardEvent) -> bool {
    !in_field(ev)
        && FIRST_TARGET
            .with_borrow(Clone::clone)
            .is_some_and(|first| super::focus::reason_back(&first))
}

fn modified(ev: &KeyboardEvent) -> bool {
    ev.ctrl_key() || ev.meta_key() || ev.alt_key()
}

fn in_field(ev: &KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|t| super::focus::typing(&t))
}

/// The key handling, fetched as a split point of its own: installs it and hands it the keys
/// pressed while it loaded.
#[leptos::lazy]
fn loaded() {
    super::browser::start(FIRST_TARGET.take());
    let queue =
        LOADING.with_borrow_mut(|loading| match std::mem::replace(loading, Loading::Done) {
            Loading::Fetching(queue) => queue,
            _ => Vec::new(),
        });
    for ev in queue {
        super::browser::replay(&ev);
    }
    if super::focus::palette_input().is_some_and(|_| super::focus::dialog_open()) {
        super::palette_field::ask_palette();
    }
}
