//! Stop, restart and delete of a visualization job (table row or job page): the page's three
//! server actions, which carry out the forms `action_forms` draws.

use leptos::prelude::*;

use super::act_api::{DeleteVizJob, RestartVizJob, StopVizJob};
use crate::error::AppError;
use crate::server_html::Act;

/// The page's actions on its jobs, plus the error of the last one that answered.
#[derive(Clone, Copy)]
pub(crate) struct VizActs {
    /// Stop.
    stop: ServerAction<StopVizJob>,
    /// Restart.
    restart: ServerAction<RestartVizJob>,
    /// Delete.
    pub(crate) delete: ServerAction<DeleteVizJob>,
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

    /// Does what a part's form asked for ([`VizActionForms`]).
    pub(crate) fn run(self, act: Act) {
        let id = act.id.clone();
        if act.is::<StopVizJob>() {
            self.stop.dispatch(StopVizJob { id });
        } else if act.is::<RestartVizJob>() {
            self.restart.dispatch(RestartVizJob { id });
        } else if act.is::<DeleteVizJob>() {
            self.delete.dispatch(DeleteVizJob { id });
        }
    }

    /// How many actions have answered (pages put it into their resource's key, so each answer
    /// brings a fresh render).
    pub(crate) fn answered(&self) -> usize {
        self.stop.version().get() + self.restart.version().get() + self.delete.version().get()
    }

    /// The last action's error, if it failed.
    pub(crate) fn failure(&self) -> Option<AppError> {
        self.failure.get()
    }
}
