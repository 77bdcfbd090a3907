//! The dsl form, drawn by the server and filled with what was typed: a synced HyG view, the
//! script and a timeout. It is posted as it is, to [`SubmitDsl`](super::dsl_api::SubmitDsl).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::dsl_fields::{DslFields, template};

/// The form as HTML; `views` are the synced HyG views' graphs.
pub(crate) fn render(views: Vec<String>, fields: &DslFields, error: &str) -> String {
    let fields = fields.clone();
    let error = error.to_string();
    crate::server_html::render(move || view! { <DslForm views fields error/> })
}

#[component]
fn DslForm(views: Vec<String>, fields: DslFields, error: String) -> impl IntoView {
    if views.is_empty() {
        return view! {
            <div class="empty"><p>
                "No synced HyG view yet. Create one and sync it ("<code>"POST …/hyg/{graph_name}"</code>
                " then "<code>"…/sync"</code>"); then its scripts run here."
            </p></div>
        }
        .into_any();
    }
    let graph = if fields.graph.is_empty() {
        views[0].clone()
    } else {
        fields.graph.clone()
    };
    let script = if fields.script.is_empty() {
        template(&graph)
    } else {
        fields.script.clone()
    };
    let options = views
        .into_iter()
        .map(|v| {
            let selected = v == graph;
            let text = v.clone();
            view! { <option value=v selected=selected>{text}</option> }
        })
        .collect_view();
    let submit = <super::dsl_submit_api::SubmitDsl as ServerFn>::PATH;
    view! {
        <form class="query-form dsl-form" method="post" action=submit>
            {(!error.is_empty()).then(|| view! {
                <p class="form-error" role="alert">{format!("The script was refused: {error}")}</p>
            })}
            <div class="field">
                <label for="dsl-graph">"HyG view"</label>
                <select id="dsl-graph" name="fields[graph]">{options}</select>
            </div>
            <div class="field">
                <label for="dsl-script">"Script (Python, HyG's Pregel API)"</label>
                // Leptos writes a textarea's text children unescaped: the script goes in as
                // escaped inner HTML instead (a script holding "</textarea>" stays text).
                <textarea id="dsl-script" name="fields[script]" rows="22" spellcheck="false"
                    class="code" inner_html=escape_text(&script)></textarea>
            </div>
            <div class="field">
                <label for="dsl-timeout">"Timeout, seconds"</label>
                <input type="text" id="dsl-timeout" name="fields[timeout]" inputmode="numeric"
                    value=fields.timeout placeholder="none"/>
            </div>
            <div class="form-actions">
                <button type="submit" class="primary">"Run script"</button>
            </div>
        </form>
    }
    .into_any()
}

/// `text` with `&`, `<` and `>` as character references.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_form_offers_the_views_and_comes_back_filled() {
        let typed = DslFields {
            graph: "b".into(),
            script: "print(\"</textarea><b>x & y\")".into(),
            timeout: "9".into(),
        };
        let html = render(vec!["a".into(), "b".into()], &typed, "line 1: no");
        assert!(html.contains(r#"action="/rpc/submit_dsl""#), "{html}");
        assert!(html.contains(r#"<option value="b" selected"#), "{html}");
        assert!(
            html.contains("print(\"&lt;/textarea&gt;&lt;b&gt;x &amp; y\")</textarea>"),
            "{html}"
        );
        assert!(html.contains(r#"value="9""#), "{html}");
        assert!(
            html.contains("The script was refused: line 1: no"),
            "{html}"
        );
        let fresh = render(vec!["movie".into()], &DslFields::default(), "");
        assert!(fresh.contains(r#"load_base_graph("movie")"#), "{fresh}");
        assert!(!fresh.contains("form-error"), "{fresh}");
        assert!(render(Vec::new(), &typed, "").contains("No synced HyG view"));
    }
}
