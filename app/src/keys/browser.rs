//! The key handling in the browser (see `crate::keys` for the shortcuts): one `keydown`
//! listener on the document, DOM calls only (no reactive code), so that it stays small. It is
//! fetched on the first key press (`super::first_key`).

use std::cell::RefCell;

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use super::confirm::{self, cancel_button, confirm_button};
use super::focus::{self, dialog_open, show_dialog, typing};
use super::follow::go;
use super::palette_field::{ask_palette, open_palette, palette_key};
use super::reason;

/// What the keys remember on this page (a page change is a full load, which starts afresh).
/// A thread-local because the listeners are browser callbacks with no owner to hang it on;
/// the browser runs them on one thread.
#[derive(Default)]
struct State {
    /// `g` was pressed: the next key is a page's letter.
    pending_g: bool,
    /// The selected row: its first link's `href` (a live update re-renders the row, so the
    /// element itself does not last), or its position for a row without a link.
    selected: Option<(String, usize)>,
    /// The element marked as selected, to notice when an update replaced it.
    marked: Option<Element>,
    /// The element the keys last focused: a live update may replace it while its row stays
    /// (a row is rebuilt in place, but a cancel confirmation inside it is drawn afresh), which
    /// drops the focus.
    focused: Option<HtmlElement>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
}

/// Installs the shortcuts on a signed-in page (one that has the help dialog); `first` is the
/// element the key that loaded them was pressed in.
pub(crate) fn start(first: Option<Element>) {
    let doc = document();
    if doc.get_element_by_id("keys-help").is_none() {
        return;
    }
    listen(doc.as_ref(), "keydown", |ev| {
        if let Ok(ev) = ev.dyn_into::<KeyboardEvent>() {
            key_down(&ev, false);
        }
    });
    if let Some(input) = doc.get_element_by_id("palette-input") {
        listen(&input, "input", |_| ask_palette());
    }
    if let Some(list) = doc.get_element_by_id("palette-list") {
        listen(&list, "click", |ev| {
            let option = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
            if let Some(href) = option.and_then(|o| o.closest("[data-href]").ok().flatten()) {
                go(href.get_attribute("data-href"));
            }
        });
    }
    // A live update that re-renders the selected row: mark its new element.
    let observer = Closure::<dyn Fn()>::new(remark);
    if let (Ok(obs), Some(body)) = (
        web_sys::MutationObserver::new(observer.as_ref().unchecked_ref()),
        doc.body(),
    ) {
        let options = web_sys::MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        let _ = obs.observe_with_options(&body, &options);
    }
    observer.forget();
    // A cancel reason being typed keeps the focus through a refresh (see `reason`).
    reason::start(first);
    listen(doc.as_ref(), "focusin", reason::focus_in);
    listen(doc.as_ref(), "focusout", reason::focus_out);
}

/// Adds a listener for the page's lifetime.
fn listen(target: &web_sys::EventTarget, event: &str, f: impl Fn(web_sys::Event) + 'static) {
    let f = Closure::<dyn Fn(web_sys::Event)>::new(f);
    let _ = target.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    f.forget();
}

/// Handles a key pressed before this module had loaded (`super::first_key` queued it, and
/// stopped its default when it had to, so that is no sign of another handler having it).
pub(super) fn replay(ev: &KeyboardEvent) {
    key_down(ev, true);
}

