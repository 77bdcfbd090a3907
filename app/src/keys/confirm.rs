//! The cancel confirmation `c` waits for: its buttons in the page, and whether its confirming
//! button still waits to get the focus once drawn (`super::browser` asks after every change to
//! the page). Its own state, apart from the row selection's: any key but `Enter` and `c` gives
//! up on it.

use std::cell::Cell;

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

thread_local! {
    /// The confirmation was asked for (`c`) or was open in a row a refresh replaced, and its
    /// confirming button is not drawn yet: it gets the focus once drawn, unless the focus has
    /// gone elsewhere by then.
    static AWAITED: Cell<bool> = const { Cell::new(false) };
    /// An `Enter` was held back while [`AWAITED`] (one only: a second one acts as usual, so a
    /// confirmation that never comes cannot eat every `Enter`).
    static ENTER_HELD: Cell<bool> = const { Cell::new(false) };
}

/// Waits for the confirmation's confirming button to be drawn.
pub(super) fn wait_for_it() {
    AWAITED.set(true);
}

/// Stops waiting (another key, or the job offers no Cancel any more).
pub(super) fn give_up() {
    AWAITED.set(false);
    ENTER_HELD.set(false);
}

/// Holds back an `Enter` pressed while the confirmation is awaited (the first one only).
pub(super) fn hold_enter() -> bool {
    let hold = AWAITED.get() && !ENTER_HELD.get();
    ENTER_HELD.set(ENTER_HELD.get() || hold);
    hold
}

/// The awaited confirming button, when it is drawn in one of `scopes` and the focus is still
/// nowhere or in that scope: the caller focuses it. Gives up when drawn (whoever gets the
/// focus) and when no scope offers a Cancel any more.
pub(super) fn drawn(scopes: &[Element]) -> Option<HtmlElement> {
    if !AWAITED.get() {
        return None;
    }
    let Some((scope, yes)) = scopes
        .iter()
        .find_map(|scope| Some((scope, confirm_button(scope)?)))
    else {
        if !scopes.iter().any(|s| cancel_button(s).is_some()) {
            give_up();
        }
        return None;
    };
    give_up();
    document()
        .active_element()
        .is_none_or(|a| a.tag_name() == "BODY" || scope.contains(Some(&*a)))
        .then_some(yes)
}

/// The Cancel button (`c`'s) in `scope`.
pub(super) fn cancel_button(scope: &Element) -> Option<HtmlElement> {
    scope
        .query_selector("button[aria-keyshortcuts=c]")
        .ok()??
        .dyn_into()
        .ok()
}

/// The open confirmation's confirming button in `scope`.
pub(super) fn confirm_button(scope: &Element) -> Option<HtmlElement> {
    scope
        .query_selector(".confirm button.danger")
        .ok()??
        .dyn_into()
        .ok()
}
