//! The keys' dialogs and status line, rendered by the server into every signed-in page (none
//! of this markup's code is in the wasm): the list of shortcuts (`?`) and the palette
//! (`Ctrl+K`/`⌘K`), both `<dialog>`s the browser opens as modal ones (focus kept inside,
//! `Esc` closes), and the line where the keys say what they did not do.

use leptos::prelude::*;

use super::{PAGES, SHORTCUTS};

/// The help dialog, the palette and the status line.
#[component]
pub(crate) fn KeyDialogs() -> impl IntoView {
    let shortcuts = SHORTCUTS
        .iter()
        .map(|(keys, what)| view! { <tr><th scope="row"><kbd>{*keys}</kbd></th><td>{*what}</td></tr> })
        .collect_view();
    let pages = PAGES
        .iter()
        .map(|(letter, path, name)| {
            view! { <tr><th scope="row"><kbd>{format!("g {letter}")}</kbd></th><td><a href=*path>{*name}</a></td></tr> }
        })
        .collect_view();
    view! {
        <dialog id="keys-help" class="keys-dialog" aria-labelledby="keys-help-title">
            <h2 id="keys-help-title">"Keyboard shortcuts"</h2>
            <p class="muted">"Not while typing in a field."</p>
            <table class="keys">
                <caption class="visually-hidden">"Shortcuts"</caption>
                <tbody>{shortcuts}</tbody>
            </table>
            <table class="keys">
                <caption>"Pages"</caption>
                <tbody>{pages}</tbody>
            </table>
            <form method="dialog"><button type="submit">"Close"</button></form>
        </dialog>
        <dialog id="palette" class="keys-dialog palette" aria-label="Go to">
            // A short label: the pages' own fields are found by theirs ("Graph", "Query"…).
            <label for="palette-input">"Go to"</label>
            <input id="palette-input" type="text" role="combobox" autocomplete="off" spellcheck="false"
                aria-autocomplete="list" aria-expanded="true" aria-controls="palette-list"
                aria-describedby="palette-hint"/>
            <p id="palette-hint" class="muted">"A job (the start of its id), a graph or a page."</p>
            <ul id="palette-list" role="listbox" aria-label="Matches"></ul>
            <p class="muted">"↑ ↓ to choose, Enter to go, Esc to close."</p>
        </dialog>
        <p id="keys-status" class="keys-status" role="status"></p>
    }
}
