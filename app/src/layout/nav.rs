//! The main navigation. `<A>` marks the current section with `aria-current="page"`.

use leptos::prelude::*;
use leptos_router::components::A;

/// Links to the console's sections.
#[component]
pub(crate) fn Nav() -> impl IntoView {
    view! {
        <nav class="sidenav" aria-label="Main">
            <A href="/jobs">"Jobs"</A>
            <A href="/run">"Run algorithm"</A>
        </nav>
    }
}
