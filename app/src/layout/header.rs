//! The top bar: product name, current project and the token's role in it, sign out.

use leptos::prelude::*;

use api::console::SessionProjects;

use crate::error::AppError;
use crate::page_data::PageData;
use crate::pages::{SignOut, SwitchProject};

/// The top bar. `project` is the layout's session resource.
#[component]
pub(crate) fn Header(
    /// The current project and the token's others, from the session.
    project: PageData<Result<SessionProjects, AppError>>,
) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let switch = ServerAction::<SwitchProject>::new();
    view! {
        <header class="topbar">
            <a class="brand" href="/jobs">"graphjobs"</a>
            <span class="project">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        project.await.ok().map(|p| {
                        let role = view! {
                            <span class="role-badge" title="Your role in this project">{p.role.as_str()}</span>
                        };
                        match p.all.len() {
                            0 | 1 => view! {
                                <span class="muted">"Project "</span>
                                <strong class="project-name">{p.current}</strong>
                                {role}
                            }
                            .into_any(),
                            _ => {
                                let options = p
                                    .all
                                    .iter()
                                    .map(|name| {
                                        let selected = *name == p.current;
                                        view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                                    })
                                    .collect_view();
                                view! {
                                    <ActionForm action=switch attr:class="project-switch">
                                        <label for="project-switch" class="muted">"Project"</label>
                                        <select id="project-switch" name="project">{options}</select>
                                        <button type="submit">"Switch"</button>
                                    </ActionForm>
                                    {role}
                                }
                                .into_any()
                            }
                        }
                        })
                    })}
                </Transition>
            </span>
            <ActionForm action=sign_out>
                <button type="submit" class="link-button">"Sign out"</button>
            </ActionForm>
        </header>
    }
    .into_any()
}
