//! "Run again": clone and re-run the job from its stored request, then open the new job.

use leptos::prelude::*;

use crate::components::ErrorNotice;
use crate::pages::jobs::api::RerunJob;

/// The button, as a form so it also works without wasm.
#[component]
pub(crate) fn RerunButton(
    /// The job to run again.
    id: String,
) -> impl IntoView {
    let rerun = ServerAction::<RerunJob>::new();
    Effect::new(move |_| {
        if let Some(Ok(new_id)) = rerun.value().get() {
            crate::navigate::go(&format!("/jobs/{new_id}"));
        }
    });
    view! {
        <ActionForm action=rerun>
            <input type="hidden" name="id" value=id/>
            <button type="submit" disabled=move || rerun.pending().get()>"Run again"</button>
        </ActionForm>
        {move || rerun.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
    }
}
