//! Parts of a page that the server renders to HTML and the browser shows as they come, with
//! none of their code in the wasm.
//!
//! A read-only part of a live page (a job's facts and result tables, a visualization's
//! charts) is rendered on the server twice over: inside the page, as its island's `children`,
//! and again on a change, by a server function that returns the fresh render as HTML. The
//! island puts that HTML in the part's place ([`swap`]). Such a part holds links and GET forms
//! only: nothing in it is hydrated.

use leptos::html::Div;
use leptos::prelude::*;

/// `view` rendered to HTML, in a reactive root of its own (the components may make signals;
/// nothing outlives the render). Without hydration markers: nothing in it is hydrated. (With
/// `erase_components` the server writes `<!>` after much of the text; a `<!>` in the data is
/// escaped, so every one in the output is a marker.)
#[cfg(feature = "ssr")]
pub(crate) fn render<V: IntoView>(view: impl FnOnce() -> V) -> String {
    Owner::new().with(|| view().into_view().to_html().replace("<!>", ""))
}

/// Puts `html`, the server's fresh render of a part, in place of what `part` holds now.
pub(crate) fn swap(part: NodeRef<Div>, html: &str) {
    if let Some(el) = part.get_untracked() {
        el.set_inner_html(html);
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