fn key_down(ev: &KeyboardEvent, replayed: bool) {
    let key = ev.key();
    if key != "Enter" && key != "c" {
        confirm::give_up();
    }
    let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
    if !replayed {
        // A key typed outside a reason field: the user is no longer typing one.
        reason::note(target.clone());
    }
    if focus::palette_key(ev) {
        ev.prevent_default();
        open_palette();
        return;
    }
    if target.as_ref().is_some_and(|t| t.id() == "palette-input") {
        palette_key(ev, &key);
        return;
    }
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || (ev.default_prevented() && !replayed) {
        return;
    }
    if target.as_ref().is_some_and(typing) || dialog_open() {
        return;
    }
    let pending_g = STATE.with_borrow_mut(|s| std::mem::take(&mut s.pending_g));
    if pending_g {
        if let Some(path) = super::page_for(&key) {
            ev.prevent_default();
            go(Some(path.to_owned()));
        } else {
            say("");
        }
        return;
    }
    let handled = match key.as_str() {
        "j" => select(1),
        "k" => select(-1),
        // Held once, while the confirmation `c` asked for is not drawn yet.
        "Enter" if confirm::hold_enter() => true,
        "Enter" if !target.as_ref().is_some_and(acts_on_enter) => open_selected(),
        "/" => focus_filter(),
        "c" => cancel(),
        "g" => {
            STATE.with_borrow_mut(|s| s.pending_g = true);
            say("g: now a page's letter (? lists them)");
            true
        }
        "?" => show_dialog("keys-help"),
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}

/// Whether `Enter` on `el` does something of its own (follows a link, presses a button).
fn acts_on_enter(el: &Element) -> bool {
    matches!(el.tag_name().as_str(), "A" | "BUTTON" | "SUMMARY")
}

/// The rows of the page's tables, in document order.
fn rows() -> Vec<Element> {
    let Ok(list) = document().query_selector_all("main table tbody tr") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// A row's first link.
fn link(row: &Element) -> Option<HtmlElement> {
    row.query_selector("a[href]").ok()??.dyn_into().ok()
}

fn href(row: &Element) -> String {
    link(row)
        .and_then(|a| a.get_attribute("href"))
        .unwrap_or_default()
}

/// The selected row's position among `rows`.
fn selected_index(rows: &[Element]) -> Option<usize> {
    let (href_sel, at) = STATE.with_borrow(|s| s.selected.clone())?;
    if href_sel.is_empty() {
        return (at < rows.len()).then_some(at);
    }
    rows.iter().position(|r| href(r) == href_sel)
}

/// `j` (`by` 1) or `k` (-1): selects the next or previous row (the first or last when none
/// is selected yet).
fn select(by: isize) -> bool {
    let rows = rows();
    if rows.is_empty() {
        return false;
    }
    let last = rows.len() - 1;
    let at = match selected_index(&rows) {
        None if by > 0 => 0,
        None => last,
        Some(i) => i.saturating_add_signed(by).min(last),
    };
    STATE.with_borrow_mut(|s| s.selected = Some((href(&rows[at]), at)));
    mark(&rows[at], true);
    true
}

/// Shows `row` as the selected one and, with `focus`, focuses its link (which scrolls it
/// into view when needed), its open cancel confirmation, or the row itself.
fn mark(row: &Element, focus: bool) {
    if let Ok(old) = document().query_selector_all("tr.kb-selected") {
        for el in (0..old.length()).filter_map(|i| old.item(i)?.dyn_into::<Element>().ok()) {
            let _ = el.class_list().remove_1("kb-selected");
            let _ = el.remove_attribute("aria-current");
        }
    }
    let _ = row.class_list().add_1("kb-selected");
    let _ = row.set_attribute("aria-current", "true");
    STATE.with_borrow_mut(|s| s.marked = Some(row.clone()));
    if !focus {
        return;
    }
    if let Some(yes) = confirm_button(row) {
        give_focus(&yes);
        return;
    }
    if let Some(el) = link(row).or_else(|| row.clone().dyn_into().ok()) {
        if !el.has_attribute("href") && !el.has_attribute("type") {
            let _ = el.set_attribute("tabindex", "-1");
        }
        give_focus(&el);
    }
}

/// Focuses `el` and remembers it ([`State::focused`]).
fn give_focus(el: &HtmlElement) -> bool {
    STATE.with_borrow_mut(|s| s.focused = Some(el.clone()));
    el.focus().is_ok()
}

/// After a change to the page: when the marked element no longer holds the selected row (a
/// refresh replaced it, or rebuilt it in place with another job: a new job on top moves every
/// row down), marks the selected row again. When the focus went with it — the focused element
/// was removed (the row, or only the confirmation inside it: a row is rebuilt in place, its
/// confirmation drawn afresh), or it stayed in a row that now shows another job — gives it
/// back to the selected row (its confirming button, else its link) or to a job page's redrawn
/// confirmation. When the replaced row showed a confirmation, its confirming button gets the
/// focus as soon as it is drawn (a refresh may draw the row first and its confirmation a render
/// later). Also focuses a confirmation `c` asked for once it is drawn.
fn remark() {
    reason::refocus();
    let (marked, focused) = STATE.with_borrow(|s| (s.marked.clone(), s.focused.clone()));
    let rows = rows();
    let row = selected_index(&rows).map(|i| rows[i].clone());
    let moved = marked
        .as_ref()
        .is_some_and(|m| !m.is_connected() || row.as_ref().is_some_and(|r| r != m));
    let lost = match document()
        .active_element()
        .filter(|a| a.tag_name() != "BODY")
    {
        None => moved || focused.as_ref().is_some_and(|f| !f.is_connected()),
        Some(a) => moved && marked.as_ref().is_some_and(|m| m.contains(Some(&a))),
    };
    let wait = lost
        && marked
            .as_ref()
            .is_some_and(|m| !m.is_connected() && confirm_button(m).is_some());
    if lost {
        // Handled once: what is focused next is remembered afresh.
        STATE.with_borrow_mut(|s| s.focused = None);
        if wait {
            confirm::wait_for_it();
        }
    }
    match &row {
        Some(r) if moved || lost => mark(r, lost && !wait),
        Some(_) => {}
        None if lost && !wait => {
            if let Some(yes) = cancel_scopes().iter().find_map(confirm_button) {
                give_focus(&yes);
            }
        }
        None => {}
    }
    focus_confirm_when_drawn();
}

/// Focuses the confirmation `c` waits for, once drawn (see [`confirm::drawn`]).
fn focus_confirm_when_drawn() {
    if let Some(yes) = confirm::drawn(&cancel_scopes()) {
        give_focus(&yes);
    }
}

fn open_selected() -> bool {
    let rows = rows();
    let Some(i) = selected_index(&rows) else {
        return false;
    };
    match link(&rows[i]) {
        Some(a) => {
            a.click();
            true
        }
        None => false,
    }
}

/// `/`: the page's filter, its search box first.
fn focus_filter() -> bool {
    if focus::filter() {
        return true;
    }
    say("This page has no filter.");
    false
}

/// Where `c` looks for a Cancel button: the selected row, then a job page's actions (a row of
/// its result tables is no job).
fn cancel_scopes() -> Vec<Element> {
    let rows = rows();
    let row = selected_index(&rows).map(|i| rows[i].clone());
    let page = document().query_selector(".job-actions").ok().flatten();
    row.into_iter().chain(page).collect()
}

/// `c`: opens the job's cancel confirmation and focuses its confirming button, never
/// cancelling by itself. A role that may not cancel is told so (the page shows it no Cancel
/// button either).
fn cancel() -> bool {
    let role = document()
        .query_selector("[data-role]")
        .ok()
        .flatten()
        .and_then(|f| f.get_attribute("data-role"))
        .unwrap_or_default();
    if role == "viewer" {
        say("Your role in this project is viewer: cancelling needs the operator or admin role.");
        return true;
    }
    let scopes = cancel_scopes();
    if scopes.is_empty() {
        say("Select a job first (j / k).");
        return true;
    }
    if let Some(yes) = scopes.iter().find_map(confirm_button) {
        return give_focus(&yes);
    }
    let Some(button) = scopes.iter().find_map(cancel_button) else {
        say("This job cannot be cancelled.");
        return true;
    };
    if button.has_attribute("disabled") {
        say("A cancel is on its way; try again in a moment.");
        return true;
    }
    button.click();
    // The confirmation replaces the button on a later render, and a live update may redraw
    // the row before that: its confirming button gets the focus once drawn, in whichever
    // element the row is by then (`remark` runs after every change to the page).
    confirm::wait_for_it();
    focus_confirm_when_drawn();
    true
}

/// Puts `text` in the page's status line for the keys (read out by screen readers).
fn say(text: &str) {
    if let Some(status) = document().get_element_by_id("keys-status") {
        status.set_text_content(Some(text));
    }
}
