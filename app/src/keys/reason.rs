//! A cancel reason being typed keeps the focus through a live refresh.
//!
//! A refresh that moves an open cancel confirmation (a new job on top of the jobs table draws
//! every row one lower, and the confirmation afresh in its job's new row) replaces its reason
//! field under the user. The text comes back (the page holds it), but the focus fell to the
//! page with the old field, so what was typed next went to the page, where its letters are
//! shortcuts. Here, after every change to the page (`super::browser` asks), a reason field
//! drawn afresh takes the focus back when the one that had it was removed with it.
//!
//! It lives with the key handling, not in the confirmation's component, to keep the pages'
//! first visits small: this module is fetched on the first key press, which typing a reason is.
//! Done in the component (a focus flag, an effect and a deferred blur check) it made the
//! `/jobs` page's first visit 3.5 KB (gzip) larger, over its budget.

use std::cell::RefCell;
use std::time::Duration;

use leptos::prelude::{document, set_timeout};
use wasm_bindgen::JsCast;
use web_sys::Element;

thread_local! {
    /// The reason field the focus is in, or was in when a change to the page removed it.
    static FOCUSED: RefCell<Option<Element>> = RefCell::default();
}

/// Starts from the element the key that loaded this module was typed into, else the one focused
/// now: a reason field, it may have been drawn afresh while this module loaded (then the new
/// one takes the focus at once). `super::browser` then hands over every focus change.
pub(super) fn start(first: Option<Element>) {
    note(first.or_else(|| document().active_element()));
    refocus();
}

/// `focusin`: the focus entered `ev`'s target.
pub(super) fn focus_in(ev: web_sys::Event) {
    note(target(&ev));
}

/// `focusout`: the focus is leaving `ev`'s target, for another element (whose `focusin`
/// follows) or for nowhere: the user clicked the page, or a redraw removed the field (some
/// browsers tell that too). Told apart once the change is over, and after [`refocus`] had its
/// turn: a field the user left is still in the page.
pub(super) fn focus_out(ev: web_sys::Event) {
    let Some(left) = target(&ev) else {
        return;
    };
    set_timeout(
        move || {
            if left.is_connected() {
                FOCUSED.with_borrow_mut(|f| f.take_if(|f| *f == left));
            }
        },
        Duration::ZERO,
    );
}

/// Remembers `el` when it is a reason field, and forgets the last one when not: the focus (or
/// a key, see `super::browser`) is elsewhere.
pub(super) fn note(el: Option<Element>) {
    FOCUSED.set(el.filter(|el| el.class_list().contains(super::focus::REASON)));
}

/// After a change to the page: when it removed the reason field that had the focus, and the
/// focus is nowhere, gives it to the reason field drawn afresh ([`super::focus::reason_back`];
/// its `focusin` remembers it).
pub(super) fn refocus() {
    if let Some(field) = FOCUSED.with_borrow(Clone::clone) {
        super::focus::reason_back(&field);
    }
}

fn target(ev: &web_sys::Event) -> Option<Element> {
    ev.target().and_then(|t| t.dyn_into().ok())
}
