//! Signing in and out: the API token is checked by the engine and kept in the `gj_session`
//! cookie.

mod api;
mod sign_in_page;

/// Its reads, by type, for the console's table of server functions (`crate::server_fns`).
#[cfg(feature = "ssr")]
pub(crate) use api::CurrentProject;
/// Its server functions that change something, by type, for the console's audit
/// (`crate::console_audit`).
#[cfg(feature = "ssr")]
pub(crate) use api::SignIn;
pub(crate) use api::{SignOut, SwitchProject, current_project};
pub(crate) use sign_in_page::{SignInPage, SignInPageBody};
