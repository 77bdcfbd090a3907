//! The islands reference for the console's wasm size: the smallest Leptos 0.8 islands app with
//! what each console island uses. The router, the title and the resource run on the server
//! only; the browser gets the island (a keyed list from its props, a signal, a server action
//! form) and the islands runtime.
use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub id: String,
    pub state: String,
    pub progress: f64,
}

#[server]
pub async fn list_rows(page: u32) -> Result<Vec<Row>, ServerFnError> {
    let _ = page;
    Ok(Vec::new())
}

#[server]
pub async fn cancel(id: String) -> Result<(), ServerFnError> {
    let _ = id;
    Ok(())
}

#[island]
fn LiveRows(rows: Vec<Row>) -> impl IntoView {
    let rows = RwSignal::new(rows);
    let cancel = ServerAction::<Cancel>::new();
    view! {
        <table><tbody>
        <For each=move || rows.get() key=|r| r.id.clone() let:r>
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
        </For>
        </tbody></table>
        <button on:click=move |_| rows.update(|r| r.reverse())>"Flip"</button>
    }
}

#[component]
fn Rows() -> impl IntoView {
    let rows = Resource::new(|| 1u32, list_rows);
    view! {
        <Title text="Rows"/>
        <Suspense fallback=|| "loading">{move || Suspend::new(async move {
            let rows = rows.await.unwrap_or_default();
            view! { <LiveRows rows/> }
        })}</Suspense>
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

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
