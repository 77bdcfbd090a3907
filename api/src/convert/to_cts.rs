//! Audit log entries → CTS traces (the mapping is `crate::cts`'s module docs).

use engine::audit::{ActorKind, Trace, TracePage};
use engine::time_fmt::to_millis;

use crate::cts;

/// One audit log entry as a CTS trace.
pub fn trace(t: &Trace) -> cts::Trace {
    let a = &t.action;
    let request = cts::TraceRequest {
        role: a.role.map(|r| r.as_str().to_owned()),
        idempotency_key: a.idempotency_key.clone(),
    };
    let request = (request != cts::TraceRequest::default())
        .then(|| serde_json::to_string(&request).unwrap_or_default());
    let kind = match a.actor.kind {
        ActorKind::Token => "Token",
        ActorKind::AccessKey => "AccessKey",
        ActorKind::Cli => "Cli",
    };
    cts::Trace {
        trace_id: t.id.clone(),
        trace_name: a.name.clone(),
        trace_rating: t.rating.as_str().to_owned(),
        trace_type: a.trace_type.as_str().to_owned(),
        service_type: a.service_type.clone(),
        resource_type: a.resource_type.clone(),
        resource_name: a.resource_name.clone(),
        resource_id: a.resource_id.clone(),
        source_ip: a.source_ip.clone(),
        request_id: a.request_id.clone(),
        request,
        code: a.code.to_string(),
        message: a.message.clone(),
        time: to_millis(a.time),
        record_time: to_millis(t.record_time),
        user: cts::UserInfo {
            id: a.actor.id.clone(),
            name: a.actor.name.clone(),
            kind: kind.to_owned(),
            access_key_id: (a.actor.kind == ActorKind::AccessKey).then(|| a.actor.id.clone()),
            domain: cts::BaseUser {
                id: a.project.clone(),
                name: a.project.clone(),
            },
        },
    }
}

/// A page of the audit log as CTS's list answer.
pub fn trace_list(page: &TracePage) -> cts::ListTracesResponse {
    cts::ListTracesResponse {
        traces: page.traces.iter().map(trace).collect(),
        meta_data: cts::MetaData {
            count: page.traces.len() as u32,
            marker: page.next.clone(),
        },
    }
}
