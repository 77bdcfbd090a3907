//! [`operations`]: every documented route, one row each, with the least role that may call it.
//!
//! The role column is the REST surfaces' access rule, not only its documentation: the
//! credential check (`crate::rest::access`) looks each request up here. Reads are for every
//! role; submitting, cancelling, dumping and exporting, and every visualization-job change,
//! need an operator; what changes a graph (import, create, clear, delete, delete vertices by
//! filter, and a HyG view's create, sync and delete) needs an admin, as does reading the audit
//! log (it names other people's actions). A query (filter, k-hop
//! or path query) is a job submission, so it needs an operator even in sync mode.

use engine::auth::Role;

/// One documented route.
#[derive(Debug, Clone)]
pub struct Operation {
    /// HTTP method.
    pub method: axum::http::Method,
    /// Path template as the router has it (`{project_id}` etc.), optionally with a
    /// `#action_id=…` suffix for the dispatching `action` routes.
    pub path: &'static str,
    /// The least role that may call it (enforced: `crate::rest::access` reads it from here).
    pub role: Role,
    /// Which API family (also the tag).
    pub surface: &'static str,
    /// One line.
    pub summary: &'static str,
    /// Query parameters: name and description.
    pub query: &'static [(&'static str, &'static str)],
    /// Request body schema (component name), if any.
    pub body: Option<&'static str>,
    /// Success body schema (component name); `None` for a free-form object.
    pub ok: Option<&'static str>,
}

/// The routes that take no credential and belong to no project: IAM's token issue, which
/// answers where tokens come from instead (`rest::cloud_v3`). Every other route is scoped to
/// a project (the tenancy test walks them all).
pub const PUBLIC: &[&str] = &["/v3/auth/tokens"];

pub(super) const GES: &str = "GES service plane";
pub(super) const MGMT: &str = "GES management plane v2";
pub(super) const MGMT_V1: &str = "GES management plane v1 (legacy)";
pub(super) const CLOUD: &str = "Cloud job query";
const MODELARTS: &str = "ModelArts visualization jobs";
pub(super) const CTS: &str = "Cloud Trace Service (audit log)";

const PAGE: &[(&str, &str)] = &[
    ("offset", "first row, default 0"),
    ("limit", "rows, default 10 (job lists) / 100000 max"),
];
const JOB_CENTER: &[(&str, &str)] = &[
    ("offset", "default 0"),
    ("limit", "default 10, at most 100000"),
    (
        "status",
        "running | waiting | success | failed | partiallyFailed",
    ),
    ("graph_name", "only jobs of this graph"),
    ("start_time", "yyyy-MM-dd, jobs created that day or later"),
    ("end_time", "yyyy-MM-dd, jobs created that day or earlier"),
];
const JOB_CENTER_V1: &[(&str, &str)] = &[
    ("offset", "default 0"),
    ("limit", "default 10, at most 100000"),
    (
        "status",
        "running | waiting | success | failed | partiallyFailed",
    ),
    ("graph_name", "only jobs of this graph"),
    ("startTime", "yyyy-MM-dd"),
    ("endTime", "yyyy-MM-dd"),
];
const TRACES: &[(&str, &str)] = &[
    ("trace_type", "required: system (data is always empty)"),
    ("limit", "1-200, default 10"),
    ("from", "UTC ms, actions at or after"),
    ("to", "UTC ms, actions at or before"),
    ("next", "the marker of the page before"),
    ("service_type", "GES | ModelArts"),
    ("user", "the actor's name or id"),
    ("access_key_id", "the access key that signed the request"),
    (
        "resource_type",
        "job | graph | hygView | visualizationJob | token | accessKey | session",
    ),
    ("resource_name", "the target's name"),
    ("resource_id", "the target's id"),
    (
        "trace_name",
        "the operation (submitJob, cancelJob, importGraph, ...)",
    ),
    ("trace_id", "one entry"),
    ("trace_rating", "normal | warning | incident"),
    ("tracker_name", "system"),
];
const VIZ_LIST: &[(&str, &str)] = &[
    ("status", "numeric state filter"),
    ("page", "page number, from 1"),
    ("per_page", "page size"),
    ("sortBy", "job_name | create_time | duration"),
    ("order", "asc | desc"),
    ("search_content", "substring of job_name"),
];

