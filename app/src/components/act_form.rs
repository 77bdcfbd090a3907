//! Actions inside a server-rendered part (`crate::server_html`): a POST form to a server
//! function, and the same behind an inline confirmation. They are drawn by the server only;
//! the part's island catches their submit (`LivePart::acting`), and without wasm the browser
//! posts them itself and the server sends it back to the page.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// What an action form does, and to what.
#[derive(Debug, Clone)]
pub(crate) struct ActRequest {
    /// The server function's URL, e.g. `/rpc/stop_visualization_job`; also what the island is
    /// told (`server_html::Act::is`).
    url: &'static str,
    /// The server function's argument, e.g. `id`.
    field: &'static str,
    /// Its value, e.g. the job's id.
    value: String,
}

impl ActRequest {
    /// A form posting `field=value` to the server function `F`, named by its type so that a
    /// renamed or removed function is a compile error, not a form that posts to nowhere.
    pub(crate) fn to<F: ServerFn>(field: &'static str, value: impl Into<String>) -> Self {
        Self {
            url: F::PATH,
            field,
            value: value.into(),
        }
    }
}

/// `<form method="post">` with `action`'s argument as a hidden field and one submit button.
#[component]
pub(crate) fn ActForm(
    /// What it does.
    action: ActRequest,
    /// The button's text.
    #[prop(into)]
    label: String,
    /// Whether the button looks destructive.
    #[prop(optional)]
    danger: bool,
) -> impl IntoView {
    let ActRequest { url, field, value } = action;
    let id = value.clone();
    view! {
        <form class="act" method="post" action=url data-act=url data-id=id>
            <input type="hidden" name=field value=value/>
            <button type="submit" class:danger=danger>{label}</button>
        </form>
    }
}

/// A button that opens an inline question (hidden until then) with the [`ActForm`] that
/// confirms and a button that dismisses. The island opens and closes it
/// (`data-confirm="open"`, `data-confirm="dismiss"`).
#[component]
pub(crate) fn ActConfirm(
    /// What the confirming form does.
    action: ActRequest,
    /// The opening button, e.g. "Delete".
    label: &'static str,
    /// The question, e.g. "Delete this visualization job?"; also the group's name.
    #[prop(into)]
    question: String,
    /// The confirming button, e.g. "Yes, delete".
    #[prop(into)]
    confirm_label: String,
    /// The dismissing button, e.g. "Keep it".
    dismiss_label: &'static str,
) -> impl IntoView {
    view! {
        <span class="confirm-wrap">
            <button type="button" data-confirm="open">{label}</button>
            <span class="confirm" role="group" aria-label=question.clone() hidden>
                <span class="confirm-question">{question.clone()}</span>
                <ActForm action label=confirm_label danger=true/>
                <button type="button" data-confirm="dismiss">{dismiss_label}</button>
            </span>
        </span>
    }
}
