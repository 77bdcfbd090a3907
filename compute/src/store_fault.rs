//! Failures of the object store in a compute process: a store that does not answer ends the
//! process with [`STORE_UNAVAILABLE`], which the node takes as worth another group (it may
//! answer again), unlike a task that cannot succeed (`engine::distributed::EXIT_TASK_FAILED`).

use std::fmt::Display;
use std::io;

/// Exit code of a process whose object store did not answer.
pub const STORE_UNAVAILABLE: i32 = 72;

/// The message of a failed store call made while `doing`; when the store did not answer, the
/// process ends here instead, with [`STORE_UNAVAILABLE`] and the message on stderr.
pub(crate) fn store_failed(doing: impl Display, e: &engine::Error) -> String {
    if e.is_unavailable() {
        eprintln!("graphjobs compute-worker: {doing}: {e}");
        std::process::exit(STORE_UNAVAILABLE);
    }
    format!("{doing}: {e}")
}

/// [`store_failed`] for a read of an object through `engine::objects::ObjectReader` (whose
/// store faults wrap the engine's error); any other error is the bytes' fault.
pub(crate) fn read_failed(doing: impl Display, e: &io::Error) -> String {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<engine::Error>())
    {
        Some(inner) => store_failed(doing, inner),
        None => format!("{doing}: {e}"),
    }
}
