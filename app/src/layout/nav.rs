//! The main navigation. `<A>` marks the current section with `aria-current="page"`.

use leptos::prelude::*;
use leptos_router::components::A;

/// Links to the console's sections; the forms that submit jobs only for a role that may, the
/// audit log only for an admin.
#[component]
pub(crate) fn Nav() -> impl IntoView {
    let operate = crate::page_role::page_role().may_operate();
    let submit = operate.then(|| {
        view! {
            <A href="/run">"Run algorithm"</A>
            <A href="/query">"Query"</A>
        }
    });
    let audit = crate::page_role::page_role()
        .may_administer()
        .then(|| view! { <A href="/audit">"Audit log"</A> });
    view! {
        <nav class="sidenav" aria-label="Main">
            <A href="/overview">"Overview"</A>
            <A href="/jobs">"Jobs"</A>
            <A href="/job-center">"Job center"</A>
            <A href="/hyg">"HyG"</A>
            <A href="/graphs">"Graphs"</A>
            <A href="/explore">"Explorer"</A>
            {submit}
            <A href="/visualizations">"Visualizations"</A>
            {audit}
        </nav>
    }
}
