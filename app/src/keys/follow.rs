//! Following a link by key: the page a row, a palette entry or a shortcut names.

/// Goes to `href` when there is one.
pub(super) fn go(href: Option<String>) {
    if let Some(href) = href.filter(|h| !h.is_empty()) {
        crate::navigate::go(&href);
    }
}
