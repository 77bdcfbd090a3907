//! Parts of a page that the server renders to HTML and the browser shows as they come, with
//! none of their code in the wasm.
//!
//! A read-only part of a live page (a job's facts and result tables, a visualization's
//! charts) is rendered on the server twice over: inside the page, as its island's `children`,
//! and again on a change, by a server function that returns the fresh render as HTML. The
//! island puts that HTML in the part's place ([`LivePart`]). Such a part holds links and GET
//! forms only: nothing in it is hydrated.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// `view` rendered to HTML, in a reactive root of its own (the components may make signals;
/// nothing outlives the render). Without hydration markers: nothing in it is hydrated. (With
/// `erase_components` the server writes `<!>` after much of the text; a `<!>` in the data is
/// escaped, so every one in the output is a marker.)
#[cfg(feature = "ssr")]
pub(crate) fn render<V: IntoView>(view: impl FnOnce() -> V) -> String {
    Owner::new().with(|| view().into_view().to_html().replace("<!>", ""))
}

/// A server-rendered part of a live page, in the island: the element that holds it, and a
/// fresh render held back while the focus is inside it.
///
/// Someone typing in the part's form (the job page's "Jump to offset") or tabbing through its
/// links would lose the field or the focus if the part were replaced under them, so a render
/// that arrives then is put in place once the focus leaves the part.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LivePart {
    node: NodeRef<Div>,
    held: StoredValue<Option<String>>,
}

impl LivePart {
    /// A part not yet on the page.
    pub(crate) fn new() -> Self {
        Self {
            node: NodeRef::new(),
            held: StoredValue::new(None),
        }
    }

    /// The element's `node_ref`.
    pub(crate) fn node(self) -> NodeRef<Div> {
        self.node
    }

    /// Puts `html`, the server's fresh render, in place of what the part shows now; or, while
    /// the focus is inside the part, once it has left.
    pub(crate) fn show(self, html: String) {
        let Some(el) = self.node.get_untracked() else {
            return;
        };
        let focused = document()
            .active_element()
            .is_some_and(|active| el.contains(Some(&active)));
        if focused {
            self.held.set_value(Some(html));
        } else {
            self.held.set_value(None);
            el.set_inner_html(&html);
        }
    }

    /// The part's `focusout` handler: puts a held render in place when the focus goes
    /// somewhere outside the part.
    pub(crate) fn focus_left(self, ev: web_sys::FocusEvent) {
        let Some(el) = self.node.get_untracked() else {
            return;
        };
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if to.is_some_and(|to| el.contains(Some(&to))) {
            return;
        }
        if let Some(html) = self.held.try_update_value(Option::take).flatten() {
            el.set_inner_html(&html);
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::prelude::*;

    #[test]
    fn data_is_text_and_the_markers_are_gone() {
        let (a, b) = ("<!> <b>x</b>".to_string(), "y".to_string());
        let html =
            super::render(|| view! { <p>{a}{b}</p> <ul>{vec![view! { <li>"1"</li> }]}</ul> });
        assert_eq!(
            html,
            "<p>&lt;!&gt; &lt;b&gt;x&lt;/b&gt;y</p><ul><li>1</li></ul>"
        );
    }
}
