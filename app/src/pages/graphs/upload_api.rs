//! The import form's server function. The form is `multipart/form-data`, so files chosen in
//! the browser travel with it (with or without JavaScript); the text fields are the same
//! `form[…]` fields as [`ImportForm`]. Uploaded files are streamed into an engine upload area
//! ([`engine::upload`]) and imported from there; a slot gets either a path or files, never
//! both.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use send_wrapper::SendWrapper;

#[cfg(feature = "ssr")]
use super::import_fields::ImportForm;
use crate::error::AppError;

/// The file inputs' names and the upload slot each fills.
#[cfg(feature = "ssr")]
const FILE_FIELDS: [(&str, engine::upload::UploadSlot, &str); 3] = [
    ("schema_file", engine::upload::UploadSlot::Schema, "Schema"),
    (
        "vertex_files",
        engine::upload::UploadSlot::Vertices,
        "Vertex",
    ),
    ("edge_files", engine::upload::UploadSlot::Edges, "Edge"),
];

/// The text fields of the form (`form[…]`): [`ImportForm`]'s. Anything else is refused, so
/// a client cannot make the server keep fields it never reads.
#[cfg(feature = "ssr")]
const FORM_FIELDS: [&str; 12] = [
    "graph",
    "schema_path",
    "vertex_path",
    "edge_path",
    "delimiter",
    "trim_quote",
    "parallel_edge",
    "ignore_label",
    "log_dir",
    "partitions",
    "access_key",
    "secret_key",
];

/// Longest text field read (a path, a key); anything longer is refused, not buffered.
#[cfg(feature = "ssr")]
const TEXT_LIMIT: usize = 64 * 1024;

/// Queues an import of the posted form, after storing its uploaded files, and sends the
/// browser to the new job's page (a 302 when the form was posted without JavaScript).
/// Returns the job id.
#[server(prefix = "/rpc", endpoint = "upload_import", input = MultipartFormData)]
pub(crate) async fn upload_import(data: MultipartData) -> Result<String, AppError> {
    use crate::session::{reject, session_as};
    let s = session_as(engine::auth::Role::Admin).await?;
    let Some(mut parts) = data.into_inner() else {
        return Err(reject(AppError::Invalid(
            "the import form was not sent as multipart form data".into(),
        )));
    };
    // Dropped without a commit (a refusal below, or the client going away mid-way), the
    // upload removes its files.
    let mut upload = s.engine.begin_upload(&s.project).await.map_err(reject)?;
    let (form, sent) = read_form(&mut parts, &mut upload).await.map_err(reject)?;
    crate::call_outcome::name_graph(&form.graph);
    let paths = upload.finish().await.map_err(reject)?;
    let form = with_uploaded_paths(form, &sent, paths).map_err(reject)?;
    let id = super::api::submit_form(&s, form).await?;
    upload.commit();
    Ok(id)
}

/// The import page's action: sends the form's data to [`upload_import`].
///
/// A thread-safe `Action` over the browser's `FormData` in a [`SendWrapper`] (and the call's
/// future in another), not a local one (`Action::new_local`): a local action keeps its function
/// in a `SendWrapper` on the server too, and the server drops a page's reactive owner on
/// whichever thread finishes sending the response — so rendering the import page panicked in a
/// server worker now and then (the failure of leptos-rs/leptos#4402). The wrappers here are
/// only made in the browser, by [`dispatch`](Action::dispatch), which has one thread.
pub(crate) type ImportAction = Action<SendWrapper<web_sys::FormData>, Result<String, AppError>>;

/// The page's [`ImportAction`]. Like a `ServerAction`, it starts with the refusal of a form
/// posted without JavaScript (the server sends the browser back with the error in `?__err=`,
/// for this function's path).
pub(crate) fn import_action() -> ImportAction {
    use leptos::server::ServerActionError;
    use leptos::server_fn::ServerFn;
    use leptos::server_fn::error::ServerFnUrlError;
    let refused = use_context::<ServerActionError>()
        .filter(|e| e.path() == <UploadImport as ServerFn>::PATH)
        .map(|e| Err(ServerFnUrlError::<AppError>::decode_err(e.err())));
    Action::new_with_value(refused, |data: &SendWrapper<web_sys::FormData>| {
        SendWrapper::new(upload_import(web_sys::FormData::clone(data).into()))
    })
}

