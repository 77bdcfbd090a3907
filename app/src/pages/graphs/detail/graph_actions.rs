//! "Clear data" and "Delete graph", each turning into a confirmation that names the graph
//! (the same markup and classes as `components::ConfirmButton`, whose question is a fixed
//! text). The page owns which confirmation is open, so a re-render keeps it.

use leptos::prelude::*;

use crate::pages::graphs::api::{ClearGraph, DeleteGraph};

/// Which confirmation is open: [`CLEAR`] or [`DELETE`].
const CLEAR: &str = "clear";
/// See [`CLEAR`].
const DELETE: &str = "delete";

/// The graph's destructive actions.
#[component]
pub(crate) fn GraphActions(
    /// The graph.
    name: String,
    /// Which confirmation is open.
    confirming: RwSignal<Option<&'static str>>,
    /// The page's clear action.
    clear: ServerAction<ClearGraph>,
    /// The page's delete action.
    delete: ServerAction<DeleteGraph>,
) -> impl IntoView {
    let pending = Signal::derive(move || clear.pending().get() || delete.pending().get());
    let on_clear = {
        let name = name.clone();
        Callback::new(move |()| {
            clear.dispatch(ClearGraph { name: name.clone() });
            confirming.set(None);
        })
    };
    let on_delete = {
        let name = name.clone();
        Callback::new(move |()| {
            delete.dispatch(DeleteGraph { name: name.clone() });
            confirming.set(None);
        })
    };
    view! {
        <div class="graph-actions">
            <a class="button" href=format!("/graphs/import?graph={name}")>"Import more data"</a>
            <Confirmed
                which=CLEAR
                label="Clear data"
                question=format!("Remove every vertex and edge of graph {name}? Its schema stays.")
                confirm_label=format!("Yes, clear {name}")
                confirming
                on_confirm=on_clear
                pending
            />
            <Confirmed
                which=DELETE
                label="Delete graph"
                question=format!("Delete graph {name} and all its data?")
                confirm_label=format!("Yes, delete {name}")
                confirming
                on_confirm=on_delete
                pending
            />
        </div>
    }
}

/// A button that asks `question` before running `on_confirm`.
#[component]
fn Confirmed(
    /// Which confirmation this is.
    which: &'static str,
    /// The button, e.g. "Delete graph".
    label: &'static str,
    /// The question naming the graph.
    question: String,
    /// The confirming button, naming the graph.
    confirm_label: String,
    /// Which confirmation is open.
    confirming: RwSignal<Option<&'static str>>,
    /// Confirmed.
    on_confirm: Callback<()>,
    /// Disables every button while an action runs.
    pending: Signal<bool>,
) -> impl IntoView {
    move || {
        if confirming.get() == Some(which) {
            view! {
                <span class="confirm" role="group" aria-label=question.clone()>
                    <span class="confirm-question">{question.clone()}</span>
                    <button type="button" class="danger" disabled=move || pending.get() on:click=move |_| on_confirm.run(())>
                        {confirm_label.clone()}
                    </button>
                    <button type="button" disabled=move || pending.get() on:click=move |_| confirming.set(None)>
                        "Keep it"
                    </button>
                </span>
            }
            .into_any()
        } else {
            view! {
                <button type="button" disabled=move || pending.get() on:click=move |_| confirming.set(Some(which))>
                    {label}
                </button>
            }
            .into_any()
        }
    }
}
