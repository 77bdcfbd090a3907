//! What a list shows instead of its table: nothing yet, nothing matching its filters, or a page
//! past its end.

use leptos::prelude::*;

use super::ListUrl;

/// `<div class="empty">` saying `text`, with `children` (a link onwards) after it.
#[component]
pub(crate) fn Empty(
    /// What is (not) there.
    #[prop(into)]
    text: String,
    /// What to do about it.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty">
            <p>{text}</p>
            {children.map(|c| c())}
        </div>
    }
}

/// The empty state of a filtered, page-numbered list showing `shown` of its `total` rows
/// (`what`: what it holds, e.g. `jobs`): none match the filters (with "Clear filters"), none
/// yet (with `invite`, the way to make the first), or a page past the last (with a link to the
/// first); `None` when there are rows to show.
pub(crate) fn empty_state<Q: ListUrl>(
    query: &Q,
    total: u64,
    shown: usize,
    what: &str,
    invite: impl FnOnce() -> AnyView,
) -> Option<AnyView> {
    if total == 0 && query.is_filtered() {
        let text = format!("No {what} match these filters.");
        return Some(
            view! {
                <Empty text>
                    <p><a class="button" href=Q::BASE>"Clear filters"</a></p>
                </Empty>
            }
            .into_any(),
        );
    }
    if total == 0 {
        let text = format!("No {what} yet.");
        let invite = invite();
        return Some(view! { <Empty text>{invite}</Empty> }.into_any());
    }
    if shown == 0 {
        let text = format!(
            "Page {} is empty; there are {total} {what}.",
            query.page().number
        );
        let first = query.href(1);
        return Some(
            view! {
                <Empty text>
                    <p><a href=first>"Go to the first page"</a></p>
                </Empty>
            }
            .into_any(),
        );
    }
    None
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::prelude::*;

    use super::empty_state;
    use crate::list::ListUrl;
    use crate::test_markup::Markup;

    /// A list filtered by kind.
    struct Shelf {
        page: u64,
        kind: &'static str,
    }

    impl ListUrl for Shelf {
        const BASE: &'static str = "/shelf";
        fn filters(&self) -> Vec<(&'static str, &str)> {
            vec![("kind", self.kind)]
        }
        fn page_number(&self) -> u64 {
            self.page
        }
    }

    fn state(query: Shelf, total: u64, shown: usize) -> Option<String> {
        Owner::new().with(|| {
            let invite = || view! { <p><a href="/shelf/new">"Add a book"</a></p> }.into_any();
            empty_state(&query, total, shown, "books", invite).map(|v| v.markup())
        })
    }

    #[test]
    fn none_matching_none_yet_past_the_end_or_the_rows() {
        let none = state(Shelf { page: 1, kind: "" }, 0, 0).unwrap();
        assert_eq!(
            none,
            r#"<div class="empty"><p>No books yet.</p><p><a href="/shelf/new">Add a book</a></p></div>"#
        );
        let filtered = state(
            Shelf {
                page: 1,
                kind: "a b",
            },
            0,
            0,
        )
        .unwrap();
        assert_eq!(
            filtered,
            r#"<div class="empty"><p>No books match these filters.</p><p><a href="/shelf" class="button">Clear filters</a></p></div>"#
        );
        let past = state(
            Shelf {
                page: 4,
                kind: "a b",
            },
            30,
            0,
        )
        .unwrap();
        assert_eq!(
            past,
            r#"<div class="empty"><p>Page 4 is empty; there are 30 books.</p><p><a href="/shelf?kind=a%20b">Go to the first page</a></p></div>"#
        );
        assert_eq!(state(Shelf { page: 2, kind: "" }, 30, 10), None);
    }
}
