//! Previous / Next links around a position label ("Page 2 of 5", "rows 11–20 of 57"), for a
//! page-numbered list or a window of rows.
//! Plain links: the router navigates client-side once hydrated, the browser before.

use leptos::prelude::*;

/// Paging links for a URL-driven list.
#[component]
pub(crate) fn Pager(
    /// What the pager pages through, for screen readers ("Jobs pages").
    label: &'static str,
    /// Where "Previous" goes, if anywhere.
    prev: Option<String>,
    /// Where "Next" goes, if anywhere.
    next: Option<String>,
    /// The current position, announced when it changes.
    position: String,
) -> impl IntoView {
    let link = |href: Option<String>, text: &'static str, rel: &'static str| match href {
        Some(href) => view! { <a class="button" href=href rel=rel>{text}</a> }.into_any(),
        None => {
            view! { <span class="button disabled" aria-disabled="true">{text}</span> }.into_any()
        }
    };
    view! {
        <nav class="pager" aria-label=label>
            {link(prev, "Previous", "prev")}
            <span class="pager-position" role="status">{position}</span>
            {link(next, "Next", "next")}
        </nav>
    }
}

/// The pager of a page-numbered list: Previous and Next go to the neighbouring pages (`href`
/// links page N with the list's filters), around `position` (`Page 2 of 5 · 93 jobs`).
pub(crate) fn page_pager(
    label: &'static str,
    page: super::Page,
    total: u64,
    position: String,
    href: impl Fn(u64) -> String,
) -> impl IntoView {
    let prev = page.prev().map(&href);
    let next = page.next(total).map(&href);
    view! { <Pager label prev next position/> }
}
