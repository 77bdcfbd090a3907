//! A destructive action that asks first: the button turns into "Confirm" / "Keep" buttons.
//! The open state is owned by the page (so a live refresh that re-renders the row keeps it).

use leptos::prelude::*;

/// A button guarded by an inline confirmation.
#[component]
pub(crate) fn ConfirmButton(
    /// The action, e.g. "Cancel".
    label: &'static str,
    /// The question shown while confirming, e.g. "Cancel this job?" (may name the target).
    #[prop(into)]
    question: String,
    /// The confirming button, e.g. "Yes, cancel job".
    #[prop(into)]
    confirm_label: String,
    /// The dismissing button, e.g. "Keep running".
    dismiss_label: &'static str,
    /// Whether the confirmation is showing.
    #[prop(into)]
    open: Signal<bool>,
    /// Asked to show the confirmation.
    on_open: Callback<()>,
    /// Confirmed.
    on_confirm: Callback<()>,
    /// Dismissed.
    on_dismiss: Callback<()>,
    /// Disables every button (e.g. while the action runs).
    #[prop(into, optional)]
    pending: Signal<bool>,
    /// A reason the user may give, asked for next to the question (e.g. a cancel's, which the
    /// audit log records).
    #[prop(optional)]
    reason: Option<RwSignal<String>>,
    /// The key that opens the confirmation (`aria-keyshortcuts`, `crate::keys`), if any.
    #[prop(optional)]
    shortcut: Option<&'static str>,
) -> impl IntoView {
    move || {
        if open.get() {
            let reason = reason.map(|r| {
                view! {
                    <input type="text" class="confirm-reason" aria-label="Reason (optional)"
                        placeholder="Reason (optional)" maxlength="200"
                        prop:value=move || r.get() on:input=move |ev| r.set(event_target_value(&ev))/>
                }
            });
            view! {
                <span class="confirm" role="group" aria-label=question.clone()>
                    <span class="confirm-question">{question.clone()}</span>
                    {reason}
                    <button type="button" class="danger" disabled=move || pending.get() on:click=move |_| on_confirm.run(())>
                        {confirm_label.clone()}
                    </button>
                    <button type="button" disabled=move || pending.get() on:click=move |_| on_dismiss.run(())>
                        {dismiss_label}
                    </button>
                </span>
            }
            .into_any()
        } else {
            view! {
                <button type="button" aria-keyshortcuts=shortcut disabled=move || pending.get() on:click=move |_| on_open.run(())>
                    {label}
                </button>
            }
            .into_any()
        }
    }
}
