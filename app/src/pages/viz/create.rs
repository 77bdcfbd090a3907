//! `/visualizations/new`: the create form.

mod text_field;
mod viz_form;

use api::console::Role;
use leptos::prelude::*;
use leptos_meta::Title;

use self::viz_form::VizForm;
use crate::components::RoleNotice;

/// The new visualization job page: the form for a role that may create jobs, and for a
/// viewer what it would need.
#[component]
pub(crate) fn CreateViz() -> impl IntoView {
    let role = crate::page_role::page_role();
    let body = if role.may_operate() {
        view! { <crate::areas::VizArea view=crate::areas::VizView::Create>""</crate::areas::VizArea> }
            .into_any()
    } else {
        view! {
            <p class="breadcrumb"><a href="/visualizations">"← Visualization jobs"</a></p>
            <h1>"New visualization job"</h1>
            <RoleNotice role needs=Role::Operator what="create visualization jobs"/>
        }
        .into_any()
    };
    view! {
        <Title text="New visualization job"/>
        {body}
    }
}

/// The page's interactive part (hydrated in `crate::areas`).
#[component]
pub(crate) fn CreateVizBody() -> impl IntoView {
    view! {
        <p class="breadcrumb"><a href="/visualizations">"← Visualization jobs"</a></p>
        <h1>"New visualization job"</h1>
        <p class="muted viz-intro">
            "The job reads the folder at train_url when it starts and charts it: a graphjobs result dump (export-result) or TensorBoard event files."
        </p>
        <VizForm/>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::test_markup::Markup;
    use leptos::prelude::*;

    use super::CreateViz;

    #[test]
    fn the_form_posts_every_field_to_the_server_function_without_wasm() {
        let html = Owner::new().with(|| {
            leptos_meta::provide_meta_context();
            crate::session::provide_test_session(engine::auth::Role::Operator);
            view! { <CreateViz/> }.markup()
        });
        assert!(
            html.contains(r#"action="/rpc/create_visualization_job""#),
            "{html}"
        );
        assert!(html.contains(r#"method="post""#), "{html}");
        assert!(html.contains("novalidate"), "{html}");
        for (id, label) in [
            ("job_name", "Name"),
            ("job_desc", "Description"),
            ("train_url", "train_url"),
            ("auto_stop_hours", "Auto-stop after (hours)"),
        ] {
            assert!(
                html.contains(&format!(r#"<label for="{id}">{label}"#)),
                "{id}: {html}"
            );
            assert!(
                html.contains(&format!(r#"id="{id}" name="{id}""#)),
                "{id}: {html}"
            );
            assert!(
                html.contains(&format!(r#"aria-describedby="{id}-help""#)),
                "{id}: {html}"
            );
        }
        assert!(html.contains(r#"aria-invalid="false""#), "{html}");
        assert!(html.contains(">Create</button>"), "{html}");
        // Nothing is wrong before the user has submitted.
        assert!(!html.contains("field-error"), "{html}");
    }

    #[test]
    fn a_viewer_gets_no_form_but_what_it_would_need() {
        let html = Owner::new().with(|| {
            leptos_meta::provide_meta_context();
            crate::session::provide_test_session(engine::auth::Role::Viewer);
            view! { <CreateViz/> }.markup()
        });
        assert!(!html.contains("create_visualization_job"), "{html}");
        assert!(!html.contains("<form"), "{html}");
        assert!(
            html.contains(
                "Your role in this project is viewer: it cannot create visualization jobs"
            ),
            "{html}"
        );
    }
}
