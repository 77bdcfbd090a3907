//! The create form: a POST form to the server function (so it also posts without wasm) whose
//! fields are checked in the browser first (`rules`): a wrong field blocks the submit and
//! shows its message inline; a refusal by the server is shown with its ModelArts code. On
//! success the page goes to the new job's (without wasm, the server function redirects).
//!
//! A plain form and the action, not `ActionForm`: its form-data decoding weighed 28 KB gzip in
//! a first visit to the visualization pages, against a few lines reading four fields.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::wasm_bindgen::JsCast;

use super::text_field::TextField;
use crate::components::ErrorNotice;
use crate::pages::viz::api::CreateVizJob;
use crate::pages::viz::rules::{self, Field, FormErrors};

/// The fields, the browser-side check and the server's answer.
#[component]
pub(crate) fn VizForm() -> impl IntoView {
    let create = ServerAction::<CreateVizJob>::new();
    let errors = RwSignal::new(FormErrors::new());
    let error = move |f: Field| Signal::derive(move || errors.with(|e| e.get(&f).cloned()));
    // Once a field shows an error, re-check it on every edit so the message goes away as soon
    // as the value fits.
    let on_input = move |f: Field| {
        Callback::new(move |value: String| {
            if errors.with_untracked(|e| e.contains_key(&f)) {
                errors.update(|e| match f.check(&value) {
                    Some(msg) => {
                        e.insert(f, msg);
                    }
                    None => {
                        e.remove(&f);
                    }
                });
            }
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(input) = read(&ev) else {
            return;
        };
        let found = rules::validate(|f| match f {
            Field::JobName => input.job_name.clone(),
            Field::JobDesc => input.job_desc.clone(),
            Field::TrainUrl => input.train_url.clone(),
            Field::AutoStopHours => input.auto_stop_hours.clone(),
        });
        if let Some(first) = found.keys().next() {
            focus(first.name());
        } else {
            create.dispatch(input);
        }
        errors.set(found);
    };
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            crate::navigate::go(&format!("/visualizations/{id}"));
        }
    });
    let refused = move || {
        create.value().get().and_then(Result::err).map(|error| {
            view! {
                <div class="viz-refused">
                    <p class="muted">"The server refused the job:"</p>
                    <ErrorNotice error/>
                </div>
            }
        })
    };
    let pending = move || create.pending().get();
    view! {
        <form class="viz-form" novalidate method="post" action=CreateVizJob::url() on:submit=on_submit>
            <TextField id="job_name" label="Name" required=true
                help="1–20 letters, digits, _ or -."
                error=error(Field::JobName) on_input=on_input(Field::JobName)/>
            <TextField id="job_desc" label="Description" multiline=true
                help="Optional, at most 256 characters."
                error=error(Field::JobDesc) on_input=on_input(Field::JobDesc)/>
            <TextField id="train_url" label="train_url" required=true inputmode="url"
                help="The folder to chart: obs://bucket/dir/, s3://bucket/dir/, /bucket/dir/ or file:///dir/ (below the server's data dir or import roots)."
                error=error(Field::TrainUrl) on_input=on_input(Field::TrainUrl)/>
            <TextField id="auto_stop_hours" label="Auto-stop after (hours)" inputmode="numeric"
                help="Optional: 1–24 hours of running, then the job stops by itself. Empty: it runs until stopped."
                error=error(Field::AutoStopHours) on_input=on_input(Field::AutoStopHours)/>
            {refused}
            <div class="form-actions">
                <button type="submit" class="primary" disabled=pending>"Create"</button>
                {move || pending().then(|| view! { <span class="muted" role="status">"Creating…"</span> })}
            </div>
        </form>
    }
    .into_any()
}

/// The four fields of the submitted form.
fn read(ev: &SubmitEvent) -> Option<CreateVizJob> {
    let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let field = |name: &str| data.get(name).as_string().unwrap_or_default();
    Some(CreateVizJob {
        job_name: field("job_name"),
        job_desc: field("job_desc"),
        train_url: field("train_url"),
        auto_stop_hours: field("auto_stop_hours"),
    })
}

/// Moves the keyboard focus to the element `id` (the first wrong field).
fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
