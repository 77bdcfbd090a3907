//! `GET /openapi.json`: an OpenAPI 3.1 document of every REST surface, so users can generate
//! clients. The schemas are derived (utoipa `ToSchema`) from the `api` crate's DTOs — the same
//! types the handlers serialise — and the operations come from [`operations`], one row per
//! route. A test walks that table against the live router, so a documented route that does not
//! exist fails CI.
//!
//! Choices: the service plane's `action` route dispatches on `action_id`, which OpenAPI cannot
//! key on; it is documented once per action with a `#action_id=` fragment in the path so each
//! gets its own body and response (tools treat the fragment as part of the path name only).

use utoipa::OpenApi;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, ObjectBuilder, PathItem, Ref, RefOr, Required, ResponseBuilder, Schema,
};

/// One documented route.
#[derive(Debug, Clone)]
pub struct Operation {
    /// HTTP method.
    pub method: axum::http::Method,
    /// Path template as the router has it (`{project_id}` etc.), optionally with a
    /// `#action_id=…` suffix for the dispatching `action` routes.
    pub path: &'static str,
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

const GES: &str = "GES service plane";
const MGMT: &str = "GES management plane v2";
const MGMT_V1: &str = "GES management plane v1 (legacy)";
const CLOUD: &str = "Cloud job query";
const MODELARTS: &str = "ModelArts visualization jobs";

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
const VIZ_LIST: &[(&str, &str)] = &[
    ("status", "numeric state filter"),
    ("page", "page number, from 1"),
    ("per_page", "page size"),
    ("sortBy", "job_name | create_time | duration"),
    ("order", "asc | desc"),
    ("search_content", "substring of job_name"),
];

macro_rules! op {
    ($m:ident $path:literal, $surface:expr, $summary:literal $(, query = $q:expr)? $(, body = $b:literal)? $(, ok = $ok:literal)?) => {
        Operation {
            method: axum::http::Method::$m,
            path: $path,
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
    vec![
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=execute-algorithm", g,
            "Run an algorithm (async job, or sync for path algorithms with executionMode=sync)",
            body = "ges.ExecuteAlgorithmRequest", ok = "ges.ExecuteAlgorithmResponse"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=import-graph", g,
            "Import CSV + schema into the graph (created on first import)",
            body = "ges.ImportGraphRequest"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=filtered-query", g,
            "K-hop filtered query: vertices, filters (operator out|in|both, vertex_filter, edge_filter), query_type Default|AllVertices|SimpleEdges|Path; sync (default) answers with the rows under data.outputs, async with a job"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=export-graph", g,
            "Export the graph's schema, vertices and edges as files (a job)",
            body = "export.ExportGraphRequest"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}/action#action_id=export-result", g,
            "Dump a job's result to OBS or a local folder (a new job)",
            body = "export.ExportResultRequest"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action#action_id=query", g,
            "Vertex filter query (a job; rows through job status under data.outputs.vertices)",
            body = "ges.FilterQueryRequest"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action#action_id=delete", g,
            "Delete the vertices a filter matches, with their edges (a job; counts through job status)",
            body = "ges.FilterQueryRequest"),
        op!(POST "/ges/v1.0/{project_id}/graphs/{graph_name}/edges/action#action_id=query", g,
            "Edge filter query (a job; rows through job status under data.outputs.edges)",
            body = "ges.FilterQueryRequest"),
        op!(GET "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/status", g,
            "List the graph's jobs", query = PAGE, ok = "ges.JobListResponse"),
        op!(GET "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}/status", g,
            "A job's status and a page of its result", query = PAGE, ok = "ges.JobStatusResponse"),
        op!(DELETE "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}", g,
            "Cancel a queued or running job"),
        op!(GET "/ges/v1.0/{project_id}/hyg", g, "HyG: list the project's HyG graphs",
            ok = "ges.HygListResponse"),
        op!(POST "/ges/v1.0/{project_id}/hyg/{graph_name}", g,
            "HyG: create the HyG view of an existing graph", body = "ges.HygCreateRequest"),
        op!(DELETE "/ges/v1.0/{project_id}/hyg/{graph_name}", g,
            "HyG: delete the view (a job; the graph stays)"),
        op!(POST "/ges/v1.0/{project_id}/hyg/{graph_name}/sync", g,
            "HyG: sync labels and properties into the view (a job)", body = "ges.HygSyncRequest"),
        op!(GET "/ges/v1.0/{project_id}/hyg/{graph_name}/summary", g, "HyG: the view's summary",
            ok = "ges.HygSummaryResponse"),
        op!(POST "/ges/v1.0/{project_id}/hyg/{graph_name}/algorithm", g,
            "HyG: run an algorithm (a job; one at a time per graph, in order)",
            body = "ges.HygAlgorithmRequest"),
        op!(POST "/ges/v1.0/{project_id}/hyg/{graph_name}/dsl", g,
            "HyG: DSL scripts (answers GES.8000: not supported)"),
        op!(POST "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs/{job_id}/export-result", g,
            "HyG: dump a job's result (a new job; erase defaults to true)",
            body = "export.ExportResultRequest"),
        op!(DELETE "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs/{job_id}", g,
            "HyG: cancel a queued or running job"),
        op!(DELETE "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs", g,
            "HyG: cancel every queued HyG job of the graph"),
        op!(DELETE "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs", g,
            "HyG: cancel every queued HyG job of the graph (alias of …/hyg/{graph_name}/jobs, \
             the path of the EN docs' examples)"),
        op!(GET "/v2/{project_id}/graphs/jobs", MGMT, "Job center: list jobs",
            query = JOB_CENTER, ok = "management.JobList"),
        op!(GET "/v2/{project_id}/graphs/{graph_id}/jobs/{job_id}/status", MGMT,
            "Job center: one job", ok = "management.Job"),
        op!(GET "/v2/{project_id}/graphs", MGMT, "List graphs", query = PAGE,
            ok = "management.GraphList"),
        op!(POST "/v2/{project_id}/graphs", MGMT, "Create an empty graph (a job)",
            body = "management.CreateGraphRequest", ok = "management.CreateGraphResponse"),
        op!(GET "/v2/{project_id}/graphs/{graph_id}", MGMT, "Show a graph",
            ok = "management.GraphDetail"),
        op!(DELETE "/v2/{project_id}/graphs/{graph_id}", MGMT, "Delete a graph (a job)",
            ok = "management.JobIdResponse"),
        op!(POST "/v2/{project_id}/graphs/{graph_id}/import-graph", MGMT,
            "Import into an existing graph (a job)", body = "management.ImportGraphRequest",
            ok = "management.JobIdResponse"),
        op!(POST "/v2/{project_id}/graphs/{graph_id}/export-graph", MGMT,
            "Export the graph as files (a job)", body = "export.ManagementExportGraphRequest",
            ok = "management.JobIdResponse"),
        op!(POST "/v2/{project_id}/graphs/{graph_id}/clear-graph", MGMT,
            "Remove all vertices and edges (a job)",
            query = &[("clear_metadata", "true also drops the schema")],
            ok = "management.JobIdResponse"),
        op!(GET "/v1.0/{project_id}/graphs/jobs", MGMT_V1, "Job center: list jobs",
            query = JOB_CENTER_V1, ok = "management_v1.JobList"),
        op!(GET "/v1.0/{project_id}/graphs/{graph_id}/jobs/{job_id}/status", MGMT_V1,
            "Job center: one job", ok = "management_v1.Job"),
        op!(GET "/v1.0/{project_id}/graphs", MGMT_V1, "List graphs", query = PAGE,
            ok = "management_v1.GraphList"),
        op!(POST "/v1.0/{project_id}/graphs", MGMT_V1, "Create an empty graph (a job)",
            body = "management.CreateGraphRequest", ok = "management_v1.CreateGraphResponse"),
        op!(GET "/v1.0/{project_id}/graphs/{graph_id}", MGMT_V1, "Show a graph",
            ok = "management_v1.GraphDetail"),
        op!(DELETE "/v1.0/{project_id}/graphs/{graph_id}", MGMT_V1, "Delete a graph (a job)",
            query = &[("keepBackup", "accepted and ignored")], ok = "management_v1.JobIdResponse"),
        op!(POST "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=import-graph", MGMT_V1,
            "Import into an existing graph (a job)", body = "ges.ImportGraphRequest",
            ok = "management_v1.JobIdResponse"),
        op!(POST "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=export-graph", MGMT_V1,
            "Export the graph as files (a job)", body = "export.ExportGraphRequest",
            ok = "management_v1.JobIdResponse"),
        op!(POST "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=clear-graph", MGMT_V1,
            "Remove all vertices and edges (a job)",
            query = &[("clear-metadata", "true also drops the schema")],
            ok = "management_v1.JobIdResponse"),
        op!(GET "/v1/{project_id}/jobs/{job_id}", CLOUD,
            "Any job in the generic cloud job shape, with sub_jobs", ok = "cloud.Job"),
        op!(POST "/v1/{project_id}/visualization-jobs", MODELARTS, "Create a visualization job",
            body = "modelarts.CreateRequest", ok = "modelarts.CreateResponse"),
        op!(GET "/v1/{project_id}/visualization-jobs", MODELARTS, "List visualization jobs",
            query = VIZ_LIST, ok = "modelarts.JobList"),
        op!(GET "/v1/{project_id}/visualization-jobs/{job_id}", MODELARTS,
            "A visualization job", ok = "modelarts.JobDetail"),
        op!(PUT "/v1/{project_id}/visualization-jobs/{job_id}", MODELARTS,
            "Update the description", body = "modelarts.UpdateRequest", ok = "modelarts.Ack"),
        op!(DELETE "/v1/{project_id}/visualization-jobs/{job_id}", MODELARTS,
            "Delete a visualization job", ok = "modelarts.Ack"),
        op!(POST "/v1/{project_id}/visualization-jobs/{job_id}/stop", MODELARTS,
            "Stop a running visualization job", ok = "modelarts.Ack"),
        op!(POST "/v1/{project_id}/visualization-jobs/{job_id}/restart", MODELARTS,
            "Restart a stopped or failed visualization job", ok = "modelarts.Ack"),
        op!(GET "/v1/{project_id}/visualization-jobs/{job_id}/view", MODELARTS,
            "graphjobs: what a RUNNING job shows (histogram and top N, community sizes, paths, TensorBoard scalars)"),
    ]
}

/// The schemas (and, through derive, everything they reference).
#[derive(OpenApi)]
#[openapi(
    info(
        title = "graphjobs",
        description = "Self-hosted asynchronous graph jobs speaking the Huawei Cloud GES, \
                       ModelArts visualization-job and cloud job-query APIs."
    ),
    components(schemas(
        api::ges::ExecuteAlgorithmRequest,
        api::ges::ExecuteAlgorithmResponse,
        api::ges::ImportGraphRequest,
        api::ges::FilterQueryRequest,
        api::ges::HygCreateRequest,
        api::ges::HygSyncRequest,
        api::ges::HygLabel,
        api::ges::HygAlgorithmRequest,
        api::ges::HygOutput,
        api::ges::HygSummary,
        api::ges::HygSummaryResponse,
        api::ges::HygListResponse,
        api::export::ExportGraphRequest,
        api::export::ExportResultRequest,
        api::export::ManagementExportGraphRequest,
        api::ges::JobListResponse,
        api::ges::JobStatusResponse,
        api::ges::ErrorBody,
        api::management::JobList,
        api::management::Job,
        api::management::GraphList,
        api::management::GraphDetail,
        api::management::CreateGraphRequest,
        api::management::CreateGraphResponse,
        api::management::JobIdResponse,
        api::management::ImportGraphRequest,
        api::management::ErrorBody,
        api::management_v1::JobList,
        api::management_v1::Job,
        api::management_v1::GraphList,
        api::management_v1::GraphDetail,
        api::management_v1::CreateGraphResponse,
        api::management_v1::JobIdResponse,
        api::management_v1::ErrorBody,
        api::cloud::Job,
        api::cloud::ErrorBody,
        api::modelarts::CreateRequest,
        api::modelarts::CreateResponse,
        api::modelarts::JobList,
        api::modelarts::JobDetail,
        api::modelarts::UpdateRequest,
        api::modelarts::Ack,
        api::modelarts::ErrorBody,
    ))
)]
struct Schemas;

