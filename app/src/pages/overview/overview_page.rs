//! `/overview`: the project at a glance, rendered by the server (`crate::server_html`) and
//! rendered anew, while some job can still change, every time the page polls.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::overview_live;
use crate::live::use_live_tick;
use crate::page_data::page_data;
use crate::server_html::{LivePart, ServerPart};

/// The overview page, with the overview rendered inside its island (server only).
#[component]
pub(crate) fn OverviewPage() -> impl IntoView {
    let load = || {
        let live = overview_live(true);
        async move { live.await.map(|o| o.html) }
    };
    view! {
        <Title text="Overview"/>
        <crate::areas::GraphsArea view=crate::areas::GraphsView::Overview>
            <ServerPart load loading="Loading the overview…" show_error=true/>
        </crate::areas::GraphsArea>
    }
}

/// The overview's live part (hydrated in `crate::areas`): polls while some job can still
/// change and puts each fresh render of `overview` in place.
#[component]
pub(crate) fn OverviewPageBody(
    /// The overview, rendered by the server.
    overview: Children,
) -> impl IntoView {
    let live = RwSignal::new(false);
    let tick = use_live_tick(live.into());
    // The page came with the server's render: only later polls bring it anew.
    let state = page_data(move || tick.get(), |tick| overview_live(tick > 0));
    let part = LivePart::new();
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(o)) = state.get() {
            live.set(o.active);
            if let Some(html) = o.html {
                part.show(html);
            }
        }
    });
    view! {
        <h1>"Overview"</h1>
        {part.element("overview-part", overview)}
    }
}
