//! A list page's URL state: its filters and page live in the query string only, so a reload, a
//! bookmark or a shared link shows the same rows. Each list page has a query struct (its
//! filters as fields) that implements [`ListUrl`]; reading the URL and writing the next link
//! are written here once. Pure functions, so the links are the same in SSR and hydration.

use super::page::{PAGE_SIZE, Page};

/// The URL state of a list page: where it lives, its filters and its page.
pub(crate) trait ListUrl {
    /// Where the list lives, e.g. `/jobs`.
    const BASE: &'static str;

    /// The filters as `(key, value)` in the URL's order; an empty value means "any".
    fn filters(&self) -> Vec<(&'static str, &str)>;

    /// The 1-based page number.
    fn page_number(&self) -> u64;

    /// The page of rows shown.
    fn page(&self) -> Page {
        Page::new(Some(self.page_number()), PAGE_SIZE)
    }

    /// Whether any filter is set.
    fn is_filtered(&self) -> bool {
        self.filters().iter().any(|(_, v)| !v.is_empty())
    }

    /// `Page 2 of 5 · 93 jobs`, or `… · 12 matching jobs` when filtered (`what`: what the list
    /// holds).
    fn position(&self, total: u64, what: &str) -> String {
        match self.is_filtered() {
            true => self.page().position(total, &format!("matching {what}")),
            false => self.page().position(total, what),
        }
    }

    /// The same filters on page `page`, as a link (see [`href`]).
    fn href(&self, page: u64) -> String {
        href(Self::BASE, &self.filters(), page)
    }
}

/// `base?k=v&…&page=N` with the values percent-encoded. Empty values and page 1 are left out,
/// so the unfiltered first page is plain `base`.
pub(crate) fn href(base: &str, filters: &[(&str, &str)], page: u64) -> String {
    let mut pairs: Vec<String> = filters
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if page > 1 {
        pairs.push(format!("page={page}"));
    }
    if pairs.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", pairs.join("&"))
    }
}

/// The query parameter `key` read through `get`, trimmed; a missing key and an empty value are
/// the same, "any".
pub(crate) fn text(get: &impl Fn(&str) -> Option<String>, key: &str) -> String {
    get(key).map(|v| v.trim().to_string()).unwrap_or_default()
}

/// The `?page=` read through `get`: a missing, unreadable or zero page is the first.
pub(crate) fn page_number(get: &impl Fn(&str) -> Option<String>) -> u64 {
    Page::new(get("page").and_then(|p| p.parse().ok()), PAGE_SIZE).number
}

/// Percent-encodes a query value (everything but unreserved characters; space as `%20`).
pub(crate) fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The parameters of `url`'s query, decoded, as a lookup by name (tests read back the URLs the
/// pages build).
#[cfg(all(test, feature = "ssr"))]
pub(crate) fn url_params(url: &str) -> impl Fn(&str) -> Option<String> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), decode(v)))
        .collect();
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

/// The inverse of [`encode`].
#[cfg(all(test, feature = "ssr"))]
fn decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// A list with one filter, as a page would declare it.
    #[derive(Default)]
    struct Shelf {
        page: u64,
        kind: String,
        text: String,
    }

    impl ListUrl for Shelf {
        const BASE: &'static str = "/shelf";
        fn filters(&self) -> Vec<(&'static str, &str)> {
            vec![("kind", &self.kind), ("q", &self.text)]
        }
        fn page_number(&self) -> u64 {
            self.page
        }
    }

    #[test]
    fn links_leave_out_defaults_and_encode_values() {
        assert_eq!(Shelf::default().href(1), "/shelf");
        assert_eq!(Shelf::default().href(3), "/shelf?page=3");
        let s = Shelf {
            page: 2,
            kind: String::new(),
            text: "a b&c".into(),
        };
        assert!(s.is_filtered());
        assert!(!Shelf::default().is_filtered());
        assert_eq!(s.href(2), "/shelf?q=a%20b%26c&page=2");
        assert_eq!(s.page().offset(), PAGE_SIZE);
        assert_eq!(url_params(&s.href(2))("q").as_deref(), Some("a b&c"));
        assert_eq!(s.position(21, "books"), "Page 2 of 2 · 21 matching books");
        assert_eq!(
            Shelf::default().position(0, "books"),
            "Page 1 of 1 · 0 books"
        );
    }

    #[test]
    fn reading_trims_and_a_bad_page_is_the_first() {
        let get = |k: &str| match k {
            "q" => Some("  pr ".to_string()),
            "page" => Some("zero".to_string()),
            _ => None,
        };
        assert_eq!(text(&get, "q"), "pr");
        assert_eq!(text(&get, "kind"), "");
        assert_eq!(page_number(&get), 1);
        assert_eq!(page_number(&|_: &str| Some("0".to_string())), 1);
        assert_eq!(page_number(&|_: &str| Some("4".to_string())), 4);
    }
}