/// The error envelope component of each surface.
fn error_schema(surface: &str) -> &'static str {
    match surface {
        GES => "ges.ErrorBody",
        MGMT => "management.ErrorBody",
        MGMT_V1 => "management_v1.ErrorBody",
        CLOUD => "cloud.ErrorBody",
        _ => "modelarts.ErrorBody",
    }
}

fn json_content(schema: Option<&str>) -> utoipa::openapi::Content {
    let schema: RefOr<Schema> = match schema {
        Some(name) => Ref::from_schema_name(name).into(),
        None => ObjectBuilder::new().into(),
    };
    ContentBuilder::new().schema(Some(schema)).build()
}

/// Builds the whole document.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = Schemas::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let mut components = doc.components.take().unwrap_or_default();
    components.add_security_scheme(
        "token",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "X-Auth-Token",
            "a token from `graphjobs token create --project P`",
        ))),
    );
    components.add_security_scheme(
        "aksk",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "Authorization",
            "SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=… as the Huawei Cloud SDKs \
             sign (with X-Sdk-Date); keys from `graphjobs keys create --project P`",
        ))),
    );
    doc.components = Some(components);
    for op in operations() {
        let mut builder = OperationBuilder::new()
            .tag(op.surface)
            .summary(Some(op.summary))
            .security(SecurityRequirement::new("token", Vec::<String>::new()))
            .security(SecurityRequirement::new("aksk", Vec::<String>::new()))
            .response(
                "200",
                ResponseBuilder::new()
                    .description("success")
                    .content("application/json", json_content(op.ok)),
            )
            .response(
                "4XX",
                ResponseBuilder::new()
                    .description("error in the surface's envelope")
                    .content(
                        "application/json",
                        json_content(Some(error_schema(op.surface))),
                    ),
            );
        let template = op.path.split('#').next().unwrap_or(op.path);
        for name in path_params(template) {
            builder = builder.parameter(
                ParameterBuilder::new()
                    .name(name)
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .schema(Some(
                        ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::String),
                    )),
            );
        }
        if let Some(action) = op.path.split_once("#action_id=").map(|(_, a)| a) {
            builder = builder.parameter(
                ParameterBuilder::new()
                    .name("action_id")
                    .parameter_in(ParameterIn::Query)
                    .required(Required::True)
                    .description(Some(format!("must be `{action}`")))
                    .schema(Some(string().enum_values(Some([action])))),
            );
        }
        for (name, description) in op.query {
            builder = builder.parameter(
                ParameterBuilder::new()
                    .name(*name)
                    .parameter_in(ParameterIn::Query)
                    .required(Required::False)
                    .description(Some(*description))
                    .schema(Some(string())),
            );
        }
        if let Some(body) = op.body {
            builder = builder.request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(Required::True))
                    .content("application/json", json_content(Some(body)))
                    .build(),
            ));
        }
        let method = match op.method.as_str() {
            "POST" => HttpMethod::Post,
            "PUT" => HttpMethod::Put,
            "DELETE" => HttpMethod::Delete,
            _ => HttpMethod::Get,
        };
        let item = PathItem::new(method, builder);
        match doc.paths.paths.get_mut(op.path) {
            Some(existing) => existing.merge_operations(item),
            None => {
                doc.paths.paths.insert(op.path.to_owned(), item);
            }
        }
    }
    doc
}

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::String)
}

