//! Test helper: a view's server-rendered HTML as a reader sees it.
//!
//! With `erase_components` (`.cargo/config.toml`) the server writes an empty comment, `<!>`,
//! after much of the text and every list, for hydration to find its place. Tests match the
//! markup without those markers.

use leptos::tachys::view::RenderHtml;

pub(crate) trait Markup {
    /// The view's HTML without the hydration markers.
    fn markup(self) -> String;
}

impl<T: RenderHtml> Markup for T {
    fn markup(self) -> String {
        self.to_html().replace("<!>", "")
    }
}
