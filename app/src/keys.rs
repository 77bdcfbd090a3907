//! The keyboard: shortcuts on every signed-in page, written once for every table.
//!
//! | key | does |
//! |---|---|
//! | `j` / `k` | selects the next / previous row of the page's tables (shown, scrolled into view, its first link focused) |
//! | `Enter` | opens the selected row (its first link) |
//! | `/` | focuses the page's filter (the first field of its `role="search"` block) |
//! | `c` | cancels the selected job, or the job of a job's page, through its confirmation (its "Yes, cancel job" button is focused: `Enter` confirms, `Esc`… `Tab` to "Keep it") |
//! | `g`, then a letter | goes to a page ([`PAGES`]) |
//! | `?` | the list of shortcuts, a modal dialog |
//! | `Ctrl+K` / `⌘K` | the palette: a job by id prefix, a graph or a page |
//!
//! None fires while the focus is in a field (input, textarea, select, contenteditable) or
//! with Ctrl, Alt or ⌘ held, except the palette's `Ctrl+K`/`⌘K` (it types nothing, so it
//! opens from a field too).
//!
//! Why one module over the DOM and not a component per table: most tables are rendered by the
//! server and reach the browser as HTML (`crate::server_html`), with no code in the wasm, and
//! the jobs table is re-rendered whole on every live update. So the keys work on the document
//! (`main table tbody tr`), keep the selected row by its link, and mark it again when a live
//! update replaces it. The dialogs are rendered by the server ([`dialogs`]), the palette's
//! matches too ([`palette`]); the wasm ([`browser`], [`palette_field`]) holds only the key handling, a few
//! hundred lines of DOM calls, a split point of its own fetched on the first key press
//! ([`first_key`]) so that no page's first visit carries it.
//!
//! The same module keeps a cancel reason being typed in its field when a live update draws the
//! confirmation afresh ([`reason`]): it runs after every change to the page already.

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "hydrate")]
mod confirm;
#[cfg(feature = "ssr")]
mod dialogs;
#[cfg(feature = "hydrate")]
mod first_key;
#[cfg(feature = "hydrate")]
mod focus;
#[cfg(feature = "hydrate")]
mod follow;
pub(crate) mod palette;
#[cfg(feature = "hydrate")]
mod palette_field;
#[cfg(feature = "hydrate")]
mod reason;

#[cfg(feature = "ssr")]
pub(crate) use dialogs::KeyDialogs;
#[cfg(feature = "hydrate")]
pub(crate) use first_key::start;

/// `g` then a letter: the letter, the page's path and its name.
pub(crate) const PAGES: [(&str, &str, &str); 10] = [
    ("o", "/overview", "Overview"),
    ("j", "/jobs", "Jobs"),
    ("c", "/job-center", "Job center"),
    ("h", "/hyg", "HyG"),
    ("g", "/graphs", "Graphs"),
    ("i", "/graphs/import", "Import a graph"),
    ("e", "/explore", "Graph explorer"),
    ("r", "/run", "Run algorithm"),
    ("q", "/query", "Query"),
    ("v", "/visualizations", "Visualizations"),
];

/// The shortcuts as the help dialog lists them: keys and what they do.
#[cfg(feature = "ssr")]
pub(crate) const SHORTCUTS: [(&str, &str); 8] = [
    ("j / k", "Select the next / previous row of a table"),
    ("Enter", "Open the selected row"),
    ("/", "Focus the page's filter"),
    (
        "c",
        "Cancel the selected job (or this page's job), after its confirmation",
    ),
    ("g, then a letter", "Go to a page (below)"),
    ("?", "Show these shortcuts"),
    (
        "Ctrl+K / ⌘K",
        "Palette: go to a job by id prefix, a graph or a page",
    ),
    ("Esc", "Close a dialog"),
];

/// The path `g` then `letter` goes to.
#[cfg(any(feature = "hydrate", test))]
pub(crate) fn page_for(letter: &str) -> Option<&'static str> {
    PAGES
        .iter()
        .find(|(l, ..)| *l == letter)
        .map(|(_, path, _)| *path)
}

#[cfg(test)]
mod tests {
    use super::{PAGES, page_for};

    #[test]
    fn every_page_letter_is_unique_and_goes_to_its_page() {
        for (letter, path, _) in PAGES {
            assert_eq!(
                PAGES.iter().filter(|(l, ..)| *l == letter).count(),
                1,
                "{letter}"
            );
            assert_eq!(page_for(letter), Some(path));
        }
        assert_eq!(page_for("x"), None);
    }
}
