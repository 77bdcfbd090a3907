//! The engine's error type, mapped once at each web boundary (REST envelopes, console errors).
//!
//! The engine speaks its own terms only: a refusal says *why* ([`Refusal`]), never which wire
//! code a surface shows for it. Each surface's codes, HTTP statuses and envelopes are the `api`
//! crate's (`api::convert::errors`: one function per surface), and the server renders them.

mod storage_fault;

pub use storage_fault::StorageFault;

/// Result alias used throughout the engine.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why the engine refuses a request ([`Error::InvalidArgument`]). Each API surface numbers
/// these in its own code space (`api::convert::errors`); not `#[non_exhaustive]`, so that a new
/// kind fails to build until every surface has a code for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// A parameter is missing, malformed or out of range, or names something that does not
    /// exist.
    BadParameter,
    /// The request is well formed, but what it reads from is not in a state to serve it: a HyG
    /// view not synced yet, a job with no result to export (not a succeeded algorithm job, or
    /// its result erased). Unlike an [`Error::Conflict`], where the operation itself clashes
    /// with its resource's state (cancelling a finished job, creating what exists), it is a
    /// refused parameter on every surface.
    WrongState,
    /// A HyG dsl request: its body, or the script it names (unreadable, too large, or outside
    /// the subset the interpreter runs).
    BadScript,
    /// A visualization request names a workspace graphjobs does not have (it has only the
    /// default one).
    NoSuchWorkspace,
    /// The project already holds as many visualization jobs as it may.
    QuotaExceeded,
}

/// What can go wrong in an engine call. Web layers map each variant to their own envelope and
/// code; an [`Error::InvalidArgument`] says which kind of refusal it is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A job, graph or other resource does not exist in this project.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for, e.g. `job 123` or `graph [movie]`.
        what: String,
    },
    /// A request is refused: a parameter is missing or out of range, or what it names cannot
    /// serve it.
    #[error("{message}")]
    InvalidArgument {
        /// Why it is refused.
        kind: Refusal,
        /// Human-readable message naming the parameter.
        message: String,
    },
    /// The operation does not fit the resource's current state (e.g. cancel of a finished job).
    #[error("{message}")]
    Conflict {
        /// Human-readable message.
        message: String,
    },
    /// The job queue is full; the client should retry later.
    #[error("job queue is full ({limit} queued jobs); retry later")]
    QueueFull {
        /// The configured limit.
        limit: u64,
    },
    /// The credential is missing, unknown or revoked.
    #[error("invalid or missing credential")]
    Unauthenticated,
    /// The job store failed.
    #[error("job store error: {0}")]
    Storage(#[from] sqlx::Error),
    /// A migration failed.
    #[error("job store migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Reading or writing the data dir failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// The data dir cannot be written (read-only filesystem, no space, no permission): the
    /// store is not opened, so a start fails with this one message naming the dir.
    #[error("the data dir {} is not writable ({source})", path.display())]
    DataDir {
        /// The data dir.
        path: std::path::PathBuf,
        /// What the write probe got.
        source: std::io::Error,
    },
    /// A shared part the node needs (the object store) cannot be reached or refused a request;
    /// nothing half-written was made visible, and the call may be retried later (web layers
    /// answer 503).
    #[error("{what} is unavailable: {reason}")]
    Unavailable {
        /// What could not be reached, e.g. `the object store s3://graphs on http://…`.
        what: String,
        /// What was tried and the store's answer.
        reason: String,
    },
    /// Anything else internal; the message is logged, never shown to clients as-is.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Whether a shared part is out of reach rather than broken: the object store
    /// ([`Error::Unavailable`]) or the job store's connection (refused, lost, or no connection
    /// free within the pool's timeout, as while PostgreSQL restarts). Callers may retry.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Unavailable { .. } => true,
            Self::Storage(e) => {
                matches!(
                    e,
                    sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed
                ) || e
                    .as_database_error()
                    .and_then(|d| d.code())
                    // PostgreSQL's class 08 (connection exception) and 57P0x (shutting down).
                    .is_some_and(|c| c.starts_with("08") || c.starts_with("57P0"))
            }
            _ => false,
        }
    }

    /// Shorthand for [`Error::NotFound`].
    pub fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound { what: what.into() }
    }

    /// Shorthand for an [`Error::InvalidArgument`] of a [`Refusal::BadParameter`], the
    /// commonest refusal.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::refused(Refusal::BadParameter, message)
    }

    /// Shorthand for an [`Error::InvalidArgument`] of any kind.
    pub fn refused(kind: Refusal, message: impl Into<String>) -> Self {
        Self::InvalidArgument {
            kind,
            message: message.into(),
        }
    }

    /// Whether this is a server-side fault (5xx) rather than a client error.
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            Self::Storage(_)
                | Self::Migrate(_)
                | Self::Io(_)
                | Self::DataDir { .. }
                | Self::Internal(_)
        )
    }
}
