//! Actions inside a server-rendered part (`crate::server_html`): a POST form to a server
//! function, and the same behind an inline confirmation. They are drawn by the server only;
//! the part's island catches their submit (`LivePart::acting`), and without wasm the browser
//! posts them itself and the server sends it back to the page.

use leptos::prelude::*;

/// What an action form does, and to what.
#[derive(Debug, Clone)]
pub(crate) struct ActRequest {
    /// The server function's URL, e.g. `/rpc/stop_visualization_job`.
    pub(crate) url: &'static str,
    /// The name the island is told, e.g. `stop`.
    pub(crate) act: &'static str,
    /// The server function's argument, e.g. `id`.
    pub(crate) field: &'static str,
    /// Its value, e.g. the job's id.
    pub(crate) value: String,
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
    let ActRequest {
        url,
        act,
        field,
        value,
    } = action;
    let id = value.clone();
    view! {
        <form class="act" method="post" action=url data-act=act data-id=id>
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

#[cfg(test)]
mod tests {
    use leptos::prelude::*;

    use super::{ActConfirm, ActRequest};

    #[test]
    fn the_question_is_hidden_and_confirming_posts_the_argument() {
        let action = ActRequest {
            url: "/rpc/delete_visualization_job",
            act: "delete",
            field: "id",
            value: "7\"x".into(),
        };
        let html = crate::server_html::render(|| {
            view! {
                <ActConfirm action label="Delete" question="Delete it?" confirm_label="Yes" dismiss_label="No"/>
            }
        });
        assert!(
            html.contains(r#"<button type="button" data-confirm="open">Delete</button>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"role="group" aria-label="Delete it?" hidden"#),
            "{html}"
        );
        assert!(
            html.contains(r#"method="post" action="/rpc/delete_visualization_job" data-act="delete" data-id="7&quot;x""#),
            "{html}"
        );
        assert!(
            html.contains(r#"<input type="hidden" name="id" value="7&quot;x">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<button type="submit" class="danger">Yes</button>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"data-confirm="dismiss">No</button>"#),
            "{html}"
        );
    }
}
