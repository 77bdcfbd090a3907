//! The audit log: an append-only record of every action that changes something (or tried to:
//! a refused or failed action is recorded too), never of a read.
//!
//! Each entry ([`Trace`]) says when, in which project, who ([`Actor`]: a token's id, an access
//! key, or the CLI on the server's host; never a secret), with which role, from which address,
//! under which request id and idempotency key, on what (resource type, name and id) and how it
//! ended (the HTTP status the caller got, and its message). The web layers decide what an
//! action is and record it ([`Engine::record_action`]) in the job store, committed before they
//! answer, so an entry survives a `kill -9` as the jobs do; [`Engine::traces`] lists them in
//! the shape of Huawei Cloud's Cloud Trace Service (CTS) trace list, newest first (both in
//! `engine/audit.rs`, the façade's).
//!
//! Kept as long as the longest-kept finished job ([`crate::job::store::Retention::longest`]):
//! the sweep deletes older entries, so the record of who acted on a job outlives the job.
//!
//! - [`query`]: the list's filters and paging.
//! - `store`: the `audit_log` table (SQLite migration 0016, PostgreSQL 0012).
//!
//! [`Engine::record_action`]: crate::Engine::record_action
//! [`Engine::traces`]: crate::Engine::traces

pub mod query;
pub(crate) mod store;

use time::OffsetDateTime;

pub use query::{DEFAULT_LIMIT, MAX_LIMIT, TracePage, TraceQuery};

use crate::auth::Role;

/// What kind of credential acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// An `X-Auth-Token` or a console session (its id: the first 12 hex digits of its hash, as
    /// `graphjobs token list` shows it).
    Token,
    /// An AK/SK-signed request (its id: the access key).
    AccessKey,
    /// The `graphjobs` CLI on the server's host (managing credentials needs no credential).
    Cli,
}

impl ActorKind {
    /// As stored: `token`, `access_key`, `cli`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Token => "token",
            Self::AccessKey => "access_key",
            Self::Cli => "cli",
        }
    }

    /// The kind stored as `word`.
    pub fn parse(word: &str) -> Option<Self> {
        [Self::Token, Self::AccessKey, Self::Cli]
            .into_iter()
            .find(|k| k.as_str() == word)
    }
}

/// Who acted: never the secret, only what identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Token, access key or CLI.
    pub kind: ActorKind,
    /// The token's id (hash prefix), the access key, or `cli`.
    pub id: String,
    /// A readable name: the credential's own (`token create --name`, filled in when the action
    /// is recorded), else `token <id>`, `access key <AK>`, `graphjobs CLI`.
    pub name: String,
}

impl Actor {
    /// A token (or a console session's token) by its id.
    pub fn token(id: impl Into<String>) -> Self {
        let id = id.into();
        Self {
            kind: ActorKind::Token,
            name: format!("token {id}"),
            id,
        }
    }

    /// An access key.
    pub fn access_key(ak: impl Into<String>) -> Self {
        let id = ak.into();
        Self {
            kind: ActorKind::AccessKey,
            name: format!("access key {id}"),
            id,
        }
    }

    /// The `graphjobs` CLI on the server's host (whoever may run it may manage credentials).
    pub fn cli() -> Self {
        Self {
            kind: ActorKind::Cli,
            id: "cli".into(),
            name: "graphjobs CLI".into(),
        }
    }
}

/// How the action reached the server (CTS's `trace_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceType {
    /// A REST call (token or AK/SK).
    ApiCall,
    /// The console (a server function, sign-in, sign-out).
    ConsoleAction,
    /// The server's own tooling (the CLI managing credentials).
    SystemAction,
}

impl TraceType {
    /// CTS's word: `ApiCall`, `ConsoleAction`, `SystemAction`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ApiCall => "ApiCall",
            Self::ConsoleAction => "ConsoleAction",
            Self::SystemAction => "SystemAction",
        }
    }

    /// The type CTS calls `word`.
    pub fn parse(word: &str) -> Option<Self> {
        [Self::ApiCall, Self::ConsoleAction, Self::SystemAction]
            .into_iter()
            .find(|t| t.as_str() == word)
    }
}

/// How serious an entry is (CTS's `trace_rating`), from its outcome: a done action is
/// `normal`, one refused or failed for the caller's reasons (4xx) `warning`, one the server
/// failed (5xx) `incident`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    /// Done (2xx, 3xx).
    Normal,
    /// Refused or failed for the caller's reasons (4xx: a role too low, a bad request).
    Warning,
    /// Failed on the server's side (5xx).
    Incident,
}

impl Rating {
    /// The rating of an action that ended with HTTP status `code`.
    pub fn of_code(code: u16) -> Self {
        match code {
            500.. => Self::Incident,
            400..=499 => Self::Warning,
            _ => Self::Normal,
        }
    }

    /// CTS's word: `normal`, `warning`, `incident`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::Warning => "warning",
            Self::Incident => "incident",
        }
    }

    /// The rating CTS calls `word`.
    pub fn parse(word: &str) -> Option<Self> {
        [Self::Normal, Self::Warning, Self::Incident]
            .into_iter()
            .find(|r| r.as_str() == word)
    }
}

/// An action to record.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// When it was asked for.
    pub time: OffsetDateTime,
    /// The project it was done in.
    pub project: String,
    /// What was done, as an operation name (`cancelJob`, `importGraph`, `createToken`, …).
    pub name: String,
    /// How it reached the server.
    pub trace_type: TraceType,
    /// `GES`, or `ModelArts` for visualization jobs.
    pub service_type: String,
    /// What kind of thing it acted on (`job`, `graph`, `visualizationJob`, `token`,
    /// `accessKey`, `session`).
    pub resource_type: String,
    /// The target's name (a graph's name), if it has one.
    pub resource_name: Option<String>,
    /// The target's id (a job's id, a token's id), if known.
    pub resource_id: Option<String>,
    /// Who acted.
    pub actor: Actor,
    /// The actor's role in the project, if it has one (the CLI has none).
    pub role: Option<Role>,
    /// The caller's address.
    pub source_ip: Option<String>,
    /// The request's id (sent back as `X-Request-Id`).
    pub request_id: Option<String>,
    /// The request's idempotency key, if it sent one.
    pub idempotency_key: Option<String>,
    /// The HTTP status the caller got (200 for a console action or CLI command that was done).
    pub code: u16,
    /// The outcome in words: the reason a caller gave (a cancel's), or why it was refused.
    pub message: Option<String>,
}

/// A new request id (a UUID), for a request that did not bring its own.
pub fn new_request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A recorded action.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// Its id (a UUID), also the list's `next` marker.
    pub id: String,
    /// When it was written (after the action ended).
    pub record_time: OffsetDateTime,
    /// How serious, from [`Action::code`].
    pub rating: Rating,
    /// What was done.
    pub action: Action,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_follow_the_status_and_words_round_trip() {
        assert_eq!(Rating::of_code(200), Rating::Normal);
        assert_eq!(Rating::of_code(403), Rating::Warning);
        assert_eq!(Rating::of_code(503), Rating::Incident);
        for r in [Rating::Normal, Rating::Warning, Rating::Incident] {
            assert_eq!(Rating::parse(r.as_str()), Some(r));
        }
        for t in [
            TraceType::ApiCall,
            TraceType::ConsoleAction,
            TraceType::SystemAction,
        ] {
            assert_eq!(TraceType::parse(t.as_str()), Some(t));
        }
        assert_eq!(Rating::parse("Normal"), None);
        assert_eq!(Actor::token("abc").name, "token abc");
    }
}
