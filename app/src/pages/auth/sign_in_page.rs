//! `/signin`: the API token form. An `<ActionForm>`, so it also works before the wasm loads.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::SignIn;
use crate::error::AppError;

/// The sign-in form; on success the server function redirects to `/jobs`.
#[component]
pub(crate) fn SignInPage() -> impl IntoView {
    view! {
        <Title text="Sign in"/>
        <crate::areas::SignInArea/>
    }
}

/// The page's interactive part (hydrated in `crate::areas`).
#[component]
pub(crate) fn SignInPageBody() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let failure = move || {
        action.value().get().and_then(Result::err).map(|e| {
            let text = match e {
                AppError::Unauthenticated => "Invalid token".to_string(),
                other => other.to_string(),
            };
            view! { <p id="signin-error" class="notice notice-error" role="alert">{text}</p> }
        })
    };
    view! {
        <main class="signin">
            <h1 class="brand">"graphjobs"</h1>
            <p class="muted">"Sign in with an API token of your project."</p>
            <ActionForm action>
                <div class="field">
                    <label for="token">"API token"</label>
                    <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required/>
                </div>
                <button type="submit" class="primary" disabled=move || action.pending().get()>"Sign in"</button>
            </ActionForm>
            {failure}
        </main>
    }
    .into_any()
}
