//! `/run`: the run form, drawn by the server from the project's graphs and the algorithm
//! catalogue (`super::run_form`); the island checks it and submits it (`super::run_checks`),
//! then goes to the new job's page. `/run?from=<job id>` ("Run again" on a job's page) fills
//! it with that job's stored request (`super::from_job`).

use api::console::Role;
use leptos::html::Div;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{SubmitAlgorithm, run_form_html};
use super::run_checks;
use crate::components::{ErrorNotice, RoleNotice};
use crate::server_html::ServerPart;

/// The run-algorithm page: the form for a role that may submit, and for a viewer what it
/// would need.
#[component]
pub(crate) fn SubmitJob() -> impl IntoView {
    let from = use_query_map().with_untracked(|m| m.get("from"));
    let load = move || {
        let html = run_form_html(from.clone());
        async move { html.await.map(Some) }
    };
    let role = crate::page_role::page_role();
    let body = if role.may_operate() {
        view! {
            <crate::areas::CenterArea view=crate::areas::CenterView::Run>
                <ServerPart load loading="Loading the catalogue…" show_error=true/>
            </crate::areas::CenterArea>
        }
        .into_any()
    } else {
        view! { <RoleNotice role needs=Role::Operator what="run algorithms"/> }.into_any()
    };
    view! {
        <Title text="Run algorithm"/>
        <h1>"Run algorithm"</h1>
        {body}
    }
}

/// The page's interactive part (hydrated in `crate::areas`): `form`, the form as the server
/// drew it, checked and submitted here, and the refusal of a submission.
#[component]
pub(crate) fn SubmitJobBody(
    /// The run form, rendered by the server.
    form: Children,
) -> impl IntoView {
    let submit = ServerAction::<SubmitAlgorithm>::new();
    let part = NodeRef::<Div>::new();
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(id)) => crate::navigate::go(&format!("/jobs/{id}")),
        Some(Err(_)) => {
            if let Some(part) = part.get_untracked() {
                run_checks::busy(&part, false);
            }
        }
        None => {}
    });
    Effect::new(move |_| {
        if let Some(part) = part.get() {
            run_checks::restore(&part);
        }
    });
    let on_submit = move |ev: web_sys::SubmitEvent| {
        if let Some(request) = run_checks::check(&ev)
            && let Some(part) = part.get_untracked()
        {
            run_checks::busy(&part, true);
            submit.dispatch(request);
        }
    };
    let failure = move || {
        submit
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| view! { <ErrorNotice error/> })
    };
    let pending = move || {
        submit
            .pending()
            .get()
            .then(|| view! { <p class="muted" role="status">"Submitting…"</p> })
    };
    view! {
        <div
            class="run-part"
            node_ref=part
            on:change=move |ev| run_checks::edited(&ev)
            on:input=move |ev| run_checks::edited(&ev)
            on:submit=on_submit
        >
            {form()}
        </div>
        {failure}
        {pending}
    }
}
