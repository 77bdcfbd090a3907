//! An error from a server function, shown where the data would have been.

use leptos::prelude::*;

use crate::error::AppError;

/// The error's user-safe message. An ended session also sends the browser to `/signin`: the
/// server-function client does not follow redirects on error responses, so the UI does it
/// (during SSR a `<Redirect>` turns into a 302).
#[component]
pub(crate) fn ErrorNotice(
    /// What went wrong.
    error: AppError,
) -> impl IntoView {
    let sign_in = (error == AppError::Unauthenticated).then(|| {
        view! {
            " "
            <a href="/signin">"Sign in"</a>
            {to_sign_in()}
        }
    });
    view! {
        <div class="notice notice-error" role="alert">
            {error.to_string()}
            {sign_in}
        </div>
    }
}

/// During SSR a 302 to `/signin`; in an island, a navigation there.
#[cfg(feature = "ssr")]
fn to_sign_in() -> impl IntoView {
    view! { <leptos_router::components::Redirect path="/signin"/> }
}

/// During SSR a 302 to `/signin`; in an island, a navigation there.
#[cfg(not(feature = "ssr"))]
fn to_sign_in() -> impl IntoView {
    Effect::new(|_| crate::navigate::go("/signin"));
}
