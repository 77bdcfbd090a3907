//! "Run again". An algorithm run opens the run form filled with its stored request
//! (`/run?from=<id>`, `pages::run::from_job`), to change and submit as a new job; any other
//! job that can run again is cloned and re-run from its stored request at once, then its new
//! job opened.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::components::ErrorNotice;
use crate::pages::jobs::api::RerunJob;

/// The page's re-run action, and what follows its answer: the new job opened.
///
/// It belongs to the page, not to the button: every live refresh of the job draws the button
/// again, and an action made by the button went with it. A re-run whose answer came after such
/// a refresh then created its job and never opened it (and a refusal was never shown), and the
/// button, drawn anew, was enabled again while the first re-run was still on its way.
pub(crate) fn rerun_action() -> ServerAction<RerunJob> {
    let rerun = ServerAction::<RerunJob>::new();
    Effect::new(move |_| {
        if let Some(Ok(new_id)) = rerun.value().get() {
            crate::navigate::go(&format!("/jobs/{new_id}"));
        }
    });
    rerun
}

/// The link to the filled run form, or the direct re-run as a form so it also works without
/// wasm. (A plain form and the action, not `ActionForm`: the job page's last `ActionForm`s,
/// this and the dump form's, took 27 KB gzip of form-data decoding into its first visit; the
/// argument is known here.)
#[component]
pub(crate) fn RerunButton(
    /// The job to run again.
    id: String,
    /// Whether it runs again through the run form.
    in_form: bool,
    /// The page's re-run action (see [`rerun_action`]).
    rerun: ServerAction<RerunJob>,
) -> impl IntoView {
    if in_form {
        return view! { <a class="button" href=format!("/run?from={id}")>"Run again"</a> }
            .into_any();
    }
    let on_submit = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            rerun.dispatch(RerunJob { id: id.clone() });
        }
    };
    view! {
        <form method="post" action=RerunJob::url() on:submit=on_submit>
            <input type="hidden" name="id" value=id/>
            <button type="submit" disabled=move || rerun.pending().get()>"Run again"</button>
        </form>
        {move || rerun.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error/> })}
    }
    .into_any()
}
