//! Where every surface's error codes live (DECISIONS.md "Errors"): the engine names refusals and
//! failures in its own terms ([`Refusal`], [`FailKind`]); this module numbers them, once per
//! surface, and the REST handlers and the console's server functions both use it.
//!
//! - [`ges`], [`management`], [`cloud`], [`modelarts`]: one function per surface, an engine
//!   error → [`WireError`] (HTTP status, code, message). [`Surface::engine_error`] picks one.
//! - [`Surface::code`]: the same failure's code on another surface, for the errors the server
//!   makes itself (an unreadable body, a bad query parameter) in the service plane's numbering.
//! - [`ges_refusal`], [`modelarts_refusal`]: a refusal's code, which the console shows in
//!   front of a refused form's message.
//! - [`ges_failure`]: a failed job's `errorCode` (service plane, cloud job query, console).
//!
//! The service plane's numbering is the base: the management planes number a bad parameter
//! `GES.0001` and keep the rest; ModelArts numbers everything in its own `ModelArts.*` space.
//! Each surface's envelope (`errorCode`/`error_code`/`error.code`…) is its module's `ErrorBody`.

use engine::{Error, FailKind, Refusal};

/// `GES.8000`: incorrect parameter format, the service plane's code for most refusals (the seeds
/// also use it for "graph does not exist").
const GES_BAD_PARAMETER: &str = "GES.8000";
/// `GES.8002`: the service plane's 500-class code; also a shared part being unavailable (GES
/// lists no code of its own for that), with 503 so clients retry.
const GES_INTERNAL: &str = "GES.8002";
/// `GES.0001`: the management planes' "incorrect parameter".
const MANAGEMENT_BAD_PARAMETER: &str = "GES.0001";

/// Which API family a route belongs to; decides the error codes and envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Surface {
    /// `/ges/v1.0/…`, the service plane (camelCase).
    #[default]
    Ges,
    /// `/v2/{project_id}/graphs…`, the management plane (snake_case).
    Management,
    /// `/v1.0/{project_id}/graphs…`, the legacy management plane (camelCase, v2's codes).
    ManagementV1,
    /// `/v1/{project_id}/jobs/{job_id}`, the generic cloud job query (the service plane's codes).
    Cloud,
    /// `/v1/{project_id}/visualization-jobs…` (`{"is_success":false,"error_code":"ModelArts.…"}`).
    ModelArts,
    /// `/v3/{project_id}/traces`, the audit log as Cloud Trace Service's trace list
    /// (`{"error_code":"CTS.…","error_msg"}`, see [`cts`]).
    Cts,
}

impl Surface {
    /// This surface's code for a failure the service plane numbers `ges` (the server's own
    /// errors are made in the service plane's numbering, then rendered on their route's
    /// surface). ModelArts: credentials (GES.8006/8007) → `ModelArts.0108`, internal
    /// (GES.8002) → `ModelArts.0010`, any other request error → `ModelArts.0101` (invalid
    /// argument); codes already in its space are kept.
    pub fn code(self, ges: &'static str) -> &'static str {
        match self {
            Self::Ges | Self::Cloud => ges,
            Self::Management | Self::ManagementV1 if ges == GES_BAD_PARAMETER => {
                MANAGEMENT_BAD_PARAMETER
            }
            Self::Management | Self::ManagementV1 => ges,
            Self::ModelArts => match ges {
                // Credentials and roles (GES.8020, a role that may not do it).
                "GES.8006" | "GES.8007" | "GES.8020" => "ModelArts.0108",
                GES_INTERNAL => "ModelArts.0010",
                code if code.starts_with("GES.") => "ModelArts.0101",
                code => code,
            },
            Self::Cts => match ges {
                // CTS.0002 (403): authentication failed or no permission.
                "GES.8006" | "GES.8007" | "GES.8020" => "CTS.0002",
                // CTS.0005 (500): data read exception.
                GES_INTERNAL => "CTS.0005",
                // CTS.0003 (400): the request is empty or invalid (CTS documents no code of
                // its own for a bad query parameter; this is its generic "invalid request").
                code if code.starts_with("GES.") => "CTS.0003",
                code => code,
            },
        }
    }

    /// `e` as this surface answers it: [`ges`], [`management`] (both planes), [`cloud`] or
    /// [`modelarts`]. `not_found` is the endpoint's code for a missing resource (ignored by
    /// ModelArts, which has one).
    pub fn engine_error(self, e: &Error, not_found: &'static str) -> WireError {
        match self {
            Self::Ges => ges(e, not_found),
            Self::Management | Self::ManagementV1 => management(e, not_found),
            Self::Cloud => cloud(e, not_found),
            Self::ModelArts => modelarts(e),
            Self::Cts => cts(e),
        }
    }
}

/// An error as one surface answers it; the server renders it in the surface's envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError {
    /// HTTP status.
    pub status: u16,
    /// The surface's error code.
    pub code: &'static str,
    /// Message for the client (not yet clipped).
    pub message: String,
}

