//! The top bar: product name, current project, sign out.

use leptos::prelude::*;

use crate::error::AppError;
use crate::pages::SignOut;

/// The top bar. `project` is the layout's session resource.
#[component]
pub(crate) fn Header(
    /// The current project's name, from the session.
    project: Resource<Result<String, AppError>>,
) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <header class="topbar">
            <a class="brand" href="/jobs">"graphjobs"</a>
            <span class="project">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        project.await.ok().map(|name| view! {
                            <span class="muted">"Project "</span>
                            <strong class="project-name">{name}</strong>
                        })
                    })}
                </Transition>
            </span>
            <ActionForm action=sign_out>
                <button type="submit" class="link-button">"Sign out"</button>
            </ActionForm>
        </header>
    }
    .into_any()
}
