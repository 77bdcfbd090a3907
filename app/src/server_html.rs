//! Parts of a page that the server renders to HTML and the browser shows as they come, with
//! none of their code in the wasm.
//!
//! A part of a live page (a job's facts and result tables, a visualization's charts, a table
//! of jobs) is rendered on the server twice over: inside the page, as its island's `children`,
//! and again on a change, by a server function that returns the fresh render as HTML. The
//! island puts that HTML in the part's place ([`LivePart`]). Such a part holds links, GET
//! forms and action forms (POST forms the island catches, [`LivePart::acting`]): nothing in it
//! is hydrated.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::AppError;

/// A live part once more, from its server function: whether the page shows something that can
/// still change (so it keeps polling) and, when asked for, the part's fresh render.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct LiveHtml {
    /// Some job shown is queued, running or cancelling.
    pub(crate) active: bool,
    /// The part as HTML; `None` unless asked for.
    pub(crate) html: Option<String>,
}

/// A part's first render, inside the page: the island's `children`, so it runs on the server
/// only. `load` is awaited there and the HTML it returns written as it came; `loading` is
/// shown until then. An error is shown only with `show_error` (otherwise the island, which
/// reads the same data, shows it).
#[component]
pub(crate) fn ServerPart<F, Fut>(
    /// The part's server function, asked for its HTML.
    load: F,
    /// The text while it loads.
    loading: &'static str,
    /// Whether to show an error here.
    #[prop(optional)]
    show_error: bool,
) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Option<String>, AppError>> + Send + 'static,
{
    let part = crate::page_data::frame_data(|| (), move |_| load());
    view! {
        <Suspense fallback=move || view! { <p class="muted" role="status">{loading}</p> }>
            {move || Suspend::new(async move {
                match part.await {
                    Ok(html) => view! { <div inner_html=html.unwrap_or_default()></div> }.into_any(),
                    Err(error) if show_error => view! { <crate::components::ErrorNotice error/> }.into_any(),
                    Err(_) => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// `view` rendered to HTML, in a reactive root of its own (the components may make signals;
/// nothing outlives the render). Without hydration markers: nothing in it is hydrated. (With
/// `erase_components` the server writes `<!>` after much of the text; a `<!>` in the data is
/// escaped, so every one in the output is a marker.)
#[cfg(feature = "ssr")]
pub(crate) fn render<V: IntoView>(view: impl FnOnce() -> V) -> String {
    Owner::new().with(|| view().into_view().to_html().replace("<!>", ""))
}

/// A server-rendered part of a live page, in the island: the element that holds it, and a
/// fresh render held back while the focus is inside it.
///
/// Someone typing in the part's form (the job page's "Jump to offset") or tabbing through its
/// links would lose the field or the focus if the part were replaced under them, so a render
/// that arrives then is put in place once the focus leaves the part.
///
/// A part may hold actions (`crate::components::{ActForm, ActConfirm}`): POST forms to a
/// server function. Without wasm the browser posts them and the server sends it back to the
/// page; with it, [`LivePart::acting`] catches their submit and hands the page an [`Act`], and
/// opens and closes their confirmations, so none of the buttons' code is in the wasm either.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LivePart {
    node: NodeRef<Div>,
    /// Renders waiting for the focus to leave: a selector inside the part (empty: the whole
    /// part) and its HTML.
    held: StoredValue<Vec<(&'static str, String)>>,
}

/// An action asked for by a part's form: its `data-act` (the path of the server function it
/// posts to) and `data-id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Act {
    /// What to do: the server function's path, e.g. `/rpc/stop_visualization_job`.
    path: String,
    /// On what, e.g. a job id.
    pub(crate) id: String,
}

impl Act {
    /// Whether the form posts to the server function `F` (named by its type, as the form was
    /// drawn: `components::ActRequest::to`).
    pub(crate) fn is<F: leptos::server_fn::ServerFn>(&self) -> bool {
        self.path == F::PATH
    }
}

impl LivePart {
    /// A part not yet on the page.
    pub(crate) fn new() -> Self {
        Self {
            node: NodeRef::new(),
            held: StoredValue::new(Vec::new()),
        }
    }

    /// The element that holds the part, with class `class`, showing `first` (the island's
    /// `children`: the server's first render) until a fresh render replaces it.
    pub(crate) fn element(self, class: &'static str, first: Children) -> impl IntoView {
        view! {
            <div class=class node_ref=self.node on:focusout=move |ev| self.focus_left(ev)>{first()}</div>
        }
    }

    /// [`LivePart::element`] for a part with actions: a submitted action form is handed to
    /// `on_act` (its button disabled until the next render), and the part's confirmations
    /// open and close in place.
    pub(crate) fn acting(
        self,
        class: &'static str,
        first: Children,
        on_act: impl Fn(Act) + 'static,
    ) -> impl IntoView {
        view! {
            <div
                class=class
                node_ref=self.node
                on:focusout=move |ev| self.focus_left(ev)
                on:click=toggle_confirm
                on:submit=move |ev| {
                    if let Some(act) = submitted(&ev) {
                        on_act(act);
                    }
                }
            >
                {first()}
            </div>
        }
    }

    /// Puts `html`, the server's fresh render, in place of what the part shows now; or, while
    /// the focus is inside the part, once it has left.
    pub(crate) fn show(self, html: String) {
        self.show_in("", html);
    }

    /// [`LivePart::show`] for the element matching `selector` inside the part.
    pub(crate) fn show_in(self, selector: &'static str, html: String) {
        let Some(el) = self.node.get_untracked() else {
            return;
        };
        let focused = document()
            .active_element()
            .is_some_and(|active| el.contains(Some(&active)));
        if focused {
            self.held.update_value(|held| {
                held.retain(|(s, _)| *s != selector);
                held.push((selector, html));
            });
        } else {
            self.held
                .update_value(|held| held.retain(|(s, _)| *s != selector));
            put(&el, selector, &html);
        }
    }

    /// The part's `focusout` handler: puts held renders in place when the focus goes
    /// somewhere outside the part.
    fn focus_left(self, ev: web_sys::FocusEvent) {
        let Some(el) = self.node.get_untracked() else {
            return;
        };
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if to.is_some_and(|to| el.contains(Some(&to))) {
            return;
        }
        for (selector, html) in self
            .held
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            put(&el, selector, &html);
        }
    }
}

/// Sets the HTML of `selector` inside `el` (of `el` itself for an empty selector).
fn put(el: &web_sys::HtmlDivElement, selector: &str, html: &str) {
    if selector.is_empty() {
        el.set_inner_html(html);
    } else if let Ok(Some(target)) = el.query_selector(selector) {
        target.set_inner_html(html);
    }
}

/// The element an event happened on, or its closest ancestor matching `selector`.
fn closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(selector).ok().flatten()
}

/// A click on a confirmation's opening (`data-confirm="open"`) or dismissing button: swaps
/// the opening button for the question and its buttons, or back, and moves the focus along
/// (so a live render is held while the question is open).
fn toggle_confirm(ev: web_sys::MouseEvent) {
    let Some(button) = closest(&ev, "button[data-confirm]") else {
        return;
    };
    let Some(wrap) = button.closest(".confirm-wrap").ok().flatten() else {
        return;
    };
    let opening = button.get_attribute("data-confirm").as_deref() == Some("open");
    let find = |selector: &str| wrap.query_selector(selector).ok().flatten();
    let (Some(opener), Some(group)) = (find("[data-confirm=open]"), find(".confirm")) else {
        return;
    };
    let _ = if opening {
        opener.set_attribute("hidden", "")
    } else {
        opener.remove_attribute("hidden")
    };
    let _ = if opening {
        group.remove_attribute("hidden")
    } else {
        group.set_attribute("hidden", "")
    };
    let focus = if opening {
        find("[data-confirm=dismiss]")
    } else {
        Some(opener)
    };
    if let Some(focus) = focus.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = focus.focus();
    }
}

/// The action of a submitted action form (`data-act`, `data-id`), its default (the browser's
/// own post) prevented and its button disabled; `None` for any other form, which goes on as
/// it would.
fn submitted(ev: &web_sys::SubmitEvent) -> Option<Act> {
    let form = closest(ev, "form[data-act]")?;
    let path = form.get_attribute("data-act")?;
    let id = form.get_attribute("data-id")?;
    ev.prevent_default();
    if let Ok(Some(button)) = form.query_selector("button") {
        let _ = button.set_attribute("disabled", "");
    }
    Some(Act { path, id })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::prelude::*;

    #[test]
    fn data_is_text_and_the_markers_are_gone() {
        let (a, b) = ("<!> <b>x</b>".to_string(), "y".to_string());
        let html =
            super::render(|| view! { <p>{a}{b}</p> <ul>{vec![view! { <li>"1"</li> }]}</ul> });
        assert_eq!(
            html,
            "<p>&lt;!&gt; &lt;b&gt;x&lt;/b&gt;y</p><ul><li>1</li></ul>"
        );
    }
}
