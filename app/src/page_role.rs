//! The signed-in token's role in the current project, for a page while the server renders it:
//! the page leaves out the controls the role may not use and hands the role to its island.
//! Hiding is only for the user's sake: every server function checks the role again
//! (`crate::session::session_as`).

use api::console::Role;

/// The role of the request being rendered; viewer without a session (such a page sends the
/// browser to sign in anyway). Pages run on the server only, so the browser build never asks.
pub(crate) fn page_role() -> Role {
    #[cfg(feature = "ssr")]
    {
        crate::session::resolved_role()
            .map(api::convert::role)
            .unwrap_or(Role::Viewer)
    }
    #[cfg(not(feature = "ssr"))]
    {
        Role::Viewer
    }
}
