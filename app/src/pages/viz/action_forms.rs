//! The forms a visualization job's state allows (stop, restart, delete; delete asks first),
//! drawn by the server inside the page's live part (`crate::server_html`) and carried out by
//! the page's server actions (`actions`).

use api::console::viz::VizActions;
use leptos::prelude::*;

/// The forms `allowed` for job `id`.
#[component]
pub(crate) fn VizActionForms(
    /// The job.
    id: i64,
    /// What its state allows.
    allowed: VizActions,
) -> impl IntoView {
    use crate::components::{ActConfirm, ActForm, ActRequest};
    let action = |url, act| ActRequest {
        url,
        act,
        field: "id",
        value: id.to_string(),
    };
    let stop = allowed.stop.then(|| {
        view! { <ActForm action=action("/rpc/stop_visualization_job", "stop") label="Stop"/> }
    });
    let restart = allowed.restart.then(|| {
        view! { <ActForm action=action("/rpc/restart_visualization_job", "restart") label="Restart"/> }
    });
    let delete = allowed.delete.then(|| {
        view! {
            <ActConfirm
                action=action("/rpc/delete_visualization_job", "delete")
                label="Delete"
                question="Delete this visualization job?"
                confirm_label="Yes, delete"
                dismiss_label="Keep it"
            />
        }
    });
    view! { <span class="viz-actions">{stop}{restart}{delete}</span> }
}
