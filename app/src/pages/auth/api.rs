//! Server functions of the session: sign in, sign out, and who is signed in.

use leptos::prelude::*;

use crate::error::AppError;

/// Checks `token` with the engine; if it is valid, stores it in the session cookie and
/// redirects to `/jobs`.
///
/// # Errors
/// [`AppError::Unauthenticated`] (status 401, no redirect) for an unknown token.
#[server(prefix = "/rpc", endpoint = "sign_in")]
pub(crate) async fn sign_in(token: String) -> Result<(), AppError> {
    use crate::{cookie, session};
    let token = token.trim();
    if !cookie::storable(token) {
        return Err(session::refuse(AppError::Unauthenticated));
    }
    let grants = session::engine()?
        .authenticate(token)
        .await
        .map_err(session::refuse)?;
    if grants.is_empty() {
        return Err(session::refuse(AppError::Unauthenticated));
    }
    session::set_cookie(&cookie::start(token))?;
    session::set_cookie(&cookie::forget_project())?;
    leptos_axum::redirect("/jobs");
    Ok(())
}

/// Clears the session cookie and redirects to `/signin`.
#[server(prefix = "/rpc", endpoint = "sign_out")]
pub(crate) async fn sign_out() -> Result<(), AppError> {
    use crate::{cookie, session};
    session::set_cookie(&cookie::end())?;
    session::set_cookie(&cookie::forget_project())?;
    leptos_axum::redirect("/signin");
    Ok(())
}

/// The current project and every project the token may use; also the signed-in pages' guard
/// (redirects to `/signin`).
#[server(prefix = "/rpc", endpoint = "current_project")]
pub(crate) async fn current_project() -> Result<api::console::SessionProjects, AppError> {
    let s = crate::session::session().await?;
    Ok(api::console::SessionProjects {
        current: s.project,
        all: s.projects,
        role: api::convert::role(s.role),
    })
}

/// Makes `project` the current one (it must be one the token may use) and reloads the
/// console on the overview.
#[server(prefix = "/rpc", endpoint = "switch_project")]
pub(crate) async fn switch_project(project: String) -> Result<(), AppError> {
    use crate::{cookie, session};
    let s = session::session().await?;
    if !s.projects.contains(&project) {
        return Err(session::refuse(AppError::Invalid(format!(
            "This token cannot use project \"{project}\"."
        ))));
    }
    session::set_cookie(&cookie::choose_project(&project))?;
    leptos_axum::redirect("/overview");
    Ok(())
}
