//! What each mutating REST route does, in the audit log's words: its operation name
//! (`trace_name`) and the type of what it acts on (`resource_type`), keyed as the operations
//! table keys routes (`crate::openapi::operations`: a dispatching `action` route has a row per
//! `#action_id=`). A unit test checks that every mutating row of that table is named here.

/// An operation as the audit log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Target {
    /// `trace_name`.
    pub name: &'static str,
    /// `resource_type`.
    pub resource: &'static str,
}

const G: &str = "/ges/v1.0/{project_id}/graphs/{graph_name}";

/// `(method, path as the operations table has it, trace_name, resource_type)`.
const TARGETS: &[(&str, &str, &str, &str)] = &[
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=execute-algorithm",
        "executeAlgorithm",
        "job",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=import-graph",
        "importGraph",
        "graph",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=filtered-query",
        "filteredQuery",
        "job",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=path-query",
        "pathQuery",
        "job",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=import-properties",
        "importProperties",
        "graph",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=export-graph",
        "exportGraph",
        "graph",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}/action#action_id=export-result",
        "dumpResult",
        "job",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action#action_id=query",
        "queryVertices",
        "job",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action#action_id=delete",
        "deleteVertices",
        "graph",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/edges/action#action_id=query",
        "queryEdges",
        "job",
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}",
        "cancelJob",
        "job",
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs",
        "cancelQueuedJobs",
        "job",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}",
        "createHygView",
        "hygView",
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/hyg/{graph_name}",
        "deleteHygView",
        "hygView",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/sync",
        "syncHygView",
        "hygView",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/algorithm",
        "executeHygAlgorithm",
        "job",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/dsl",
        "executeHygScript",
        "job",
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs/{job_id}/export-result",
        "dumpResult",
        "job",
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs/{job_id}",
        "cancelJob",
        "job",
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs",
        "cancelQueuedJobs",
        "job",
    ),
    // Public (no credential, so never recorded: the audit runs in the credential check); named
    // so the table covers every mutating operation.
    ("POST", "/v3/auth/tokens", "createToken", "token"),
    ("POST", "/v2/{project_id}/graphs", "createGraph", "graph"),
    (
        "DELETE",
        "/v2/{project_id}/graphs/{graph_id}",
        "deleteGraph",
        "graph",
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/import-graph",
        "importGraph",
        "graph",
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/export-graph",
        "exportGraph",
        "graph",
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/clear-graph",
        "clearGraph",
        "graph",
    ),
    ("POST", "/v1.0/{project_id}/graphs", "createGraph", "graph"),
    (
        "DELETE",
        "/v1.0/{project_id}/graphs/{graph_id}",
        "deleteGraph",
        "graph",
    ),
    (
        "POST",
        "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=import-graph",
        "importGraph",
        "graph",
    ),
    (
        "POST",
        "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=export-graph",
        "exportGraph",
        "graph",
    ),
    (
        "POST",
        "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=clear-graph",
        "clearGraph",
        "graph",
    ),
    (
        "POST",
        "/v1/{project_id}/visualization-jobs",
        "createVisualizationJob",
        "visualizationJob",
    ),
    (
        "PUT",
        "/v1/{project_id}/visualization-jobs/{job_id}",
        "updateVisualizationJob",
        "visualizationJob",
    ),
    (
        "DELETE",
        "/v1/{project_id}/visualization-jobs/{job_id}",
        "deleteVisualizationJob",
        "visualizationJob",
    ),
    (
        "POST",
        "/v1/{project_id}/visualization-jobs/{job_id}/stop",
        "stopVisualizationJob",
        "visualizationJob",
    ),
    (
        "POST",
        "/v1/{project_id}/visualization-jobs/{job_id}/restart",
        "restartVisualizationJob",
        "visualizationJob",
    ),
];

/// The operation `method` on the route `template` with `action` (its `action_id`, if any) is.
/// An action the route does not know is `unknownAction` on the route's graph (it is refused
/// with 400, and recorded as a refused action).
pub(crate) fn target(method: &str, template: &str, action: Option<&str>) -> Target {
    let find = |path: &str| {
        TARGETS
            .iter()
            .find(|(m, p, _, _)| *m == method && *p == path)
            .map(|&(_, _, name, resource)| Target { name, resource })
    };
    // The instance actions are named in their own table.
    let instance = || {
        super::instance_actions::ACTIONS
            .iter()
            .find(|a| method == "POST" && a.path == template)
            .map(|a| Target {
                name: a.trace_name,
                resource: "graph",
            })
    };
    action
        .and_then(|a| find(&format!("{template}#action_id={a}")))
        .or_else(|| find(template))
        .or_else(instance)
        .unwrap_or(Target {
            name: "unknownAction",
            resource: if template.starts_with(G) {
                "graph"
            } else {
                "unknown"
            },
        })
}

/// `GES`, or `ModelArts` for visualization jobs (CTS's `service_type`).
pub(crate) fn service(template: &str) -> &'static str {
    if template.contains("/visualization-jobs") {
        "ModelArts"
    } else {
        "GES"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mutating_operation_has_a_name() {
        for op in crate::openapi::operations() {
            if op.method == axum::http::Method::GET {
                continue;
            }
            let (template, action) = match op.path.split_once("#action_id=") {
                Some((t, a)) => (t, Some(a)),
                None => (op.path, None),
            };
            let t = target(op.method.as_str(), template, action);
            assert_ne!(t.name, "unknownAction", "{} {}", op.method, op.path);
        }
        let unknown = target("POST", &format!("{G}/action"), Some("nope"));
        assert_eq!(
            unknown,
            Target {
                name: "unknownAction",
                resource: "graph"
            }
        );
        assert_eq!(
            service("/v1/{project_id}/visualization-jobs/{job_id}"),
            "ModelArts"
        );
    }
}
