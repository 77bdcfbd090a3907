//! "Clear data" and "Delete graph", each a `components::ConfirmButton` whose question names
//! the graph. The page owns which confirmation is open, so a re-render keeps it.

use leptos::prelude::*;

use crate::components::ConfirmButton;
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

/// One of the page's confirmations: a [`ConfirmButton`] open while `confirming` is `which`.
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
    view! {
        <ConfirmButton
            label
            question
            confirm_label
            dismiss_label="Keep it"
            open=Signal::derive(move || confirming.get() == Some(which))
            on_open=Callback::new(move |()| confirming.set(Some(which)))
            on_confirm
            on_dismiss=Callback::new(move |()| confirming.set(None))
            pending
        />
    }
}
