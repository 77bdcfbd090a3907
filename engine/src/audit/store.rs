//! The `audit_log` table (SQLite migration 0016, PostgreSQL 0012), in the job store's
//! database: shared by every node when that is PostgreSQL. Rows are inserted, listed by
//! `seq` (newest first) and deleted by the sweep; never updated.

use time::OffsetDateTime;

use super::{Action, Actor, ActorKind, Rating, Trace, TracePage, TraceQuery, TraceType};
use crate::auth::Role;
use crate::job::store::SqlStore;
use crate::job::store::db::Sql;
use crate::time_fmt::{from_millis, to_millis};
use crate::{Error, Result, time_fmt};

const COLUMNS: &str = "trace_id, project_id, action_time, record_time, trace_name, trace_type, \
     trace_rating, service_type, resource_type, resource_name, resource_id, actor_kind, actor_id, \
     actor_name, role, source_ip, request_id, idempotency_key, code, message";

/// A row of [`COLUMNS`].
#[derive(sqlx::FromRow)]
struct TraceRow {
    trace_id: String,
    project_id: String,
    action_time: i64,
    record_time: i64,
    trace_name: String,
    trace_type: String,
    trace_rating: String,
    service_type: String,
    resource_type: String,
    resource_name: Option<String>,
    resource_id: Option<String>,
    actor_kind: String,
    actor_id: String,
    actor_name: String,
    role: Option<String>,
    source_ip: Option<String>,
    request_id: Option<String>,
    idempotency_key: Option<String>,
    code: i64,
    message: Option<String>,
}

impl TraceRow {
    fn into_trace(self) -> Result<Trace> {
        let bad = |what: &str, v: &str| Error::Internal(format!("audit log: unknown {what} {v}"));
        Ok(Trace {
            id: self.trace_id,
            record_time: from_millis(self.record_time),
            rating: Rating::parse(&self.trace_rating)
                .ok_or_else(|| bad("rating", &self.trace_rating))?,
            action: Action {
                time: from_millis(self.action_time),
                project: self.project_id,
                name: self.trace_name,
                trace_type: TraceType::parse(&self.trace_type)
                    .ok_or_else(|| bad("trace type", &self.trace_type))?,
                service_type: self.service_type,
                resource_type: self.resource_type,
                resource_name: self.resource_name,
                resource_id: self.resource_id,
                actor: Actor {
                    kind: ActorKind::parse(&self.actor_kind)
                        .ok_or_else(|| bad("actor kind", &self.actor_kind))?,
                    id: self.actor_id,
                    name: self.actor_name,
                },
                role: match self.role {
                    Some(r) => Some(Role::parse(&r).ok_or_else(|| bad("role", &r))?),
                    None => None,
                },
                source_ip: self.source_ip,
                request_id: self.request_id,
                idempotency_key: self.idempotency_key,
                code: u16::try_from(self.code).unwrap_or(0),
                message: self.message,
            },
        })
    }
}

/// `action` as a trace: a new id, recorded now.
pub(crate) fn new_trace(action: Action) -> Trace {
    Trace {
        id: uuid::Uuid::new_v4().to_string(),
        record_time: time_fmt::now(),
        rating: Rating::of_code(action.code),
        action,
    }
}

/// The statement that appends `trace` to the log.
pub(crate) fn append(trace: &Trace) -> Sql<'_> {
    let a = &trace.action;
    Sql::new(format!(
        "INSERT INTO audit_log ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"
    ))
    .text(trace.id.as_str())
    .text(a.project.as_str())
    .int(to_millis(a.time))
    .int(to_millis(trace.record_time))
    .text(a.name.as_str())
    .text(a.trace_type.as_str())
    .text(trace.rating.as_str())
    .text(a.service_type.as_str())
    .text(a.resource_type.as_str())
    .text(a.resource_name.as_deref())
    .text(a.resource_id.as_deref())
    .text(a.actor.kind.as_str())
    .text(a.actor.id.as_str())
    .text(a.actor.name.as_str())
    .text(a.role.map(Role::as_str))
    .text(a.source_ip.as_deref())
    .text(a.request_id.as_deref())
    .text(a.idempotency_key.as_deref())
    .int(i64::from(a.code))
    .text(a.message.as_deref())
}

