//! The console's audit: every call of a server function that changes something, and signing
//! in and out, is recorded in the audit log (`engine::audit`, `ConsoleAction`) once it has
//! answered, before the answer is sent. Reads (every other server function, every page) are
//! never recorded. One middleware around the console's routes does it ([`record_console_action`]),
//! so no server function records anything itself:
//!
//! - which functions change something, and what they are called in the log, is [`TARGETS`]
//!   (the same functions ask for a role with `session_as`);
//! - the actor is the session's token (its id, never the token), its role the one in the
//!   current project; the target is read from the call's form fields (`id`, `ids[…]`, `name`,
//!   `graph`, `fields[graph]`, `job_name`; an import's multipart form, which is not read here,
//!   names its graph through `call_outcome::name_graph`), and a caller's `reason` is the entry's message;
//! - the outcome: a function's error passes through `session::refuse`, which notes its status
//!   and message for this middleware (`call_outcome::ConsoleOutcome`), so a refused call is recorded as
//!   refused even when a form posted without JavaScript is answered with a redirect;
//! - signing in is recorded in every project the token may use (with its role in each), once
//!   the token was accepted (an unknown token names no project); signing out likewise, for the
//!   session that ends. Without a session nothing is recorded (the call is refused with 401).

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use engine::Engine;
use engine::audit::{Action, Actor, TraceType};
use engine::auth::Grant;
use leptos::server_fn::ServerFn;

use crate::call_outcome::ConsoleOutcome;
use crate::cookie;
use crate::pages::changing::{
    CancelJob, CancelMatching, CancelQueuedHyg, CancelSelected, ClearGraph, CreateVizJob,
    DeleteGraph, DeleteVizJob, DumpResult, RerunJob, RestartVizJob, SignIn, SignOut, StopVizJob,
    SubmitAlgorithm, SubmitDsl, SubmitQuery, UploadImport,
};
use crate::session::ResolvedSession;

/// The largest form read for its target fields (an import's multipart form is not read).
const MAX_FORM: usize = 4 * 1024 * 1024;

/// A server function the audit records: its path, what the log calls it (the entry's
/// `trace_name`, e.g. `cancelJob`) and the resource type it acts on.
#[derive(Debug, Clone, Copy)]
struct Target {
    /// `<F as ServerFn>::PATH`, e.g. `/rpc/cancel_job`.
    path: &'static str,
    /// The entry's `trace_name`.
    name: &'static str,
    /// The entry's `resource_type`.
    resource: &'static str,
}

impl Target {
    /// The server function `F`, named by its type so that a renamed or removed function is a
    /// compile error here, not a call the audit silently stops recording.
    const fn of<F: ServerFn>(name: &'static str, resource: &'static str) -> Self {
        Self {
            path: F::PATH,
            name,
            resource,
        }
    }

    /// Whether this is the server function `F`.
    fn is<F: ServerFn>(&self) -> bool {
        self.path == F::PATH
    }
}

/// Every server function that changes something, and signing in and out.
const TARGETS: &[Target] = &[
    Target::of::<SignIn>("signIn", "session"),
    Target::of::<SignOut>("signOut", "session"),
    Target::of::<CancelJob>("cancelJob", "job"),
    Target::of::<CancelMatching>("cancelMatchingJobs", "job"),
    Target::of::<CancelSelected>("cancelSelectedJobs", "job"),
    Target::of::<DumpResult>("dumpResult", "job"),
    Target::of::<RerunJob>("rerunJob", "job"),
    Target::of::<CancelQueuedHyg>("cancelQueuedJobs", "job"),
    Target::of::<SubmitQuery>("submitQuery", "job"),
    Target::of::<SubmitDsl>("executeHygScript", "job"),
    Target::of::<SubmitAlgorithm>("executeAlgorithm", "job"),
    Target::of::<CreateVizJob>("createVisualizationJob", "visualizationJob"),
    Target::of::<StopVizJob>("stopVisualizationJob", "visualizationJob"),
    Target::of::<RestartVizJob>("restartVisualizationJob", "visualizationJob"),
    Target::of::<DeleteVizJob>("deleteVisualizationJob", "visualizationJob"),
    Target::of::<ClearGraph>("clearGraph", "graph"),
    Target::of::<DeleteGraph>("deleteGraph", "graph"),
    Target::of::<UploadImport>("importGraph", "graph"),
];

