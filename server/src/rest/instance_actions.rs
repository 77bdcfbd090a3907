//! The cloud's graph-instance actions (REFERENCE §5.3: `/v2/{pid}/graphs/{graph_id}/start`,
//! `stop`, `restart`, `upgrade`, `resize`, `expand`, `backups`, `bind-eip`, `unbind-eip`; the
//! official SDKs send each as a POST (the Python SDK's `start_graph2` … `detach_eip2`, which
//! the interop test calls); v1's `action?action_id=` of the same names). A
//! graphjobs graph is data this server holds, not an instance, so each answers HTTP 400
//! `GES.7009` ("job operation not supported", §8) naming the action and why it has no meaning
//! here. The answer does not depend on whether the graph exists; the credential and tenancy
//! checks run first, as on every route.

use axum::extract::MatchedPath;

use crate::error::{ApiError, Surface};

/// The management plane's "operation not supported" (REFERENCE §8, DECISIONS "Errors").
pub(crate) const NOT_SUPPORTED: &str = "GES.7009";

/// One instance action, everything known of it: the routes, the operations table, the
/// audit log and the refusal all read [`ACTIONS`].
pub(crate) struct InstanceAction {
    /// The v2 route (`POST`), as the operations table keys it; its last segment is the
    /// action's name.
    pub(crate) path: &'static str,
    /// v1's other `action_id`s for it (`backup` for `backups`).
    pub(crate) aliases: &'static [&'static str],
    /// The audit log's `trace_name`.
    pub(crate) trace_name: &'static str,
    /// The operations table's summary.
    pub(crate) summary: &'static str,
    /// Why it has no meaning here (the refusal's words).
    pub(crate) reason: &'static str,
}

impl InstanceAction {
    /// The action's name: the route's last segment, v1's `action_id`.
    pub(crate) fn name(&self) -> &'static str {
        self.path.rsplit('/').next().unwrap_or_default()
    }
}

const RUN: &str = "graphjobs has no graph instance to start, stop or restart: a graph is data \
                   this server holds, loaded when a job reads it, and always available while \
                   the server runs";
const SIZE: &str = "graphjobs graphs have no instance size: the memory for loaded graphs is the \
                    server's --graph-cache-bytes, and an import's partitions spreads a graph \
                    over compute processes";
const EIP: &str = "graphjobs graphs have no address of their own: the service plane answers at \
                   this server's address";
const SIZE_SUMMARY: &str =
    "Refused (GES.7009): capacity is the server's --graph-cache-bytes and an import's partitions";
const EIP_SUMMARY: &str = "Refused (GES.7009): a graph has no address of its own; the service plane is at this server's address";

/// The instance actions, in the operations table's order.
pub(crate) const ACTIONS: &[InstanceAction] = &[
    InstanceAction {
        path: "/v2/{project_id}/graphs/{graph_id}/start",
        aliases: &[],
        trace_name: "startGraph",
        summary: "Refused (GES.7009): a graphjobs graph has no instance to start",
        reason: RUN,
    },
    InstanceAction {
        path: "/v2/{project_id}/graphs/{graph_id}/stop",
        aliases: &[],
        trace_name: "stopGraph",
        summary: "Refused (GES.7009): a graphjobs graph has no instance to stop",
        reason: RUN,
    },
    InstanceAction {
        path: "/v2/{project_id}/graphs/{graph_id}/restart",
        aliases: &[],
        trace_name: "restartGraph",
        summary: "Refused (GES.7009): a graphjobs graph has no instance to restart",
        reason: RUN,
    },
    InstanceAction {
        path: "/v2/{project_id}/graphs/{graph_id}/upgrade",
        aliases: &[],
        trace_name: "upgradeGraph",
        summary: "Refused (GES.7009): a graphjobs graph has no instance version to upgrade",
        reason: "graphjobs has no graph instance with a version to upgrade: every graph runs on \
                 this server's own build",
    },
    InstanceAction {
        path: "/v2/{project_id}/graphs/{graph_id}/resize",
        aliases: &[],
        trace_name: "resizeGraph",
        summary: SIZE_SUMMARY,
        reason: SIZE,
    },
    InstanceAction {
        path: "/v2/{project_id}/graphs/{graph_id}/expand",
        aliases: &[],
        trace_name: "expandGraph",
        summary: SIZE_SUMMARY,
        reason: SIZE,
    },
    InstanceAction {
        path: "/v2/{project_id}/graphs/{graph_id}/backups",
        aliases: &["backup"],
        trace_name: "backupGraph",
        summary: "Refused (GES.7009): no backups; every write is a new graph version, export-graph keeps a copy",
        reason: "graphjobs keeps no backups: every write (import, clear, delete by filter) makes \
                 a new graph version; to keep a copy, use export-graph",
    },
    InstanceAction {
        path: "/v2/{project_id}/graphs/{graph_id}/bind-eip",
        aliases: &["attach-eip"],
        trace_name: "bindEip",
        summary: EIP_SUMMARY,
        reason: EIP,
    },
    InstanceAction {
        path: "/v2/{project_id}/graphs/{graph_id}/unbind-eip",
        aliases: &["detach-eip"],
        trace_name: "unbindEip",
        summary: EIP_SUMMARY,
        reason: EIP,
    },
];

/// The instance action `action` (v2's segment or v1's `action_id`, or an alias of one).
pub(crate) fn find(action: &str) -> Option<&'static InstanceAction> {
    ACTIONS
        .iter()
        .find(|a| a.name() == action || a.aliases.contains(&action))
}

/// Why the instance action `action` (v2's segment or v1's `action_id`) has no meaning here;
/// `None` for a name that is no instance action.
pub(crate) fn reason(action: &str) -> Option<&'static str> {
    find(action).map(|a| a.reason)
}

/// The refusal of the instance action `action` on `surface` (a management plane).
pub(crate) fn refusal(action: &str, surface: Surface) -> ApiError {
    let why = reason(action).unwrap_or("it is no operation of graphjobs");
    ApiError::bad_request(NOT_SUPPORTED, format!("[{action}] is not supported: {why}")).on(surface)
}

/// `POST /v2/{project_id}/graphs/{graph_id}/{action}` for every action of [`ACTIONS`]: the
/// action is the route's last segment.
pub(crate) async fn refuse(path: MatchedPath) -> ApiError {
    let action = path.as_str().rsplit('/').next().unwrap_or_default();
    refusal(action, Surface::Management)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_v2_action_has_a_reason() {
        for action in ACTIONS.iter().map(InstanceAction::name) {
            assert!(reason(action).is_some(), "{action}");
            let e = refusal(action, Surface::Management);
            assert_eq!(e.code, NOT_SUPPORTED);
            assert!(
                e.message
                    .starts_with(&format!("[{action}] is not supported: "))
            );
        }
        assert_eq!(reason("import-graph"), None);
        assert_eq!(reason("backup"), reason("backups"));
        assert_eq!(reason("detach-eip"), reason("unbind-eip"));
    }
}
