//! The keys that move the focus, and the questions every key asks first. In the main module:
//! `super::first_key` needs them before the key handling has loaded, because the keys typed
//! after `/` or `Ctrl+K` must land in the field those keys focus, not wait in a queue.

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDialogElement, HtmlElement, HtmlInputElement};

/// `Ctrl+K` / `⌘K`: the palette's key.
pub(super) fn palette_key(ev: &web_sys::KeyboardEvent) -> bool {
    (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() && ev.key().eq_ignore_ascii_case("k")
}

/// Whether keys typed on `el` are text: a field, a select or editable content.
pub(super) fn typing(el: &Element) -> bool {
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el
            .dyn_ref::<HtmlElement>()
            .is_some_and(HtmlElement::is_content_editable)
}

/// When `field`, a cancel reason field (`crate::components::ConfirmButton`), was removed by a
/// change to the page and the focus is nowhere, gives the focus to the reason field drawn
/// afresh (once there is one); whether it did. The value was set before: the caret goes to the
/// end of what was typed. In the main module for `super::first_key`: keys typed while the key
/// handling loads must land in the field too.
pub(super) fn reason_back(field: &Element) -> bool {
    let doc = document();
    let gone = field.class_list().contains(REASON) && !field.is_connected();
    if !gone || doc.active_element().is_some_and(|a| a.tag_name() != "BODY") {
        return false;
    }
    doc.query_selector(".confirm-reason")
        .ok()
        .flatten()
        .and_then(|f| f.dyn_into::<HtmlElement>().ok())
        .is_some_and(|f| f.focus().is_ok())
}

/// The class of the confirmations' reason fields.
pub(super) const REASON: &str = "confirm-reason";

/// Whether a dialog (the shortcuts, the palette) is open.
pub(super) fn dialog_open() -> bool {
    document()
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some()
}

/// `/`: focuses the page's filter (the first field of its `role="search"` block); false when
/// the page has none.
pub(super) fn filter() -> bool {
    let doc = document();
    [
        "[role=search] input[type=search]",
        "[role=search] input:not([type=hidden]), [role=search] select",
    ]
    .iter()
    .find_map(|sel| doc.query_selector(sel).ok().flatten())
    .and_then(|el| el.dyn_into::<HtmlElement>().ok())
    .is_some_and(|field| field.focus().is_ok())
}

/// Shows the dialog `id` (modal); false when the page has none.
pub(super) fn show_dialog(id: &str) -> bool {
    document()
        .get_element_by_id(id)
        .and_then(|d| d.dyn_into::<HtmlDialogElement>().ok())
        .is_some_and(|d| d.open() || d.show_modal().is_ok())
}

/// The palette's text field.
pub(super) fn palette_input() -> Option<HtmlInputElement> {
    document()
        .get_element_by_id("palette-input")?
        .dyn_into()
        .ok()
}

/// `Ctrl+K`/`⌘K`: closes the shortcuts, opens the palette with an empty, focused field;
/// false when the page has no palette. Its matches are the key handling's to ask for.
pub(super) fn open_palette() -> bool {
    if let Some(help) = document()
        .get_element_by_id("keys-help")
        .and_then(|d| d.dyn_into::<HtmlDialogElement>().ok())
    {
        help.close();
    }
    let Some(input) = palette_input().filter(|_| show_dialog("palette")) else {
        return false;
    };
    input.set_value("");
    let _ = input.focus();
    true
}