impl WireError {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }
}

/// The service plane's code for a refusal: `GES.8005` (HyG's "incorrect parameter", the code
/// the `dsl` page shows) for a dsl request, `GES.8000` for any other.
pub const fn ges_refusal(kind: Refusal) -> &'static str {
    match kind {
        Refusal::BadScript => "GES.8005",
        Refusal::BadParameter
        | Refusal::WrongState
        | Refusal::NoSuchWorkspace
        | Refusal::QuotaExceeded => GES_BAD_PARAMETER,
    }
}

/// ModelArts' code for a refusal (REFERENCE §9.8): `ModelArts.0104` (parameter error, the
/// reference's failure samples) for a bad parameter, `ModelArts.0102` for an unknown workspace,
/// `ModelArts.0118` for a used-up quota; a HyG dsl refusal never reaches ModelArts and would be
/// `ModelArts.0101`, as every service-plane code but the few [`Surface::code`] names.
pub fn modelarts_refusal(kind: Refusal) -> &'static str {
    match kind {
        Refusal::BadParameter | Refusal::WrongState => "ModelArts.0104",
        Refusal::NoSuchWorkspace => "ModelArts.0102",
        Refusal::QuotaExceeded => "ModelArts.0118",
        Refusal::BadScript => Surface::ModelArts.code(ges_refusal(kind)),
    }
}

/// A failed or cancelled job's `errorCode` (service plane job status and list, cloud job query,
/// console): `GES.8301` for a failed run (REFERENCE §2.1, "Running algorithm [X] error: …"),
/// `GES.8011` for an export, `GES.8013` for an import, `GES.8000` otherwise — also for `None`
/// (a cancelled job, or one an older version failed without a code).
pub fn ges_failure(kind: Option<FailKind>) -> &'static str {
    match kind {
        Some(FailKind::RunFailed) => "GES.8301",
        Some(FailKind::ExportFailed) => "GES.8011",
        Some(FailKind::ImportFailed) => "GES.8013",
        Some(FailKind::Refused | FailKind::Abandoned) | None => GES_BAD_PARAMETER,
    }
}

/// The service plane (and the base of the others): 400 for every client error, as GES does;
/// `not_found` is the endpoint's code for a missing resource (GES varies it: `GES.8402` on job
/// status, `GES.8000` on the job list, …). A full queue is 429, a shared part that is out of
/// reach 503 (the client retries), anything else 500 with `GES.8002`: a full or read-only data
/// dir is named (the operator knows what to fix), other internal details never leave the
/// server.
pub fn ges(e: &Error, not_found: &'static str) -> WireError {
    match e {
        Error::NotFound { what } => WireError::new(400, not_found, format!("{what} is not found")),
        Error::InvalidArgument { kind, message } => {
            WireError::new(400, ges_refusal(*kind), message.as_str())
        }
        Error::Conflict { message } => WireError::new(400, GES_BAD_PARAMETER, message.as_str()),
        Error::QueueFull { .. } => WireError::new(429, GES_BAD_PARAMETER, e.to_string()),
        Error::Unauthenticated => {
            WireError::new(401, "GES.8007", "invalid or missing X-Auth-Token")
        }
        e if e.is_unavailable() => {
            let what = match e {
                Error::Unavailable { .. } => e.to_string(),
                _ => "the job store (PostgreSQL) is unavailable".to_owned(),
            };
            WireError::new(503, GES_INTERNAL, format!("{what}; retry later"))
        }
        e => {
            let cause = e
                .storage_fault()
                .map_or_else(|| "internal error".to_owned(), |f| f.to_string());
            WireError::new(
                500,
                GES_INTERNAL,
                format!("{cause}; the server log has the details"),
            )
        }
    }
}