/// The paths of the server functions the audit records (for the role matrix test).
pub fn audited_paths() -> impl Iterator<Item = &'static str> {
    TARGETS.iter().map(|t| t.path)
}

/// Middleware around the console's routes (inside `resolve_session`): records the calls of
/// [`TARGETS`] (see the module docs).
pub async fn record_console_action(
    State(engine): State<Engine>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    let target = TARGETS.iter().find(|t| t.path == path).copied();
    let Some(target) = target.filter(|_| req.method() == Method::POST) else {
        return next.run(req).await;
    };
    let Target { name, resource, .. } = target;
    let (mut req, fields) = read_form(req).await;
    let outcome = ConsoleOutcome::default();
    req.extensions_mut().insert(outcome.clone());
    let session = req.extensions().get::<ResolvedSession>().cloned();
    let token = cookie::session_token(req.headers()).map(str::to_owned);
    let source_ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    let time = engine::time_fmt::now();
    let response = next.run(req).await;
    let (refused, graph) = outcome.take();
    let (code, message) = match refused {
        Some((status, message)) => (status, Some(message)),
        None if response.status().is_client_error() || response.status().is_server_error() => {
            (response.status().as_u16(), None)
        }
        None => (200, fields.get("reason").cloned()),
    };
    // Whose action, in which projects.
    let signing_in = target.is::<SignIn>();
    let (token, grants) = match session {
        _ if signing_in && code == 200 => {
            let token = fields.get("token").map(|t| t.trim().to_owned());
            let grants = match &token {
                Some(t) => engine.authenticate(t).await.unwrap_or_default(),
                None => Vec::new(),
            };
            (token, grants)
        }
        _ if signing_in => return response,
        None => return response,
        Some(s) if target.is::<SignOut>() => (token, s.grants().to_vec()),
        Some(s) => (token, vec![s.current_grant()]),
    };
    let Some(token) = token else { return response };
    let actor = Actor::token(engine::auth::token_id(&token));
    let (resource_name, resource_id) = match graph {
        Some(graph) if resource == "graph" => (Some(graph.clone()), Some(graph)),
        _ => target_of(resource, &fields),
    };
    let request_id = engine::audit::new_request_id();
    for Grant { project, role } in grants {
        let action = Action {
            time,
            project,
            name: name.to_owned(),
            trace_type: TraceType::ConsoleAction,
            service_type: if resource == "visualizationJob" {
                "ModelArts".into()
            } else {
                "GES".into()
            },
            resource_type: resource.to_owned(),
            resource_name: resource_name.clone(),
            resource_id: resource_id.clone(),
            actor: actor.clone(),
            role: Some(role),
            source_ip: source_ip.clone(),
            request_id: Some(request_id.clone()),
            idempotency_key: None,
            code,
            message: message.clone(),
        };
        if let Err(e) = engine.record_action(&action).await {
            tracing::error!(error = %e, action = %name, "cannot write the audit log");
        }
    }
    response
}

/// The request with its url-encoded form read (and put back), and the form's fields; no
/// fields for another body (an import's multipart form).
async fn read_form(req: Request) -> (Request, HashMap<String, String>) {
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return (req, HashMap::new());
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, MAX_FORM).await {
        Ok(bytes) => {
            let fields: Vec<(String, String)> =
                serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
            let mut map = HashMap::new();
            let mut ids = Vec::new();
            for (k, v) in fields {
                if k.starts_with("ids[") {
                    ids.push(v);
                } else {
                    map.insert(k, v);
                }
            }
            if !ids.is_empty() {
                map.insert("ids".into(), ids.join(","));
            }
            (Request::from_parts(parts, Body::from(bytes)), map)
        }
        // Too large to be a form the console sends: the server function refuses it.
        Err(_) => (Request::from_parts(parts, Body::empty()), HashMap::new()),
    }
}

/// The target's name and id from a call's fields.
fn target_of(resource: &str, fields: &HashMap<String, String>) -> (Option<String>, Option<String>) {
    let field = |k: &str| fields.get(k).filter(|v| !v.is_empty()).cloned();
    let graph = field("graph")
        .or_else(|| field("fields[graph]"))
        .or_else(|| field("filter[graph]"));
    match resource {
        "job" => (graph, field("id").or_else(|| field("ids"))),
        "visualizationJob" => (field("job_name"), field("id")),
        "graph" => {
            let name = field("name").or(graph);
            (name.clone(), name)
        }
        _ => (None, None),
    }
}
