//! Signing in and out: the API token is checked by the engine and kept in the `gj_session`
//! cookie.

mod api;
mod sign_in_page;

pub(crate) use api::{SignOut, SwitchProject, current_project};
pub(crate) use sign_in_page::{SignInPage, SignInPageBody};
