//! The role matrix: what each REST route needs, stated independently of the server's own
//! table (`server::openapi::operations`).

use engine::auth::Role;

/// What a route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Need {
    /// Every role.
    Read,
    /// Operator or admin: submit, cancel, dump, export, visualization jobs.
    Operate,
    /// Admin: import, create, clear and delete graphs (and HyG views, vertices by filter).
    Administer,
}

pub(super) use Need::{Administer, Operate, Read};

/// Every REST route: method, path template (with `#action_id=` for the dispatching routes)
/// and what it needs.
pub(super) const ROUTES: &[(&str, &str, Need)] = &[
    // GES service plane.
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=execute-algorithm",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=import-graph",
        Administer,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=filtered-query",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=path-query",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=import-properties",
        Administer,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=export-graph",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}/action#action_id=export-result",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action#action_id=query",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action#action_id=delete",
        Administer,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/edges/action#action_id=query",
        Operate,
    ),
    (
        "GET",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/status",
        Read,
    ),
    (
        "GET",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}/status",
        Read,
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}",
        Operate,
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs",
        Operate,
    ),
    ("GET", "/ges/v1.0/{project_id}/hyg", Read),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}",
        Administer,
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/hyg/{graph_name}",
        Administer,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/sync",
        Administer,
    ),
    (
        "GET",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/summary",
        Read,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/algorithm",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/dsl",
        Operate,
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs",
        Operate,
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs/{job_id}",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs/{job_id}/export-result",
        Operate,
    ),
    // Management plane v2.
    ("GET", "/v2/{project_id}/graphs/jobs", Read),
    (
        "GET",
        "/v2/{project_id}/graphs/{graph_id}/jobs/{job_id}/status",
        Read,
    ),
    ("GET", "/v2/{project_id}/graphs", Read),
    ("POST", "/v2/{project_id}/graphs", Administer),
    ("GET", "/v2/{project_id}/graphs/{graph_id}", Read),
    ("DELETE", "/v2/{project_id}/graphs/{graph_id}", Administer),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/import-graph",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/export-graph",
        Operate,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/clear-graph",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/start",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/stop",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/restart",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/upgrade",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/resize",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/expand",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/backups",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/bind-eip",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/unbind-eip",
        Administer,
    ),
    // Management plane v1.
    ("GET", "/v1.0/{project_id}/graphs/jobs", Read),
    (
        "GET",
        "/v1.0/{project_id}/graphs/{graph_id}/jobs/{job_id}/status",
        Read,
    ),
    ("GET", "/v1.0/{project_id}/graphs", Read),
    ("POST", "/v1.0/{project_id}/graphs", Administer),
    ("GET", "/v1.0/{project_id}/graphs/{graph_id}", Read),
    ("DELETE", "/v1.0/{project_id}/graphs/{graph_id}", Administer),
    (
        "POST",
        "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=import-graph",
        Administer,
    ),
    (
        "POST",
        "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=export-graph",
        Operate,
    ),
    (
        "POST",
        "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=clear-graph",
        Administer,
    ),
    // Cloud job query.
    ("GET", "/v1/{project_id}/jobs/{job_id}", Read),
    // CFW's job query: refused, for every role.
    ("GET", "/v3/{project_id}/jobs/{job_id}", Read),
    // ModelArts visualization jobs.
    ("GET", "/v1/{project_id}/visualization-jobs", Read),
    ("POST", "/v1/{project_id}/visualization-jobs", Operate),
    ("GET", "/v1/{project_id}/visualization-jobs/{job_id}", Read),
    (
        "PUT",
        "/v1/{project_id}/visualization-jobs/{job_id}",
        Operate,
    ),
    (
        "DELETE",
        "/v1/{project_id}/visualization-jobs/{job_id}",
        Operate,
    ),
    (
        "POST",
        "/v1/{project_id}/visualization-jobs/{job_id}/stop",
        Operate,
    ),
    (
        "POST",
        "/v1/{project_id}/visualization-jobs/{job_id}/restart",
        Operate,
    ),
    (
        "GET",
        "/v1/{project_id}/visualization-jobs/{job_id}/view",
        Read,
    ),
    // The audit log (Cloud Trace Service's trace list): it names other people's actions.
    ("GET", "/v3/{project_id}/traces", Administer),
];

/// Whether `role` may use a route that needs `need`.
pub(super) fn allowed(role: Role, need: Need) -> bool {
    match need {
        Read => true,
        Operate => role >= Role::Operator,
        Administer => role == Role::Admin,
    }
}
