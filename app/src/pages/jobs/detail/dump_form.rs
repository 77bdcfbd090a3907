//! "Dump to OBS" on a succeeded algorithm job: export-result as a new job. The path is checked
//! as it is typed (`crate::obs_path`, the engine's rules) and again by the engine on submit.
//! The keys are sent once, for that dump only: the secret key is a password field that is
//! emptied after every submit and never comes back from the server.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::components::ErrorNotice;
use crate::format::short_id;
use crate::obs_path;
use crate::pages::jobs::api::DumpResult;

/// What the form holds, owned by the page: a live refresh re-renders the form, and it comes
/// back with what was typed (and the last outcome) instead of empty.
#[derive(Clone, Copy)]
pub(crate) struct DumpState {
    /// The export-result action.
    pub(crate) dump: ServerAction<DumpResult>,
    /// Export path as typed.
    path: RwSignal<String>,
    /// Whether the path field was left once (errors show from then on).
    touched: RwSignal<bool>,
    /// Erase after the dump.
    erase: RwSignal<bool>,
    /// Access key as typed.
    access_key: RwSignal<String>,
    /// Secret key as typed; emptied after every submit.
    secret_key: RwSignal<String>,
}

impl DumpState {
    /// An empty form.
    pub(crate) fn new() -> Self {
        let state = Self {
            dump: ServerAction::new(),
            path: RwSignal::new(String::new()),
            touched: RwSignal::new(false),
            erase: RwSignal::new(false),
            access_key: RwSignal::new(String::new()),
            secret_key: RwSignal::new(String::new()),
        };
        // Whatever the outcome, the secret key does not stay in the page.
        Effect::new(move |_| {
            if state.dump.version().get() > 0 {
                state.secret_key.set(String::new());
            }
        });
        state
    }
}

/// The dump form of job `id`.
#[component]
pub(crate) fn DumpForm(
    /// The job whose result is dumped.
    id: String,
    /// The page's form state.
    state: DumpState,
) -> impl IntoView {
    let DumpState {
        dump,
        path,
        touched,
        erase,
        access_key,
        secret_key,
    } = state;
    let problem = Memo::new(move |_| obs_path::problem(&path.get()));
    let shown_problem = move || touched.get().then(|| problem.get()).flatten();
    // A plain form and the action, not `ActionForm` (its form-data decoding weighed 27 KB gzip
    // in the page's first visit): with wasm the fields are in the page's signals already.
    let on_submit = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            touched.set(true);
            if problem.get_untracked().is_some() {
                return;
            }
            dump.dispatch(DumpResult {
                id: id.clone(),
                export_path: path.get_untracked(),
                erase: erase.get_untracked().then(|| "on".to_string()),
                access_key: access_key.get_untracked(),
                secret_key: secret_key.get_untracked(),
            });
        }
    };
    let outcome = move || {
        dump.value().get().map(|r| match r {
            Ok(job) => view! {
                <p class="notice notice-ok" role="status">
                    "Dump job " <a href=format!("/jobs/{job}")>{short_id(&job)}</a>
                    " queued; its page shows when the dump is complete."
                </p>
            }
            .into_any(),
            Err(error) => view! { <ErrorNotice error/> }.into_any(),
        })
    };
    view! {
        <section class="card" aria-labelledby="dump-heading">
            <h2 id="dump-heading">"Dump to OBS"</h2>
            <form method="post" action=DumpResult::url() on:submit=on_submit>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="dump-path">"Export path"</label>
                    <input id="dump-path" name="export_path" type="text" required
                        placeholder="obs://bucket/dir/"
                        aria-describedby="dump-path-help dump-path-error"
                        aria-invalid=move || shown_problem().is_some().to_string()
                        prop:value=move || path.get()
                        on:input=move |ev| path.set(event_target_value(&ev))
                        on:blur=move |_| touched.set(true)/>
                    <p id="dump-path-help" class="help">
                        "A bucket path on the server's OBS endpoint (obs://bucket/dir/), or file:///dir/ below an allowed root."
                    </p>
                    <p id="dump-path-error" class="field-error">{shown_problem}</p>
                </div>
                <div class="field checkbox">
                    <input id="dump-erase" name="erase" type="checkbox" value="on" aria-describedby="dump-erase-help"
                        prop:checked=move || erase.get() on:change=move |ev| erase.set(event_target_checked(&ev))/>
                    <label for="dump-erase">"Erase the result here afterwards"</label>
                    <p id="dump-erase-help" class="help">
                        "Off: the result stays in graphjobs and can be paged here. On: once the dump is complete the result is deleted from graphjobs and this page says where it went."
                    </p>
                </div>
                <div class="field">
                    <label for="dump-ak">"Access key"</label>
                    <input id="dump-ak" name="access_key" type="text" autocomplete="off" spellcheck="false"
                        prop:value=move || access_key.get() on:input=move |ev| access_key.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="dump-sk">"Secret key"</label>
                    <input id="dump-sk" name="secret_key" type="password" autocomplete="new-password"
                        aria-describedby="dump-keys-help"
                        prop:value=move || secret_key.get() on:input=move |ev| secret_key.set(event_target_value(&ev))/>
                    <p id="dump-keys-help" class="help">
                        "Used for this dump only: never stored, logged or shown again. Leave both empty for a file:/// path."
                    </p>
                </div>
                <button type="submit" class="primary"
                    disabled=move || dump.pending().get() || shown_problem().is_some()>
                    "Dump result"
                </button>
            </form>
            {outcome}
        </section>
    }
}
