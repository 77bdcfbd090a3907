//! The Cancel button of a job (table row or detail page), with its inline confirmation.

use leptos::prelude::*;

use super::api::CancelJob;
use crate::components::ConfirmButton;

/// Which job's cancel confirmation is open, and the reason typed into it. Both belong to the
/// page, so that a live refresh that draws the row (or the job's status) again keeps the
/// confirmation open with what was typed: a reason held by the control itself was lost with
/// it, and the cancel then went out without it.
/// (The focus in a reason field being typed is kept by the key handling, `crate::keys`.)
#[derive(Clone, Copy)]
pub(crate) struct Confirming {
    id: RwSignal<Option<String>>,
    reason: RwSignal<String>,
}

impl Confirming {
    /// Nothing open, nothing typed.
    pub(crate) fn new() -> Self {
        Confirming {
            id: RwSignal::new(None),
            reason: RwSignal::new(String::new()),
        }
    }
}

/// Cancel → "Cancel this job?" (with an optional reason) → dispatches [`CancelJob`].
#[component]
pub(crate) fn CancelControl(
    /// The job.
    id: String,
    /// The page's open confirmation (see [`Confirming`]).
    confirming: Confirming,
    /// The page's cancel action.
    cancel: ServerAction<CancelJob>,
) -> impl IntoView {
    let Confirming {
        id: open_id,
        reason,
    } = confirming;
    let open = {
        let id = id.clone();
        Signal::derive(move || open_id.with(|c| c.as_deref() == Some(id.as_str())))
    };
    let on_open = {
        let id = id.clone();
        Callback::new(move |()| {
            reason.set(String::new());
            open_id.set(Some(id.clone()));
        })
    };
    let on_confirm = Callback::new(move |()| {
        let given = reason.get_untracked().trim().to_owned();
        cancel.dispatch(CancelJob {
            id: id.clone(),
            reason: (!given.is_empty()).then_some(given),
        });
        reason.set(String::new());
        open_id.set(None);
    });
    let on_dismiss = Callback::new(move |()| open_id.set(None));
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
