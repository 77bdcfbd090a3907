//! Projects, tokens and access keys.

use super::Credential;
use super::db::{Db, Sql};
use crate::Result;
use crate::time_fmt::{now, to_millis};

/// A credential row of the union in [`credentials`].
#[derive(sqlx::FromRow)]
struct CredentialRow {
    kind: String,
    id: String,
    project_id: String,
    created_at: i64,
    revoked_at: Option<i64>,
}

pub(super) async fn ensure_project(db: &Db, project: &str) -> Result<()> {
    let q =
        Sql::new("INSERT INTO projects (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .text(project)
            .int(to_millis(now()));
    db.execute(&q).await.map(drop)
}

pub(super) async fn insert_token(db: &Db, hash: &str, project: &str) -> Result<()> {
    ensure_project(db, project).await?;
    let q = Sql::new("INSERT INTO tokens (hash, project_id, created_at) VALUES ($1, $2, $3)")
        .text(hash)
        .text(project)
        .int(to_millis(now()));
    db.execute(&q).await.map(drop)
}

pub(super) async fn grant_token(db: &Db, hash: &str, project: &str) -> Result<()> {
    ensure_project(db, project).await?;
    let q = Sql::new(
        "INSERT INTO token_grants (hash, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .text(hash)
    .text(project);
    db.execute(&q).await.map(drop)
}

pub(super) async fn token_projects(db: &Db, hash: &str) -> Result<Vec<String>> {
    let q = Sql::new(
        "SELECT project_id FROM tokens WHERE hash = $1 AND revoked_at IS NULL \
         UNION SELECT g.project_id FROM token_grants g JOIN tokens t ON t.hash = g.hash \
         WHERE g.hash = $2 AND t.revoked_at IS NULL ORDER BY 1",
    )
    .text(hash)
    .text(hash);
    db.scalars(&q).await
}

pub(super) async fn insert_access_key(db: &Db, access_key: &str, project: &str) -> Result<()> {
    ensure_project(db, project).await?;
    let q = Sql::new(
        "INSERT INTO access_keys (access_key, project_id, created_at) VALUES ($1, $2, $3)",
    )
    .text(access_key)
    .text(project)
    .int(to_millis(now()));
    db.execute(&q).await.map(drop)
}

pub(super) async fn access_key_projects(db: &Db, access_key: &str) -> Result<Vec<String>> {
    let q = Sql::new(
        "SELECT project_id FROM access_keys WHERE access_key = $1 AND revoked_at IS NULL \
         ORDER BY project_id",
    )
    .text(access_key);
    db.scalars(&q).await
}

pub(super) async fn credentials(db: &Db) -> Result<Vec<Credential>> {
    let q = Sql::new(
        "SELECT 'token' AS kind, substr(hash, 1, 12) AS id, project_id, created_at, revoked_at FROM tokens \
         UNION ALL SELECT 'access_key', access_key, project_id, created_at, revoked_at FROM access_keys \
         ORDER BY created_at, id",
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
            project: r.project_id,
            created_at: r.created_at,
            revoked_at: r.revoked_at,
        })
        .collect())
}

pub(super) async fn revoke_credential(db: &Db, id: &str) -> Result<u64> {
    if id.len() < 8 {
        return Ok(0);
    }
    let at = to_millis(now());
    let pattern = format!("{}%", id.replace(['%', '_'], ""));
    let tokens =
        Sql::new("UPDATE tokens SET revoked_at = $1 WHERE hash LIKE $2 AND revoked_at IS NULL")
            .int(at)
            .text(pattern.as_str());
    let keys = Sql::new(
        "UPDATE access_keys SET revoked_at = $1 WHERE access_key = $2 AND revoked_at IS NULL",
    )
    .int(at)
    .text(id);
    Ok(db.execute(&tokens).await? + db.execute(&keys).await?)
}
