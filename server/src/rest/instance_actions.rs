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

/// The v2 instance actions, as the router's path segments.
pub(crate) const V2_ACTIONS: &[&str] = &[
    "start",
    "stop",
    "restart",
    "upgrade",
    "resize",
    "expand",
    "backups",
    "bind-eip",
    "unbind-eip",
];

/// Why the instance action `action` (v2's segment or v1's `action_id`) has no meaning here;
/// `None` for a name that is no instance action.
pub(crate) fn reason(action: &str) -> Option<&'static str> {
    Some(match action {
        "start" | "stop" | "restart" => {
            "graphjobs has no graph instance to start, stop or restart: a graph is data this \
             server holds, loaded when a job reads it, and always available while the server runs"
        }
        "upgrade" => {
            "graphjobs has no graph instance with a version to upgrade: every graph runs on this \
             server's own build"
        }
        "resize" | "expand" => {
            "graphjobs graphs have no instance size: the memory for loaded graphs is the \
             server's --graph-cache-bytes, and an import's partitions spreads a graph over \
             compute processes"
        }
        "backups" | "backup" => {
            "graphjobs keeps no backups: every write (import, clear, delete by filter) makes a \
             new graph version; to keep a copy, use export-graph"
        }
        "bind-eip" | "unbind-eip" | "attach-eip" | "detach-eip" => {
            "graphjobs graphs have no address of their own: the service plane answers at this \
             server's address"
        }
        _ => return None,
    })
}

/// The refusal of the instance action `action` on `surface` (a management plane).
pub(crate) fn refusal(action: &str, surface: Surface) -> ApiError {
    let why = reason(action).unwrap_or("it is no operation of graphjobs");
    ApiError::bad_request(NOT_SUPPORTED, format!("[{action}] is not supported: {why}")).on(surface)
}

/// `POST /v2/{project_id}/graphs/{graph_id}/{action}` for every action of [`V2_ACTIONS`]: the
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
        for action in V2_ACTIONS {
            assert!(reason(action).is_some(), "{action}");
            let e = refusal(action, Surface::Management);
            assert_eq!(e.code, NOT_SUPPORTED);
            assert!(
                e.message
                    .starts_with(&format!("[{action}] is not supported: "))
            );
        }
        assert_eq!(reason("import-graph"), None);
    }
}
