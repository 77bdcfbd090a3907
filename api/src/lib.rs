//! # graphjobs wire contract
//!
//! Plain serde DTOs, shared by the REST handlers, the console's server functions and the wasm
//! UI. Field names are exactly those of the cloud APIs (see `shared/api/REFERENCE.md`); only
//! this crate defines JSON field names.
//!
//! - [`ges`]: the GES service plane (`/ges/v1.0/{project_id}/graphs/…`), camelCase.
//! - [`console`]: what the console's server functions return (the internal job model).

pub mod console;
#[cfg(feature = "engine")]
pub mod convert;
pub mod ges;
