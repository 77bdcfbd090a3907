//! The parent route of every signed-in page. Its session check doubles as the guard: without
//! a valid session cookie the server function redirects to `/signin`.

use leptos::prelude::*;
use leptos_router::components::Outlet;

use super::{header::Header, nav::Nav};
use crate::page_data::frame_data;
use crate::pages::current_project;

/// Header, navigation and the current page.
#[component]
pub(crate) fn ShellLayout() -> impl IntoView {
    let project = frame_data(|| (), |_| current_project());
    view! {
        <div class="frame">
            <Header project/>
            <Nav/>
            <main id="main" class="content">
                <Outlet/>
            </main>
        </div>
    }
    .into_any()
}
