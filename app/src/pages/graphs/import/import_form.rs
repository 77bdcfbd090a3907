//! The import form's fields. Text inputs are named `form[…]` after the fields of
//! `ImportForm`, file inputs `schema_file`, `vertex_files` and `edge_files` (see
//! `upload_api`); the plain HTML post and the hydrated form send the same multipart body. The
//! graph name is checked as it is typed; everything is checked again by the server function.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::components::ErrorNotice;
use crate::pages::graphs::import_fields::{PARALLEL_EDGE, graph_name_problem};
use crate::pages::graphs::upload_api::ImportAction;

/// The same rule as [`graph_name_problem`], for the browser's own check.
const NAME_PATTERN: &str = ::rules::graph::GRAPH_NAME_PATTERN;
/// The most parts the engine cuts a graph into, the partitions input's `max`.
const MAX_PARTS: u32 = ::rules::graph::MAX_PARTS;

/// The form.
#[component]
pub(crate) fn ImportFormView(
    /// The page's import action: sends the form's data to `upload_import`.
    submit: ImportAction,
    /// The graph name to start with (`?graph=`).
    graph: String,
) -> impl IntoView {
    let name = RwSignal::new(graph);
    let name_error = move || {
        let n = name.get();
        (!n.is_empty())
            .then(|| graph_name_problem(n.trim()))
            .flatten()
    };
    let described_by = move || {
        if name_error().is_some() {
            "import-graph-help import-graph-error"
        } else {
            "import-graph-help"
        }
    };
    let pending = move || submit.pending().get();
    let failure = move || {
        submit
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| view! { <ErrorNotice error/> })
    };
    let modes = PARALLEL_EDGE
        .iter()
        .map(|&m| view! { <option value=m selected={m == "allow"}>{m}</option> })
        .collect_view();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
        let Some(data) = form.and_then(|f| web_sys::FormData::new_with_form(&f).ok()) else {
            // Leave it to the browser's own multipart post.
            return;
        };
        ev.prevent_default();
        submit.dispatch(SendWrapper::new(data));
    };

    let upload = <crate::pages::graphs::upload_api::UploadImport as ServerFn>::PATH;
    view! {
        <form method="post" action=upload enctype="multipart/form-data" on:submit=on_submit>
            <div class="import-form">
                <div class="field" class:field-invalid=move || name_error().is_some()>
                    <label for="import-graph">"Graph name"</label>
                    <input type="text" id="import-graph" name="form[graph]" list="graph-names"
                        required maxlength="64" pattern=NAME_PATTERN autocomplete="off" spellcheck="false"
                        value=name.get_untracked()
                        aria-describedby=described_by
                        aria-invalid=move || name_error().is_some().to_string()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                    <small id="import-graph-help" class="help">
                        "A new name creates the graph; an existing one adds to it. "
                        "1–64 letters, digits, _ or -, starting with a letter."
                    </small>
                    {move || name_error().map(|e| view! { <p id="import-graph-error" class="field-error">"Graph name: " {e}</p> })}
                </div>
                <fieldset class="params">
                    <legend>"Files"</legend>
                    {path_field(INPUTS[0])}
                    {path_field(INPUTS[1])}
                    {path_field(INPUTS[2])}
                    <p class="help">
                        "Give vertices, edges or both, each as a path (a file or a directory) or as "
                        "files chosen here, which are uploaded with the form and kept on the server "
                        "so the import can be re-run."
                    </p>
                </fieldset>
                <fieldset class="params">
                    <legend>"CSV format"</legend>
                    {char_field("import-delimiter", "delimiter", "Delimiter", ",")}
                    {char_field("import-quote", "trim_quote", "Quote character", "\"")}
                    <div class="field">
                        <label for="import-parallel">"Parallel edges"</label>
                        <select id="import-parallel" name="form[parallel_edge]" aria-describedby="import-parallel-help">{modes}</select>
                        <small id="import-parallel-help" class="help">
                            "allow keeps every edge; ignore keeps the first of edges with the same ends; override keeps the last."
                        </small>
                    </div>
                    <div class="field checkbox-field">
                        <input type="checkbox" id="import-ignore-label" name="form[ignore_label]" value="true" checked/>
                        <label for="import-ignore-label">"Edges with the same ends are parallel even if their labels differ"</label>
                    </div>
                    <div class="field">
                        <label for="import-log-dir">"Rejected rows directory"</label>
                        <input type="text" id="import-log-dir" name="form[log_dir]" placeholder="file:///…" autocomplete="off"
                            aria-describedby="import-log-dir-help"/>
                        <small id="import-log-dir-help" class="help">"Optional local directory where rows that cannot be read are written."</small>
                    </div>
                    <div class="field">
                        <label for="import-partitions">"Partitions"</label>
                        <input type="number" id="import-partitions" name="form[partitions]" min="1" max=MAX_PARTS
                            aria-describedby="import-partitions-help"/>
                        <small id="import-partitions-help" class="help">
                            "Optional: import into this many parts for the distributed executor (a new graph, every edge kept); only its distributed algorithms run on it."
                        </small>
                    </div>
                </fieldset>
                <fieldset class="params">
                    <legend>"OBS credentials"</legend>
                    <p class="help">"Only for bucket paths; used for this import and never stored."</p>
                    <div class="field">
                        <label for="import-access-key">"Access key"</label>
                        <input type="text" id="import-access-key" name="form[access_key]" autocomplete="off" spellcheck="false"/>
                    </div>
                    <div class="field">
                        <label for="import-secret-key">"Secret key"</label>
                        <input type="password" id="import-secret-key" name="form[secret_key]" autocomplete="off"/>
                    </div>
                </fieldset>
                {failure}
                <div class="form-actions">
                    <button type="submit" class="primary" disabled=pending>"Import"</button>
                    {move || pending().then(|| view! { <span class="muted" role="status">"Submitting…"</span> })}
                </div>
            </div>
        </form>
    }
    .into_any()
}

