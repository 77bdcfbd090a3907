//! A minimal Leptos 0.8 app with what every console page uses: a router with two routes, a
//! document title, a resource loaded from a server function inside `Suspense`, an `ActionForm`
//! posting to another, and a click handler. Its wasm is the floor the console's is measured
//! against (bench/wasm_size.sh); it never runs.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// One table row.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub id: String,
    pub state: String,
    pub progress: f64,
}

/// A page of rows.
#[server]
pub async fn list_rows(page: u32) -> Result<Vec<Row>, ServerFnError> {
    let _ = page;
    Ok(Vec::new())
}

/// Cancels a row.
#[server]
pub async fn cancel(id: String) -> Result<(), ServerFnError> {
    let _ = id;
    Ok(())
}

#[component]
fn Rows() -> impl IntoView {
    let page = RwSignal::new(1u32);
    let rows = Resource::new(move || page.get(), list_rows);
    let cancel = ServerAction::<Cancel>::new();
    let table = move || {
        Suspend::new(async move {
            let rows = rows.await.unwrap_or_default();
            let rows = rows
                .into_iter()
                .map(|r| {
                    view! {
                        <tr>
                            <td>{r.id.clone()}</td>
                            <td>{r.state}</td>
                            <td>{format!("{:.0}%", r.progress * 100.0)}</td>
                            <td>
                                <ActionForm action=cancel>
                                    <input type="hidden" name="id" value=r.id/>
                                    <button>"Cancel"</button>
                                </ActionForm>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! { <table><tbody>{rows}</tbody></table> }
        })
    };
    view! {
        <Title text="Rows"/>
        <Suspense fallback=|| "loading">{table}</Suspense>
        <button on:click=move |_| page.update(|p| *p += 1)>"Next"</button>
    }
}

#[component]
fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <nav><a href="/">"Rows"</a><a href="/about">"About"</a></nav>
            <Routes fallback=|| "not found">
                <Route path=path!("/") view=Rows/>
                <Route path=path!("/about") view=|| view! { <p>"About"</p> }/>
            </Routes>
        </Router>
    }
}

/// The wasm entry point.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
