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
    use super::act_api::{DeleteVizJob, RestartVizJob, StopVizJob};
    use crate::components::{ActConfirm, ActForm, ActRequest};
    let id = id.to_string();
    let stop = allowed.stop.then(|| {
        let action = ActRequest::to::<StopVizJob>("id", id.clone());
        view! { <ActForm action label="Stop"/> }
    });
    let restart = allowed.restart.then(|| {
        let action = ActRequest::to::<RestartVizJob>("id", id.clone());
        view! { <ActForm action label="Restart"/> }
    });
    let delete = allowed.delete.then(|| {
        let action = ActRequest::to::<DeleteVizJob>("id", id.clone());
        view! {
            <ActConfirm
                action
                label="Delete"
                question="Delete this visualization job?"
                confirm_label="Yes, delete"
                dismiss_label="Keep it"
            />
        }
    });
    view! { <span class="viz-actions">{stop}{restart}{delete}</span> }
}

#[cfg(test)]
mod tests {
    use leptos::prelude::*;

    use super::super::act_api::DeleteVizJob;
    use crate::components::{ActConfirm, ActRequest};

    #[test]
    fn the_question_is_hidden_and_confirming_posts_the_argument() {
        let action = ActRequest::to::<DeleteVizJob>("id", "7\"x");
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
            html.contains(r#"method="post" action="/rpc/delete_visualization_job" data-act="/rpc/delete_visualization_job" data-id="7&quot;x""#),
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