/// Reads every part: text fields into an [`ImportForm`], files into `upload`. Returns the form
/// and the slots files were sent for.
#[cfg(feature = "ssr")]
async fn read_form(
    parts: &mut multer::Multipart<'static>,
    upload: &mut engine::upload::Upload,
) -> Result<(ImportForm, Vec<engine::upload::UploadSlot>), AppError> {
    use crate::session::reject;
    let unreadable =
        |e: multer::Error| AppError::Invalid(format!("the import form could not be read: {e}"));
    let mut fields = serde_json::Map::new();
    let mut sent = Vec::new();
    while let Some(mut field) = parts.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        if let Some((_, slot, _)) = FILE_FIELDS.iter().find(|(n, _, _)| *n == name) {
            // An empty file input is sent as a part with an empty file name and no content.
            let file_name = field.file_name().unwrap_or_default().to_string();
            if file_name.is_empty() {
                continue;
            }
            upload.start_file(*slot, &file_name).await.map_err(reject)?;
            while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                upload.write(&chunk).await.map_err(reject)?;
            }
            sent.push(*slot);
        } else {
            let key = name
                .strip_prefix("form[")
                .and_then(|k| k.strip_suffix(']'))
                .filter(|k| FORM_FIELDS.contains(k))
                .ok_or_else(|| AppError::Invalid(format!("the import form has no field {name}")))?
                .to_string();
            if fields.contains_key(&key) {
                return Err(AppError::Invalid(format!(
                    "form field {key} was sent twice"
                )));
            }
            let mut text = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                text.extend_from_slice(&chunk);
                if text.len() > TEXT_LIMIT {
                    return Err(AppError::Invalid(format!(
                        "form field {key} is longer than {TEXT_LIMIT} bytes"
                    )));
                }
            }
            let text = String::from_utf8(text)
                .map_err(|_| AppError::Invalid(format!("form field {key} is not UTF-8")))?;
            fields.insert(key, serde_json::Value::String(text));
        }
    }
    let form = serde_json::from_value(serde_json::Value::Object(fields))
        .map_err(|e| AppError::Invalid(format!("the import form could not be read: {e}")))?;
    Ok((form, sent))
}

/// Fills the paths of the slots files were uploaded for; a slot with both a typed path and
/// files is refused (which one was meant cannot be known).
#[cfg(feature = "ssr")]
fn with_uploaded_paths(
    mut form: ImportForm,
    sent: &[engine::upload::UploadSlot],
    paths: engine::upload::UploadedPaths,
) -> Result<ImportForm, AppError> {
    use engine::upload::UploadSlot;
    for (_, slot, label) in FILE_FIELDS {
        if !sent.contains(&slot) {
            continue;
        }
        let (typed, uploaded) = match slot {
            UploadSlot::Schema => (&mut form.schema_path, paths.schema.clone()),
            UploadSlot::Vertices => (&mut form.vertex_path, paths.vertices.clone()),
            UploadSlot::Edges => (&mut form.edge_path, paths.edges.clone()),
        };
        if typed.as_deref().is_some_and(|p| !p.trim().is_empty()) {
            return Err(AppError::Invalid(format!(
                "{}: {label} path: give a path or choose files, not both.",
                super::import_fields::CODE
            )));
        }
        *typed = uploaded;
    }
    Ok(form)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use engine::upload::{UploadSlot, UploadedPaths};

    use super::*;

    #[test]
    fn the_accepted_text_fields_are_the_forms() {
        let form = serde_json::to_value(ImportForm::default()).unwrap();
        let mut keys: Vec<&str> = form
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut accepted = FORM_FIELDS.to_vec();
        keys.sort_unstable();
        accepted.sort_unstable();
        assert_eq!(keys, accepted);
    }

    #[test]
    fn uploaded_files_fill_empty_paths_and_refuse_typed_ones() {
        let paths = UploadedPaths {
            schema: None,
            vertices: Some("file:///d/uploads/x/vertices".into()),
            edges: Some("file:///d/uploads/x/edges".into()),
        };
        let form = ImportForm {
            graph: "g".into(),
            schema_path: Some("file:///d/schema.xml".into()),
            vertex_path: Some("  ".into()),
            ..Default::default()
        };
        let sent = [UploadSlot::Vertices, UploadSlot::Edges];
        let filled = with_uploaded_paths(form.clone(), &sent, paths.clone()).unwrap();
        assert_eq!(filled.schema_path.as_deref(), Some("file:///d/schema.xml"));
        assert_eq!(filled.vertex_path, paths.vertices);
        assert_eq!(filled.edge_path, paths.edges);

        let typed = ImportForm {
            edge_path: Some("bucket/e.csv".into()),
            ..form
        };
        let err = with_uploaded_paths(typed, &sent, paths).unwrap_err();
        assert!(
            matches!(&err, AppError::Invalid(m) if m.contains("Edge path: give a path or choose files")),
            "{err:?}"
        );
    }
}
