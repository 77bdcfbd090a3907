//! Reading `scriptPath` at submit: a local `file:///` path below the allowed roots, or an
//! object on the configured OBS endpoint with the request's credentials (as the import reads
//! its inputs, [`crate::obs`]). Every failure is a [`Refusal::BadScript`] naming the path.

use super::MAX_SCRIPT_BYTES;
use crate::engine::Engine;
use crate::obs::{Location, ObsCredentials, Sink, sink_reason};
use crate::{Error, Refusal, Result};

/// The same error with this endpoint's code.
fn recode(e: Error) -> Error {
    match e {
        Error::InvalidArgument { message, .. } => Error::refused(Refusal::BadScript, message),
        other => other,
    }
}

/// Reads the script at `raw`.
///
/// # Errors
/// `InvalidArgument` ([`Refusal::BadScript`]) when the path is refused, the script cannot be read, is
/// larger than [`MAX_SCRIPT_BYTES`] or is not UTF-8.
pub(crate) async fn read(
    engine: &Engine,
    project: &str,
    raw: &str,
    creds: Option<&ObsCredentials>,
) -> Result<String> {
    let bad = |m: String| Error::refused(Refusal::BadScript, format!("script [{raw}] {m}"));
    let too_big = |n: u64| {
        bad(format!(
            "is {n} bytes; scripts are at most {MAX_SCRIPT_BYTES} bytes"
        ))
    };
    let location = Location::parse(raw).map_err(recode)?;
    crate::obs::check_path(engine, project, raw, creds.is_some()).map_err(recode)?;
    let bytes = match &location {
        Location::Local(_) => {
            let path = engine.resolve_local_path(project, raw).map_err(recode)?;
            let meta = tokio::fs::metadata(&path)
                .await
                .map_err(|e| bad(format!("cannot be read: {e}")))?;
            if !meta.is_file() {
                return Err(bad("is not a file".into()));
            }
            if meta.len() > MAX_SCRIPT_BYTES {
                return Err(too_big(meta.len()));
            }
            tokio::fs::read(&path)
                .await
                .map_err(|e| bad(format!("cannot be read: {e}")))?
        }
        Location::Bucket { .. } => {
            let sink = Sink::open(engine, project, &location, creds).map_err(recode)?;
            let got = sink.store.get(&sink.prefix).await.map_err(|e| {
                bad(format!(
                    "cannot be read: {}",
                    sink_reason("reading", &sink.shown, &e)
                ))
            })?;
            if got.meta.size > MAX_SCRIPT_BYTES {
                return Err(too_big(got.meta.size));
            }
            got.bytes()
                .await
                .map_err(|e| bad(format!("cannot be read: {e}")))?
                .to_vec()
        }
    };
    String::from_utf8(bytes).map_err(|_| bad("is not UTF-8 text".into()))
}
