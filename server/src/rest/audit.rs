//! The REST surfaces' audit: every request that may change something (any method but GET, HEAD
//! and OPTIONS) made with a credential valid for the path's project is recorded in the audit log
//! (`engine::audit`) once its answer is known, and before it is sent: done, refused for the
//! role (403, rated `warning`), or failed. Reads are never recorded. Requests without a valid
//! credential for the project (401, another project's credential) are not recorded either:
//! their actor is unknown to the project, and recording them would let anyone fill its log.
//!
//! The credential check (`super::auth`) calls [`Pending::start`] once it knows the caller and
//! [`Pending::finish`] with the answer, so no handler records anything itself. What the route
//! does is [`super::audit_target`]'s; the target's name and id come from the path (`graph_name`
//! / `graph_id`, `job_id`), and for a submit, from the answer's `jobId` / `job_id` (a graph's
//! create: the answer's `name`). The
//! message is the reason of a refusal or failure (the answer's error message), or a cancel's
//! `X-Cancel-Reason` (`super::cancel_reason`).
//!
//! Every audited answer carries `X-Request-Id` (the client's own, when it sent one of at most
//! 128 printable characters, else a new UUID), the entry's `request_id`. If the entry cannot be
//! written (the store failed), the error is logged and the answer still sent: the action has
//! happened, and hiding its outcome from the caller would not undo it.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::body::{Body, HttpBody};
use axum::extract::{ConnectInfo, FromRequestParts, Query, RawPathParams, Request};
use axum::http::{HeaderValue, Method};
use axum::response::Response;
use engine::audit::{Action, Actor, TraceType};
use engine::auth::Role;
use serde_json::Value;

use super::audit_target::{self, Target};
use super::job_options::IDEMPOTENCY_HEADER;
use crate::state::AppState;

/// The request id header, read and answered.
const REQUEST_ID: &str = "x-request-id";
/// The largest answer read back for its job id or error message.
const MAX_SNIFF: u64 = 64 * 1024;

/// An audited request whose answer is not known yet.
#[derive(Debug)]
pub(crate) struct Pending {
    action: Action,
}

impl Pending {
    /// The audit of `req` by `actor` with `role` in `project` on the route `template`; `None`
    /// for a read.
    pub(crate) async fn start(
        req: &mut Request,
        project: &str,
        template: &str,
        actor: Actor,
        role: Role,
    ) -> Option<Self> {
        if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
            return None;
        }
        // In a block: a borrow of the request (not `Sync`) must not live across an await.
        let (request_id, idempotency_key, action_id, reason) = {
            let header = |name: &str| {
                req.headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned)
            };
            let request_id = header(REQUEST_ID)
                .filter(|id| id.len() <= 128 && id.chars().all(|c| c.is_ascii_graphic()))
                .unwrap_or_else(engine::audit::new_request_id);
            let action_id = Query::<HashMap<String, String>>::try_from_uri(req.uri())
                .ok()
                .and_then(|q| q.0.get("action_id").cloned());
            // A cancel's reason is the entry's message (an unreadable one is refused by the
            // route, and the refusal's message replaces it).
            let reason = super::cancel_reason::reason(req.headers()).ok().flatten();
            (request_id, header(IDEMPOTENCY_HEADER), action_id, reason)
        };
        let Target { name, resource } =
            audit_target::target(req.method().as_str(), template, action_id.as_deref());
        let (mut parts, body) = std::mem::take(req).into_parts();
        let params = RawPathParams::from_request_parts(&mut parts, &())
            .await
            .ok();
        let param = |key: &str| {
            params
                .as_ref()
                .and_then(|p| p.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_owned()))
        };
        let graph = param("graph_name").or_else(|| param("graph_id"));
        let job = param("job_id");
        let source_ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string());
        *req = Request::from_parts(parts, body);
        let (resource_name, resource_id) = match resource {
            "job" => (graph, job),
            "visualizationJob" => (None, job),
            _ => (graph.clone(), graph),
        };
        Some(Self {
            action: Action {
                time: engine::time_fmt::now(),
                project: project.to_owned(),
                name: name.to_owned(),
                trace_type: TraceType::ApiCall,
                service_type: audit_target::service(template).to_owned(),
                resource_type: resource.to_owned(),
                resource_name,
                resource_id,
                actor,
                role: Some(role),
                source_ip,
                request_id: Some(request_id),
                idempotency_key,
                code: 0,
                message: (name == "cancelJob").then_some(reason).flatten(),
            },
        })
    }

    /// Records the action with `response`'s outcome, then returns the response (with
    /// `X-Request-Id`).
    pub(crate) async fn finish(mut self, state: &AppState, response: Response) -> Response {
        let (mut parts, body) = response.into_parts();
        let small = body.size_hint().upper().is_some_and(|n| n <= MAX_SNIFF);
        let (body, json) = if small {
            match axum::body::to_bytes(body, MAX_SNIFF as usize).await {
                Ok(bytes) => {
                    let json = serde_json::from_slice::<Value>(&bytes).ok();
                    (Body::from(bytes), json)
                }
                Err(_) => (Body::empty(), None),
            }
        } else {
            (body, None)
        };
        let a = &mut self.action;
        a.code = parts.status.as_u16();
        if let Some(json) = &json {
            if parts.status.is_success() && a.resource_id.is_none() {
                if a.resource_type == "graph" {
                    // A graph's create names it in its body; the answer names it again.
                    a.resource_name = graph_name(json);
                    a.resource_id = a.resource_name.clone();
                } else {
                    a.resource_id = job_id(json);
                }
            }
            if !parts.status.is_success() {
                a.message = error_message(json);
            }
        }
        if let Err(e) = state.engine.record_action(a).await {
            tracing::error!(error = %e, action = %a.name, "cannot write the audit log");
        }
        if let Some(id) = a
            .request_id
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            parts.headers.insert(REQUEST_ID, id);
        }
        Response::from_parts(parts, body)
    }
}

/// The job an answer names (`jobId` on the service plane, `job_id` elsewhere; ModelArts' is a
/// number).
fn job_id(json: &Value) -> Option<String> {
    ["jobId", "job_id"]
        .iter()
        .find_map(|k| json.get(k))
        .and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
}

/// The graph a create's answer names (`name` on both management planes).
fn graph_name(json: &Value) -> Option<String> {
    ["name", "graph_name", "graphName", "id"]
        .iter()
        .find_map(|k| json.get(k))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The message of an error answer, in whichever surface's envelope.
fn error_message(json: &Value) -> Option<String> {
    ["errorMessage", "error_msg", "error_message"]
        .iter()
        .find_map(|k| json.get(k))
        .and_then(Value::as_str)
        .map(str::to_owned)
}
