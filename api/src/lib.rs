//! # graphjobs wire contract
//!
//! Plain serde DTOs, shared by the REST handlers, the console's server functions and the wasm
//! UI. Field names are exactly those of the cloud APIs (see `shared/api/REFERENCE.md`); only
//! this crate defines JSON field names.
//!
//! - [`ges`]: the GES service plane (`/ges/v1.0/{project_id}/graphs/…`), camelCase.
//! - [`management`]: the GES management-plane job center (`/v2/{project_id}/graphs/jobs`), snake_case.
//! - [`management_v1`]: the legacy management plane v1 (`/v1.0/{project_id}/graphs…`), camelCase.
//! - [`cloud`]: the generic cloud job query (`/v1/{project_id}/jobs/{job_id}`).
//! - [`modelarts`]: ModelArts visualization jobs (`/v1/{project_id}/visualization-jobs`).
//! - [`export`]: export-result and export-graph bodies, `obsParameters`.
//! - [`console`]: what the console's server functions return (the internal job model).

pub mod clip;
pub mod cloud;
pub mod console;
#[cfg(feature = "engine")]
pub mod convert;
pub mod cts;
pub mod export;
pub mod ges;
pub mod management;
pub mod management_v1;
pub mod modelarts;
