//! Stop, restart and delete of a visualization job (table row or job page): the page's three
//! server actions, and the buttons a job's state allows. Delete asks first.

use api::console::viz::VizActions;
use leptos::prelude::*;

use super::api::{DeleteVizJob, RestartVizJob, StopVizJob};
use crate::components::ConfirmButton;
use crate::error::AppError;

/// The page's actions on its jobs, plus the error of the last one that answered.
#[derive(Clone, Copy)]
pub(crate) struct VizActs {
    /// Stop.
    pub(crate) stop: ServerAction<StopVizJob>,
    /// Restart.
    pub(crate) restart: ServerAction<RestartVizJob>,
    /// Delete.
    pub(crate) delete: ServerAction<DeleteVizJob>,
    /// Which job's delete confirmation is open (the page owns it, so a live refresh that
    /// re-renders the row keeps it open).
    pub(crate) confirming: RwSignal<Option<i64>>,
    /// The last answer's error, cleared by a success.
    failure: RwSignal<Option<AppError>>,
}

impl VizActs {
    /// The actions of one page.
    pub(crate) fn new() -> Self {
        let acts = Self {
            stop: ServerAction::new(),
            restart: ServerAction::new(),
            delete: ServerAction::new(),
            confirming: RwSignal::new(None),
            failure: RwSignal::new(None),
        };
        let failure = acts.failure;
        let track = move |outcome: Option<Result<(), AppError>>| {
            if let Some(outcome) = outcome {
                failure.set(outcome.err());
            }
        };
        Effect::new(move |_| track(acts.stop.value().get().map(|r| r.map(drop))));
        Effect::new(move |_| track(acts.restart.value().get().map(|r| r.map(drop))));
        Effect::new(move |_| track(acts.delete.value().get()));
        acts
    }

    /// Changes whenever an action has answered (pages put it into their resource's key).
    pub(crate) fn version(&self) -> (usize, usize, usize) {
        (
            self.stop.version().get(),
            self.restart.version().get(),
            self.delete.version().get(),
        )
    }

    /// The last action's error, if it failed.
    pub(crate) fn failure(&self) -> Option<AppError> {
        self.failure.get()
    }

    /// Whether an action is on its way.
    fn pending(&self) -> bool {
        self.stop.pending().get() || self.restart.pending().get() || self.delete.pending().get()
    }
}

/// The buttons `allowed` for job `id`.
#[component]
pub(crate) fn VizActionButtons(
    /// The job.
    id: i64,
    /// What its state allows.
    allowed: VizActions,
    /// The page's actions.
    acts: VizActs,
) -> impl IntoView {
    let pending = Signal::derive(move || acts.pending());
    let key = id.to_string();
    let stop = allowed.stop.then(|| {
        let id = key.clone();
        view! {
            <button type="button" disabled=pending
                on:click=move |_| { acts.stop.dispatch(StopVizJob { id: id.clone() }); }>
                "Stop"
            </button>
        }
    });
    let restart = allowed.restart.then(|| {
        let id = key.clone();
        view! {
            <button type="button" disabled=pending
                on:click=move |_| { acts.restart.dispatch(RestartVizJob { id: id.clone() }); }>
                "Restart"
            </button>
        }
    });
    let delete = allowed.delete.then(|| {
        let open = Signal::derive(move || acts.confirming.get() == Some(id));
        let on_confirm = Callback::new(move |()| {
            acts.delete.dispatch(DeleteVizJob { id: key.clone() });
            acts.confirming.set(None);
        });
        view! {
            <ConfirmButton
                label="Delete"
                question="Delete this visualization job?"
                confirm_label="Yes, delete"
                dismiss_label="Keep it"
                open
                on_open=Callback::new(move |()| acts.confirming.set(Some(id)))
                on_confirm
                on_dismiss=Callback::new(move |()| acts.confirming.set(None))
                pending
            />
        }
    });
    view! { <span class="viz-actions">{stop}{restart}{delete}</span> }
}