/// The management planes (v2 and the legacy v1, which answer alike): a missing resource "does
/// not exist" under the endpoint's code (`GES.7000` a graph, `GES.7007` a job), a bad parameter
/// is `GES.0001`; everything else as on the service plane.
pub fn management(e: &Error, not_found: &'static str) -> WireError {
    match e {
        Error::NotFound { what } => {
            WireError::new(400, not_found, format!("{what} does not exist"))
        }
        e => in_codes_of(Surface::Management, ges(e, not_found)),
    }
}

/// The generic cloud job query: the service plane's codes (its handler answers an unknown job
/// itself, with 404).
pub fn cloud(e: &Error, not_found: &'static str) -> WireError {
    ges(e, not_found)
}

/// ModelArts visualization jobs: a missing job is HTTP **404** `ModelArts.0107` ("invalid
/// values": the id names no job; the reference documents no not-found code), a refused state
/// transition `ModelArts.0105` with ModelArts' wording, refusals per [`modelarts_refusal`],
/// everything else the service plane's answer in ModelArts' codes ([`Surface::code`]).
pub fn modelarts(e: &Error) -> WireError {
    match e {
        Error::NotFound { what } => {
            WireError::new(404, "ModelArts.0107", format!("{what} does not exist"))
        }
        Error::InvalidArgument { kind, message } => {
            WireError::new(400, modelarts_refusal(*kind), message.as_str())
        }
        Error::Conflict { message } => WireError::new(400, "ModelArts.0105", message.as_str()),
        e => in_codes_of(Surface::ModelArts, ges(e, "ModelArts.0107")),
    }
}

/// Cloud Trace Service (the audit log's list): every refusal `CTS.0003` (400), a credential
/// `CTS.0002`, an internal error `CTS.0005` (500), a shared part out of reach 503 `CTS.0005`.
pub fn cts(e: &Error) -> WireError {
    in_codes_of(Surface::Cts, ges(e, GES_BAD_PARAMETER))
}

