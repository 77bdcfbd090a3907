//! The fallback page for unknown paths (served with status 404 by the server's fallback).

use leptos::prelude::*;
use leptos_meta::Title;

/// "Page not found", with a way back.
#[component]
pub(crate) fn NotFound() -> impl IntoView {
    view! {
        <Title text="Not found"/>
        <main class="content narrow">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. " <a href="/jobs">"Go to the jobs"</a></p>
        </main>
    }
}
