//! Projects, tokens and access keys, each with its role per project.

use super::db::{Db, Sql};
use crate::Result;
use crate::audit::store::{append, new_trace};
use crate::audit::{Action, Trace};
use crate::auth::{Grant, Role};
use crate::time_fmt::{now, to_millis};

/// A credential as listed by the CLI (never the secret itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    /// `token` or `access_key`.
    pub kind: &'static str,
    /// Token: first 12 hex digits of its hash; access key: the AK.
    pub id: String,
    /// Project it is scoped to (a token with several has a row per project).
    pub project: String,
    /// Its role in that project.
    pub role: Role,
    /// Creation time, ms since the epoch.
    pub created_at: i64,
    /// Revocation time, if revoked.
    pub revoked_at: Option<i64>,
    /// The name it was given when made, if any.
    pub name: Option<String>,
}

/// A credential row of the union in [`credentials`].
#[derive(sqlx::FromRow)]
struct CredentialRow {
    kind: String,
    id: String,
    project_id: String,
    role: String,
    created_at: i64,
    revoked_at: Option<i64>,
    name: Option<String>,
}

/// A stored role word. The column's CHECK admits only the three words; anything else (a
/// newer node's role this one does not know) is read as the least of them.
fn role(word: &str) -> Role {
    Role::parse(word).unwrap_or_else(|| {
        tracing::warn!(role = word, "unknown role in the store, read as viewer");
        Role::Viewer
    })
}

async fn grants(db: &Db, q: &Sql<'_>) -> Result<Vec<Grant>> {
    let rows: Vec<(String, String)> = db.fetch_all(q).await?;
    Ok(rows
        .into_iter()
        .map(|(project, word)| Grant::new(project, role(&word)))
        .collect())
}

pub(super) async fn ensure_project(db: &Db, project: &str) -> Result<()> {
    let q =
        Sql::new("INSERT INTO projects (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .text(project)
            .int(to_millis(now()));
    db.execute(&q).await.map(drop)
}

pub(super) async fn insert_token(
    db: &Db,
    hash: &str,
    project: &str,
    role: Role,
    name: Option<&str>,
) -> Result<()> {
    ensure_project(db, project).await?;
    let q = Sql::new(
        "INSERT INTO tokens (hash, project_id, role, created_at, name) VALUES ($1, $2, $3, $4, $5)",
    )
    .text(hash)
    .text(project)
    .text(role.as_str())
    .int(to_millis(now()))
    .text(name);
    db.execute(&q).await.map(drop)
}

pub(super) async fn grant_token(db: &Db, hash: &str, project: &str, role: Role) -> Result<()> {
    ensure_project(db, project).await?;
    let q = Sql::new(
        "INSERT INTO token_grants (hash, project_id, role) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .text(hash)
    .text(project)
    .text(role.as_str());
    db.execute(&q).await.map(drop)
}

pub(super) async fn token_grants(db: &Db, hash: &str) -> Result<Vec<Grant>> {
    // The token's own project first in the union, so that a grant of the same project (which
    // `token create` never makes) cannot change its role; the first row per project wins.
    let q = Sql::new(
        "SELECT project_id, role FROM tokens WHERE hash = $1 AND revoked_at IS NULL \
         UNION ALL SELECT g.project_id, g.role FROM token_grants g JOIN tokens t ON t.hash = g.hash \
         WHERE g.hash = $2 AND t.revoked_at IS NULL AND g.project_id <> t.project_id \
         ORDER BY 1",
    )
    .text(hash)
    .text(hash);
    grants(db, &q).await
}

pub(super) async fn insert_access_key(
    db: &Db,
    access_key: &str,
    project: &str,
    role: Role,
    name: Option<&str>,
) -> Result<()> {
    ensure_project(db, project).await?;
    let q = Sql::new(
        "INSERT INTO access_keys (access_key, project_id, role, created_at, name) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .text(access_key)
    .text(project)
    .text(role.as_str())
    .int(to_millis(now()))
    .text(name);
    db.execute(&q).await.map(drop)
}

pub(super) async fn access_key_grants(db: &Db, access_key: &str) -> Result<Vec<Grant>> {
    let q = Sql::new(
        "SELECT project_id, role FROM access_keys WHERE access_key = $1 AND revoked_at IS NULL \
         ORDER BY project_id",
    )
    .text(access_key);
    grants(db, &q).await
}

pub(super) async fn credentials(db: &Db) -> Result<Vec<Credential>> {
    // One row per credential and project: a token's grants of further projects are listed
    // under the token's id, with the token's times.
    let q = Sql::new(
        "SELECT 'token' AS kind, substr(hash, 1, 12) AS id, project_id, role, created_at, revoked_at, name FROM tokens \
         UNION ALL SELECT 'token', substr(g.hash, 1, 12), g.project_id, g.role, t.created_at, t.revoked_at, t.name \
         FROM token_grants g JOIN tokens t ON t.hash = g.hash WHERE g.project_id <> t.project_id \
         UNION ALL SELECT 'access_key', access_key, project_id, role, created_at, revoked_at, name FROM access_keys \
         ORDER BY created_at, id, project_id",
    );
    let rows: Vec<CredentialRow> = db.fetch_all(&q).await?;
    Ok(rows
        .into_iter()
        .map(|r| Credential {
            kind: if r.kind == "token" {
                "token"
            } else {
                "access_key"
            },
            id: r.id,
            role: role(&r.role),
            project: r.project_id,
            created_at: r.created_at,
            revoked_at: r.revoked_at,
            name: r.name,
        })
        .collect())
}

/// Revokes the token whose hash starts with `id` (at least 8 digits) or the access key `id`,
/// and appends `actions` to the audit log in the same transaction, only if it revoked any: a
/// revocation is never without its entry, nor an entry without its revocation.
pub(super) async fn revoke_credential(db: &Db, id: &str, actions: &[Action]) -> Result<u64> {
    if id.len() < 8 {
        return Ok(0);
    }
    let at = to_millis(now());
    let pattern = format!("{}%", id.replace(['%', '_'], ""));
    let tokens = || {
        Sql::new("UPDATE tokens SET revoked_at = $1 WHERE hash LIKE $2 AND revoked_at IS NULL")
            .int(at)
            .owned(Some(pattern.clone()))
    };
    let keys = || {
        Sql::new(
            "UPDATE access_keys SET revoked_at = $1 WHERE access_key = $2 AND revoked_at IS NULL",
        )
        .int(at)
        .text(id)
    };
    let traces: Vec<Trace> = actions.iter().cloned().map(new_trace).collect();
    // The statement that may revoke comes first, so that one revoking nothing rolls the
    // entries back (`transaction_if_first`). A token's id is lower-case hex, an access key's
    // upper-case letters and digits: an id of digits only could be either, so the other table
    // is tried when the first revoked nothing.
    let token_first = !id.bytes().any(|b| b.is_ascii_uppercase());
    for first_tokens in [token_first, !token_first] {
        let mut statements = if first_tokens {
            vec![tokens(), keys()]
        } else {
            vec![keys(), tokens()]
        };
        statements.extend(traces.iter().map(append));
        let changed = db.transaction_if_first(&statements).await?;
        let revoked: u64 = changed.iter().take(2).sum();
        if revoked > 0 {
            return Ok(revoked);
        }
    }
    Ok(0)
}
