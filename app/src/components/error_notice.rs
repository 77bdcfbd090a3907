//! An error from a server function, shown where the data would have been.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::error::AppError;

/// The error's user-safe message. An ended session also sends the browser to `/signin`: the
/// server-function client does not follow redirects on error responses, so the UI does it
/// (during SSR the same `<Redirect>` turns into a 302).
#[component]
pub(crate) fn ErrorNotice(
    /// What went wrong.
    error: AppError,
) -> impl IntoView {
    let sign_in = (error == AppError::Unauthenticated).then(|| {
        view! {
            " "
            <a href="/signin">"Sign in"</a>
            <Redirect path="/signin"/>
        }
    });
    view! {
        <div class="notice notice-error" role="alert">
            {error.to_string()}
            {sign_in}
        </div>
    }
}
