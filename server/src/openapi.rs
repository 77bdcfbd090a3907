//! `GET /openapi.json`: an OpenAPI 3.1 document of every REST surface, so users can generate
//! clients. The schemas are derived (utoipa `ToSchema`) from the `api` crate's DTOs — the same
//! types the handlers serialise — and the operations come from [`operations`], one row per
//! route. A test walks that table against the live router, so a documented route that does not
//! exist fails CI.
//!
//! Each operation names the least role that may call it (its description and
//! `x-graphjobs-role`), from the same table the credential check enforces.
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

mod operations;

use operations::{CLOUD, CTS, GES, MGMT, MGMT_V1};
pub use operations::{Operation, PUBLIC, operations};

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
        api::ges::HygDslRequest,
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
        api::cts::ListTracesResponse,
        api::cts::ErrorBody,
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
        CTS => "cts.ErrorBody",
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
        // A route outside every project (IAM's `/v3/auth/tokens`) takes no credential.
        let public = PUBLIC.contains(&op.path);
        let mut builder = OperationBuilder::new()
            .tag(op.surface)
            .summary(Some(op.summary));
        builder = if public {
            builder.description(Some("No credential needed."))
        } else {
            builder
                .description(Some(role_note(op.role)))
                .extensions(Some(
                    utoipa::openapi::extensions::ExtensionsBuilder::new()
                        .add("x-graphjobs-role", op.role.as_str())
                        .build(),
                ))
                .security(SecurityRequirement::new("token", Vec::<String>::new()))
                .security(SecurityRequirement::new("aksk", Vec::<String>::new()))
        };
        builder = builder
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

/// What an operation's description says of its role.
fn role_note(role: engine::auth::Role) -> String {
    let who = match role {
        engine::auth::Role::Viewer => "every role (viewer, operator, admin)",
        engine::auth::Role::Operator => "the operator and admin roles",
        engine::auth::Role::Admin => "the admin role",
    };
    format!(
        "Allowed to {who}; a credential whose role in the project is below `{role}` gets 403 \
         (`GES.8020`, `ModelArts.0108` on visualization jobs, `CTS.0002` on the audit log)."
    )
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
mod tests;