/// `{name}` segments of a path template.
pub fn path_params(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
}

/// `GET /openapi.json` (public: the document describes, it grants nothing).
pub async fn serve() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(document())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_referenced_schema_is_a_component() {
        let doc = document();
        let json = serde_json::to_value(&doc).unwrap();
        let schemas = json["components"]["schemas"].as_object().unwrap();
        let mut refs = Vec::new();
        collect_refs(&json, &mut refs);
        assert!(refs.len() > 40, "{refs:?}");
        for r in refs {
            let name = r.strip_prefix("#/components/schemas/").unwrap();
            assert!(schemas.contains_key(name), "dangling $ref {r}");
        }
    }

    #[test]
    fn operations_are_unique_and_tagged() {
        let doc = serde_json::to_value(document()).unwrap();
        let mut seen = std::collections::HashSet::new();
        for op in operations() {
            let method = op.method.as_str().to_lowercase();
            assert!(seen.insert((op.path, method.clone())), "{} twice", op.path);
            let tags = &doc["paths"][op.path][&method]["tags"];
            assert_eq!(tags[0], op.surface, "{}", op.path);
        }
    }

    fn collect_refs(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::String(r)) = m.get("$ref") {
                    out.push(r.clone());
                }
                m.values().for_each(|v| collect_refs(v, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| collect_refs(v, out)),
            _ => {}
        }
    }
}