fn in_codes_of(surface: Surface, mut w: WireError) -> WireError {
    w.code = surface.code(w.code);
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(kind: Refusal) -> Error {
        Error::refused(kind, "parameter [x] is invalid")
    }

    #[test]
    fn each_surface_numbers_a_refusal_its_own_way() {
        let bad = refused(Refusal::BadParameter);
        assert_eq!(ges(&bad, "GES.8402").code, "GES.8000");
        assert_eq!(management(&bad, "GES.7000").code, "GES.0001");
        assert_eq!(cloud(&bad, "GES.7007").code, "GES.8000");
        assert_eq!(modelarts(&bad).code, "ModelArts.0104");
        let state = refused(Refusal::WrongState);
        assert_eq!(ges(&state, "GES.8000").code, "GES.8000");
        assert_eq!(modelarts(&state).code, "ModelArts.0104");
        let script = refused(Refusal::BadScript);
        assert_eq!(ges(&script, "GES.8000").code, "GES.8005");
        assert_eq!(modelarts(&script).code, "ModelArts.0101");
        assert_eq!(
            modelarts(&refused(Refusal::NoSuchWorkspace)).code,
            "ModelArts.0102"
        );
        assert_eq!(
            modelarts(&refused(Refusal::QuotaExceeded)).code,
            "ModelArts.0118"
        );
        for w in [ges(&bad, "GES.8402"), modelarts(&bad)] {
            assert_eq!(
                (w.status, w.message.as_str()),
                (400, "parameter [x] is invalid")
            );
        }
    }

    #[test]
    fn a_missing_resource_takes_the_endpoints_code_and_its_surfaces_words() {
        let e = Error::not_found("job 42");
        assert_eq!(
            ges(&e, "GES.8402"),
            WireError::new(400, "GES.8402", "job 42 is not found")
        );
        assert_eq!(
            management(&e, "GES.7007"),
            WireError::new(400, "GES.7007", "job 42 does not exist")
        );
        assert_eq!(
            modelarts(&e),
            WireError::new(404, "ModelArts.0107", "job 42 does not exist")
        );
    }

    #[test]
    fn credentials_conflicts_and_faults() {
        let unauth = Error::Unauthenticated;
        assert_eq!(
            (ges(&unauth, "").status, ges(&unauth, "").code),
            (401, "GES.8007")
        );
        assert_eq!(management(&unauth, "").code, "GES.8007");
        assert_eq!(modelarts(&unauth).code, "ModelArts.0108");
        let conflict = Error::Conflict {
            message: "job already finished".into(),
        };
        assert_eq!(ges(&conflict, "").code, "GES.8000");
        assert_eq!(management(&conflict, "").code, "GES.0001");
        assert_eq!(modelarts(&conflict).code, "ModelArts.0105");
        let full = Error::QueueFull { limit: 3 };
        assert_eq!(
            (ges(&full, "").status, ges(&full, "").code),
            (429, "GES.8000")
        );
        let down = Error::Unavailable {
            what: "the object store".into(),
            reason: "refused".into(),
        };
        let w = ges(&down, "");
        assert_eq!((w.status, w.code), (503, "GES.8002"));
        assert!(w.message.ends_with("; retry later"), "{}", w.message);
        assert_eq!(modelarts(&down).code, "ModelArts.0010");
        let internal = ges(&Error::Internal("secret detail".into()), "");
        assert_eq!(
            internal,
            WireError::new(
                500,
                "GES.8002",
                "internal error; the server log has the details"
            )
        );
        let full_disk = ges(&Error::Io(std::io::Error::from_raw_os_error(28)), "");
        assert_eq!(
            full_disk.message,
            "the data dir is full (no space left on device); the server log has the details"
        );
    }

    #[test]
    fn a_failed_jobs_code_names_what_failed() {
        assert_eq!(ges_failure(Some(FailKind::RunFailed)), "GES.8301");
        assert_eq!(ges_failure(Some(FailKind::ExportFailed)), "GES.8011");
        assert_eq!(ges_failure(Some(FailKind::ImportFailed)), "GES.8013");
        assert_eq!(ges_failure(Some(FailKind::Refused)), "GES.8000");
        assert_eq!(ges_failure(Some(FailKind::Abandoned)), "GES.8000");
        assert_eq!(ges_failure(None), "GES.8000");
    }

    #[test]
    fn server_made_errors_change_code_with_their_surface() {
        assert_eq!(Surface::Ges.code("GES.8000"), "GES.8000");
        assert_eq!(Surface::Cloud.code("GES.7007"), "GES.7007");
        assert_eq!(Surface::Management.code("GES.8000"), "GES.0001");
        assert_eq!(Surface::ManagementV1.code("GES.8000"), "GES.0001");
        assert_eq!(Surface::Management.code("GES.7000"), "GES.7000");
        assert_eq!(Surface::ModelArts.code("GES.8007"), "ModelArts.0108");
        assert_eq!(Surface::ModelArts.code("GES.8006"), "ModelArts.0108");
        assert_eq!(Surface::ModelArts.code("GES.8002"), "ModelArts.0010");
        assert_eq!(Surface::ModelArts.code("GES.8000"), "ModelArts.0101");
        assert_eq!(Surface::ModelArts.code("ModelArts.0104"), "ModelArts.0104");
    }
}