impl SqlStore {
    /// Appends `action` to the audit log (committed when this returns). A token or access key
    /// with a name (`token create --name`) is recorded under it.
    pub async fn record_action(&self, action: &Action) -> Result<Trace> {
        let mut action = action.clone();
        if let Some(name) = self.credential_name(&action.actor).await? {
            action.actor.name = name;
        }
        let trace = new_trace(action);
        self.db().execute(&append(&trace)).await?;
        Ok(trace)
    }

    /// The name the credential `actor` was given, if any. A token is found by its id, the first
    /// 12 digits of its hash: a scan of the tokens, which are few.
    async fn credential_name(&self, actor: &Actor) -> Result<Option<String>> {
        let q = match actor.kind {
            ActorKind::Token => Sql::new("SELECT name FROM tokens WHERE substr(hash, 1, 12) = $1"),
            ActorKind::AccessKey => Sql::new("SELECT name FROM access_keys WHERE access_key = $1"),
            ActorKind::Cli => return Ok(None),
        };
        let name: Option<Option<String>> = self.db().scalar(&q.text(actor.id.as_str())).await?;
        Ok(name.flatten())
    }

    /// A page of `project`'s audit log, newest first (the query is assumed checked).
    pub async fn traces(&self, project: &str, query: &TraceQuery) -> Result<TracePage> {
        let after = match &query.next {
            None => None,
            Some(marker) => Some(self.marker_seq(project, marker).await?),
        };
        let mut sql = Sql::new(format!(
            "SELECT {COLUMNS} FROM audit_log WHERE project_id = "
        ));
        sql.push_text(project);
        if let Some(seq) = after {
            sql.push(" AND seq < ").push_int(seq);
        }
        if let Some(from) = query.from {
            sql.push(" AND action_time >= ").push_int(from);
        }
        if let Some(to) = query.to {
            sql.push(" AND action_time <= ").push_int(to);
        }
        let exact = [
            ("service_type", &query.service_type),
            ("resource_type", &query.resource_type),
            ("resource_name", &query.resource_name),
            ("resource_id", &query.resource_id),
            ("trace_name", &query.trace_name),
            ("trace_id", &query.trace_id),
        ];
        for (column, value) in exact {
            if let Some(v) = value {
                sql.push(&format!(" AND {column} = ")).push_text(v.as_str());
            }
        }
        if let Some(user) = &query.user {
            sql.push(" AND (actor_name = ").push_text(user.as_str());
            sql.push(" OR actor_id = ")
                .push_text(user.as_str())
                .push(")");
        }
        if let Some(ak) = &query.access_key {
            sql.push(" AND actor_kind = 'access_key' AND actor_id = ")
                .push_text(ak.as_str());
        }
        if let Some(rating) = query.rating {
            sql.push(" AND trace_rating = ").push_text(rating.as_str());
        }
        // One more than the page: whether there is a next page.
        sql.push(" ORDER BY seq DESC LIMIT ")
            .push_int(i64::from(query.limit) + 1);
        let mut traces = self
            .db()
            .fetch_all::<TraceRow>(&sql)
            .await?
            .into_iter()
            .map(TraceRow::into_trace)
            .collect::<Result<Vec<_>>>()?;
        let more = traces.len() > query.limit as usize;
        traces.truncate(query.limit as usize);
        let next = more.then(|| traces.last().map(|t| t.id.clone())).flatten();
        Ok(TracePage { traces, next })
    }

    /// The position of the entry `marker` of `project`; a marker that is not one is refused.
    async fn marker_seq(&self, project: &str, marker: &str) -> Result<i64> {
        let q = Sql::new("SELECT seq FROM audit_log WHERE project_id = $1 AND trace_id = $2")
            .text(project)
            .text(marker);
        self.db().scalar::<i64>(&q).await?.ok_or_else(|| {
            Error::invalid(format!(
                "next [{marker}] is not a marker of this project's trace list (or its trace has \
                 expired)"
            ))
        })
    }

    /// Deletes the entries recorded before `cutoff`; returns how many.
    pub async fn prune_traces(&self, cutoff: OffsetDateTime) -> Result<u64> {
        let q = Sql::new("DELETE FROM audit_log WHERE record_time < $1").int(to_millis(cutoff));
        self.db().execute(&q).await
    }
}
