//! Previous / Next links around a position label ("Page 2 of 5", "rows 11–20 of 57").
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
