//! The parent route of every signed-in page. Its session check doubles as the guard: without
//! a valid session cookie the server function redirects to `/signin`.

use leptos::prelude::*;
use leptos_router::components::Outlet;

use super::{header::Header, nav::Nav};
use crate::page_data::frame_data;
use crate::pages::current_project;

/// Header, navigation and the current page, and the keyboard's dialogs (`crate::keys`). The
/// frame carries the token's role (`data-role`), which the keys read: `c` offers no cancel to
/// a viewer.
#[component]
pub(crate) fn ShellLayout() -> impl IntoView {
    let project = frame_data(|| (), |_| current_project());
    let role = crate::page_role::page_role();
    view! {
        <div class="frame" data-role=role.as_str()>
            <Header project/>
            <Nav/>
            <main id="main" class="content">
                <Outlet/>
            </main>
        </div>
        {keys()}
    }
    .into_any()
}

/// The keys' dialogs, rendered by the server only (the layout never runs in the browser).
#[cfg(feature = "ssr")]
fn keys() -> impl IntoView {
    view! { <crate::keys::KeyDialogs/> }
}

#[cfg(not(feature = "ssr"))]
fn keys() -> impl IntoView {}
