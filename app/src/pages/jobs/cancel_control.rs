//! The Cancel button of a job (table row or detail page), with its inline confirmation.

use leptos::prelude::*;

use super::api::CancelJob;
use crate::components::ConfirmButton;

/// Cancel → "Cancel this job?" (with an optional reason) → dispatches [`CancelJob`]. `confirming` holds the id of the
/// job whose confirmation is open; it belongs to the page so live refreshes keep it open.
#[component]
pub(crate) fn CancelControl(
    /// The job.
    id: String,
    /// Which job's confirmation is open.
    confirming: RwSignal<Option<String>>,
    /// The page's cancel action.
    cancel: ServerAction<CancelJob>,
) -> impl IntoView {
    let open = {
        let id = id.clone();
        Signal::derive(move || confirming.with(|c| c.as_deref() == Some(id.as_str())))
    };
    let on_open = {
        let id = id.clone();
        Callback::new(move |()| confirming.set(Some(id.clone())))
    };
    let reason = RwSignal::new(String::new());
    let on_confirm = Callback::new(move |()| {
        let given = reason.get_untracked().trim().to_owned();
        cancel.dispatch(CancelJob {
            id: id.clone(),
            reason: (!given.is_empty()).then_some(given),
        });
        reason.set(String::new());
        confirming.set(None);
    });
    let on_dismiss = Callback::new(move |()| confirming.set(None));
    view! {
        <ConfirmButton
            label="Cancel"
            question="Cancel this job?"
            confirm_label="Yes, cancel job"
            dismiss_label="Keep it"
            open
            on_open
            on_confirm
            on_dismiss
            pending=cancel.pending()
            reason
            shortcut="c"
        />
    }
}
