//! The palette in the browser (`Ctrl+K` / `⌘K`): its field asks the server for the matches of
//! what is typed ([`palette_html`], rendered by the server), the arrow keys move among them and
//! `Enter` goes to the active one. Part of the key handling's split point ([`super::browser`]).

use std::cell::Cell;

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

use super::focus::{self, palette_input};
use super::palette::palette_html;

thread_local! {
    /// The palette's latest request; an older answer arriving later is dropped.
    static ASKED: Cell<u32> = const { Cell::new(0) };
}

/// `Ctrl+K` / `⌘K`: opens the palette and asks for the matches of what it holds.
pub(super) fn open_palette() {
    if focus::open_palette() {
        ask_palette();
    }
}

/// Asks the server for the palette's matches of what is typed, and shows them unless a later
/// request went out meanwhile.
pub(super) fn ask_palette() {
    let Some(input) = palette_input() else {
        return;
    };
    let n = ASKED.with(|asked| {
        asked.set(asked.get().wrapping_add(1));
        asked.get()
    });
    let text = input.value();
    leptos::task::spawn_local(async move {
        let html = fetch_palette(&text).await;
        if ASKED.with(Cell::get) != n {
            return;
        }
        if let Some(list) = document().get_element_by_id("palette-list") {
            match html {
                Some(html) => list.set_inner_html(&html),
                None => list.set_text_content(Some("The matches could not be loaded.")),
            }
        }
        palette_move(0);
    });
}

/// [`palette_html`]'s answer for `text`, through the server function's own client. (While
/// this module was in the main module, it posted with the browser's `fetch` instead: the
/// client's code would have moved from the areas' shared chunks into the main module. As a
/// split point of its own it shares the areas' copy.)
async fn fetch_palette(text: &str) -> Option<String> {
    palette_html(text.to_owned()).await.ok()
}

/// Arrow keys and `Enter` in the palette's field.
pub(super) fn palette_key(ev: &KeyboardEvent, key: &str) {
    match key {
        "ArrowDown" => palette_move(1),
        "ArrowUp" => palette_move(-1),
        "Enter" => {
            let active = document()
                .query_selector("#palette-list [aria-selected=true]")
                .ok()
                .flatten();
            super::follow::go(active.and_then(|o| o.get_attribute("data-href")));
        }
        _ => return,
    }
    ev.prevent_default();
}

/// Moves the palette's active option by `by` (0: the first one).
fn palette_move(by: isize) {
    let Ok(list) = document().query_selector_all("#palette-list [role=option]") else {
        return;
    };
    let options: Vec<Element> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect();
    let Some(input) = palette_input() else {
        return;
    };
    if options.is_empty() {
        let _ = input.remove_attribute("aria-activedescendant");
        return;
    }
    let current = options
        .iter()
        .position(|o| o.get_attribute("aria-selected").as_deref() == Some("true"));
    let at = match (current, by) {
        (Some(i), _) if by != 0 => i.saturating_add_signed(by).min(options.len() - 1),
        _ => 0,
    };
    for (i, o) in options.iter().enumerate() {
        let _ = o.set_attribute("aria-selected", if i == at { "true" } else { "false" });
    }
    let _ = input.set_attribute("aria-activedescendant", &options[at].id());
    options[at].scroll_into_view_with_bool(false);
}