macro_rules! op {
    ($m:ident $path:literal, $role:ident, $surface:expr, $summary:literal $(, query = $q:expr)? $(, body = $b:literal)? $(, ok = $ok:literal)?) => {
        Operation {
            method: axum::http::Method::$m,
            path: $path,
            role: Role::$role,
            surface: $surface,
            summary: $summary,
            query: { #[allow(unused_variables)] let q: &'static [(&str, &str)] = &[]; $(let q = $q;)? q },
            body: { #[allow(unused_variables)] let b: Option<&str> = None; $(let b = Some($b);)? b },
            ok: { #[allow(unused_variables)] let o: Option<&str> = None; $(let o = Some($ok);)? o },
        }
    };
}

/// Every documented route.
pub fn operations() -> Vec<Operation> {
    let g = GES;
    let mut ops = vec![
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=execute-algorithm", Operator, g,
            "Run an algorithm (async job, or sync for path algorithms with executionMode=sync)",
            body = "ges.ExecuteAlgorithmRequest", ok = "ges.ExecuteAlgorithmResponse"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=import-graph", Admin, g,
            "Import CSV + schema into the graph (created on first import)",
            body = "ges.ImportGraphRequest"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=filtered-query", Operator, g,
            "K-hop filtered query: vertices, filters (operator out|in|both, vertex_filter, edge_filter), query_type Default|AllVertices|SimpleEdges|Path; sync (default) answers with the rows under data.outputs, async with a job"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=path-query", Operator, g,
            "Filtered Query V2: vertices, repeat (operator outV|inV|bothV, vertex_filter, edge_filter; hop k follows repeat[k % len]), until (one stop condition), times 1-20 (default 2), emit, limit (default 10000), queryType Default; sync (default) answers with the vertices under data.outputs and data.vertices, async with a job"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=import-properties", Admin, g,
            "Refused (GES.8000): updating chosen properties from files (2.2.13) is not built; an incremental import-graph rewrites whole rows"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=export-graph", Operator, g,
            "Export the graph's schema, vertices and edges as files (a job)",
            body = "export.ExportGraphRequest"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}/action#action_id=export-result", Operator, g,
            "Dump a job's result to OBS or a local folder (a new job)",
            body = "export.ExportResultRequest"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action#action_id=query", Operator, g,
            "Vertex filter query (a job; rows through job status under data.outputs.vertices)",
            body = "ges.FilterQueryRequest"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action#action_id=delete", Admin, g,
            "Delete the vertices a filter matches, with their edges (a job; counts through job status)",
            body = "ges.FilterQueryRequest"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/edges/action#action_id=query", Operator, g,
            "Edge filter query (a job; rows through job status under data.outputs.edges)",
            body = "ges.FilterQueryRequest"),
        op!(GET "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/status", Viewer, g,
            "List the graph's jobs", query = PAGE, ok = "ges.JobListResponse"),
        op!(GET "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}/status", Viewer, g,
            "A job's status and a page of its result", query = PAGE, ok = "ges.JobStatusResponse"),
        op!(DELETE "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}", Operator, g,
            "Cancel a queued or running job"),
        op!(GET "/ges/v1.0/{project_id}/hyg", Viewer, g, "HyG: list the project's HyG graphs",
            ok = "ges.HygListResponse"),
        op!(POST "/ges/v1.0/{project_id}/hyg/{graph_name}", Admin, g,
            "HyG: create the HyG view of an existing graph", body = "ges.HygCreateRequest"),
        op!(DELETE "/ges/v1.0/{project_id}/hyg/{graph_name}", Admin, g,
            "HyG: delete the view (a job; the graph stays)"),
        op!(POST "/ges/v1.0/{project_id}/hyg/{graph_name}/sync", Admin, g,
            "HyG: sync labels and properties into the view (a job)", body = "ges.HygSyncRequest"),
        op!(GET "/ges/v1.0/{project_id}/hyg/{graph_name}/summary", Viewer, g, "HyG: the view's summary",
            ok = "ges.HygSummaryResponse"),
        op!(POST "/ges/v1.0/{project_id}/hyg/{graph_name}/algorithm", Operator, g,
            "HyG: run an algorithm (a job; one at a time per graph, in order)",
            body = "ges.HygAlgorithmRequest"),
        op!(POST "/ges/v1.0/{project_id}/hyg/{graph_name}/dsl", Operator, g,
            "HyG: run a Python Pregel script (a job; its stdout per partition is dumped with \
             export-result; refused scripts answer GES.8005)",
            body = "ges.HygDslRequest"),
        op!(POST "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs/{job_id}/export-result", Operator, g,
            "HyG: dump a job's result (a new job; erase defaults to true)",
            body = "export.ExportResultRequest"),
        op!(DELETE "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs/{job_id}", Operator, g,
            "HyG: cancel a queued or running job"),
        op!(DELETE "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs", Operator, g,
            "HyG: cancel every queued HyG job of the graph"),
        op!(DELETE "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs", Operator, g,
            "HyG: cancel every queued HyG job of the graph (alias of …/hyg/{graph_name}/jobs, \
             the path of the EN docs' examples)"),
        op!(GET "/v2/{project_id}/graphs/jobs", Viewer, MGMT, "Job center: list jobs",
            query = JOB_CENTER, ok = "management.JobList"),
        op!(GET "/v2/{project_id}/graphs/{graph_id}/jobs/{job_id}/status", Viewer, MGMT,
            "Job center: one job", ok = "management.Job"),
        op!(GET "/v2/{project_id}/graphs", Viewer, MGMT, "List graphs", query = PAGE,
            ok = "management.GraphList"),
        op!(POST "/v2/{project_id}/graphs", Admin, MGMT, "Create an empty graph (a job)",
            body = "management.CreateGraphRequest", ok = "management.CreateGraphResponse"),
        op!(GET "/v2/{project_id}/graphs/{graph_id}", Viewer, MGMT, "Show a graph",
            ok = "management.GraphDetail"),
        op!(DELETE "/v2/{project_id}/graphs/{graph_id}", Admin, MGMT, "Delete a graph (a job)",
            ok = "management.JobIdResponse"),
        op!(POST "/v2/{project_id}/graphs/{graph_id}/import-graph", Admin, MGMT,
            "Import into an existing graph (a job)", body = "management.ImportGraphRequest",
            ok = "management.JobIdResponse"),
        op!(POST "/v2/{project_id}/graphs/{graph_id}/export-graph", Operator, MGMT,
            "Export the graph as files (a job)", body = "export.ManagementExportGraphRequest",
            ok = "management.JobIdResponse"),
        op!(POST "/v2/{project_id}/graphs/{graph_id}/clear-graph", Admin, MGMT,
            "Remove all vertices and edges (a job)",
            query = &[("clear_metadata", "true also drops the schema")],
            ok = "management.JobIdResponse"),
    ];
    // The instance actions, from their own table (`rest::instance_actions`).
    ops.extend(
        crate::rest::instance_actions::ACTIONS
            .iter()
            .map(|a| Operation {
                method: axum::http::Method::POST,
                path: a.path,
                role: Role::Admin,
                surface: MGMT,
                summary: a.summary,
                query: &[],
                body: None,
                ok: None,
            }),
    );
    ops.extend([
        op!(GET "/v1.0/{project_id}/graphs/jobs", Viewer, MGMT_V1, "Job center: list jobs",
            query = JOB_CENTER_V1, ok = "management_v1.JobList"),
        op!(GET "/v1.0/{project_id}/graphs/{graph_id}/jobs/{job_id}/status", Viewer, MGMT_V1,
            "Job center: one job", ok = "management_v1.Job"),
        op!(GET "/v1.0/{project_id}/graphs", Viewer, MGMT_V1, "List graphs", query = PAGE,
            ok = "management_v1.GraphList"),
        op!(POST "/v1.0/{project_id}/graphs", Admin, MGMT_V1, "Create an empty graph (a job)",
            body = "management.CreateGraphRequest", ok = "management_v1.CreateGraphResponse"),
        op!(GET "/v1.0/{project_id}/graphs/{graph_id}", Viewer, MGMT_V1, "Show a graph",
            ok = "management_v1.GraphDetail"),
        op!(DELETE "/v1.0/{project_id}/graphs/{graph_id}", Admin, MGMT_V1, "Delete a graph (a job)",
            query = &[("keepBackup", "accepted and ignored")], ok = "management_v1.JobIdResponse"),
        op!(POST "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=import-graph", Admin, MGMT_V1,
            "Import into an existing graph (a job)", body = "ges.ImportGraphRequest",
            ok = "management_v1.JobIdResponse"),
        op!(POST "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=export-graph", Operator, MGMT_V1,
            "Export the graph as files (a job)", body = "export.ExportGraphRequest",
            ok = "management_v1.JobIdResponse"),
        op!(POST "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=clear-graph", Admin, MGMT_V1,
            "Remove all vertices and edges (a job)",
            query = &[("clear-metadata", "true also drops the schema")],
            ok = "management_v1.JobIdResponse"),
        op!(GET "/v1/{project_id}/jobs/{job_id}", Viewer, CLOUD,
            "Any job in the generic cloud job shape, with sub_jobs", ok = "cloud.Job"),
        op!(GET "/v3/{project_id}/jobs/{job_id}", Viewer, CLOUD,
            "Refused (GES.7009): CFW's job query; graphjobs runs no CFW jobs (use GET /v1/{project_id}/jobs/{job_id})"),
        op!(POST "/v3/auth/tokens", Viewer, CLOUD,
            "Refused (GES.7009), no credential needed: graphjobs issues no IAM tokens; `graphjobs token create` and `graphjobs keys create` make credentials"),
        op!(POST "/v1/{project_id}/visualization-jobs", Operator, MODELARTS, "Create a visualization job",
            body = "modelarts.CreateRequest", ok = "modelarts.CreateResponse"),
        op!(GET "/v1/{project_id}/visualization-jobs", Viewer, MODELARTS, "List visualization jobs",
            query = VIZ_LIST, ok = "modelarts.JobList"),
        op!(GET "/v1/{project_id}/visualization-jobs/{job_id}", Viewer, MODELARTS,
            "A visualization job", ok = "modelarts.JobDetail"),
        op!(PUT "/v1/{project_id}/visualization-jobs/{job_id}", Operator, MODELARTS,
            "Update the description", body = "modelarts.UpdateRequest", ok = "modelarts.Ack"),
        op!(DELETE "/v1/{project_id}/visualization-jobs/{job_id}", Operator, MODELARTS,
            "Delete a visualization job", ok = "modelarts.Ack"),
        op!(POST "/v1/{project_id}/visualization-jobs/{job_id}/stop", Operator, MODELARTS,
            "Stop a running visualization job", ok = "modelarts.Ack"),
        op!(POST "/v1/{project_id}/visualization-jobs/{job_id}/restart", Operator, MODELARTS,
            "Restart a stopped or failed visualization job", ok = "modelarts.Ack"),
        op!(GET "/v1/{project_id}/visualization-jobs/{job_id}/view", Viewer, MODELARTS,
            "graphjobs: what a RUNNING job shows (histogram and top N, community sizes, paths, TensorBoard scalars)"),
        op!(GET "/v3/{project_id}/traces", Admin, CTS,
            "The audit log: every action that changed something (or was refused), newest first, \
             as Cloud Trace Service's trace list", query = TRACES, ok = "cts.ListTracesResponse"),
    ]);
    ops
}