/// One import input: its path field and its file field.
#[derive(Clone, Copy)]
struct Input {
    /// The path input's id (the file input's is `<id>-file`).
    id: &'static str,
    /// The path input is named `form[<path_name>]`.
    path_name: &'static str,
    /// The file input's name.
    file_name: &'static str,
    /// `Schema`, `Vertex` or `Edge`.
    label: &'static str,
    /// An example file name for the placeholder.
    example: &'static str,
    /// Whether several files may be chosen.
    multiple: bool,
}

const INPUTS: [Input; 3] = [
    Input {
        id: "import-schema",
        path_name: "schema_path",
        file_name: "schema_file",
        label: "Schema",
        example: "schema.xml",
        multiple: false,
    },
    Input {
        id: "import-vertices",
        path_name: "vertex_path",
        file_name: "vertex_files",
        label: "Vertex",
        example: "vertices.csv",
        multiple: true,
    },
    Input {
        id: "import-edges",
        path_name: "edge_path",
        file_name: "edge_files",
        label: "Edge",
        example: "edges.csv",
        multiple: true,
    },
];

/// A labelled path input named `form[path_name]` and, beside it, a labelled file input.
fn path_field(input: Input) -> impl IntoView + use<> {
    let placeholder = format!(
        "file:///…/{} or bucket/dir/{}",
        input.example, input.example
    );
    let file_id = format!("{}-file", input.id);
    let file_label = if input.multiple {
        format!("{} files", input.label)
    } else {
        format!("{} file", input.label)
    };
    view! {
        <div class="field path-or-files">
            <label for=input.id>{format!("{} path", input.label)}</label>
            <input type="text" id=input.id name=format!("form[{}]", input.path_name) placeholder=placeholder
                autocomplete="off" spellcheck="false"/>
            <label for=file_id.clone() class="file-label">{file_label}</label>
            <input type="file" id=file_id name=input.file_name multiple=input.multiple/>
        </div>
    }
}

/// A labelled one-character input named `form[name]`, empty meaning `default`.
fn char_field(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    default: &'static str,
) -> impl IntoView + use<> {
    let help_id = format!("{id}-help");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input type="text" class="char-input" id=id name=format!("form[{name}]") maxlength="1"
                placeholder=default autocomplete="off" aria-describedby=help_id.clone()/>
            <small id=help_id class="help">{format!("One character; empty means {default}")}</small>
        </div>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::error::AppError;
    use crate::pages::graphs::import_fields::ImportForm;
    use crate::test_markup::Markup;

    fn render(graph: &str) -> String {
        let graph = graph.to_string();
        Owner::new().with(|| {
            let submit = Action::new(|_: &SendWrapper<web_sys::FormData>| async {
                Err::<String, _>(AppError::Internal)
            });
            view! { <ImportFormView submit graph/> }.markup()
        })
    }

    /// The server renders a page on one thread and may drop it on another (the response ends
    /// wherever the runtime polls it last). A local action panicked there.
    #[test]
    fn the_import_page_can_be_dropped_on_another_thread() {
        use leptos::server::ServerActionError;
        use leptos::server_fn::ServerFn;
        let owner = Owner::new();
        let html = owner.with(|| {
            // A form posted without JavaScript was refused: the page starts with the refusal.
            let path = <crate::pages::graphs::upload_api::UploadImport as ServerFn>::PATH;
            provide_context(ServerActionError::new(path, "the graph name is missing"));
            let submit = crate::pages::graphs::upload_api::import_action();
            view! { <ImportFormView submit graph="g".to_string()/> }.markup()
        });
        assert!(html.contains("<form"), "{html}");
        assert!(
            html.contains(r#"role="alert""#),
            "the refusal is shown: {html}"
        );
        let dropped = std::thread::spawn(move || {
            owner.cleanup();
            drop(owner);
        })
        .join();
        assert!(
            dropped.is_ok(),
            "dropping the page's owner on another thread panicked"
        );
    }

    #[test]
    fn every_field_of_the_posted_struct_has_a_labelled_input() {
        let html = render("");
        let fields = serde_json::to_value(ImportForm::default()).unwrap();
        for key in fields.as_object().unwrap().keys() {
            assert!(
                html.contains(&format!(r#"name="form[{key}]""#)),
                "no input for {key}: {html}"
            );
        }
        for label in [
            "Graph name",
            "Schema path",
            "Vertex path",
            "Edge path",
            "Schema file",
            "Vertex files",
            "Edge files",
            "Delimiter",
            "Parallel edges",
        ] {
            assert!(
                html.contains(&format!(">{label}</label>")),
                "{label}: {html}"
            );
        }
        assert!(html.contains(r#"action="/rpc/upload_import""#), "{html}");
        assert!(html.contains(r#"enctype="multipart/form-data""#), "{html}");
        for file in ["schema_file", "vertex_files", "edge_files"] {
            assert!(
                html.contains(&format!(r#"name="{file}""#)),
                "no file input {file}: {html}"
            );
        }
        assert!(
            html.contains(r#"id="import-vertices-file" name="vertex_files" multiple"#),
            "{html}"
        );
        assert!(html.contains(r#"<option value="allow" selected"#), "{html}");
    }

    #[test]
    fn the_graph_name_can_be_given_in_advance() {
        let html = render("movie");
        assert!(html.contains(r#"value="movie""#), "{html}");
        assert!(
            !html.contains("field-error"),
            "a valid name shows no error: {html}"
        );
    }
}
