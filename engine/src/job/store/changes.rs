//! The change log of jobs (`job_changes`, written by triggers on every insert and update of a
//! job): what the console's live stream sends, and resends after a reconnect.

use super::db::{Db, Sql};
use crate::Result;

/// Changes of `project`'s jobs after `after`, oldest first: `(seq, job id)`, at most `limit`.
pub(super) async fn since(
    db: &Db,
    project: &str,
    after: i64,
    limit: i64,
) -> Result<Vec<(i64, String)>> {
    let q = Sql::new(
        "SELECT seq, job_id FROM job_changes WHERE project_id = $1 AND seq > $2 \
         ORDER BY seq LIMIT $3",
    )
    .text(project)
    .int(after)
    .int(limit);
    db.fetch_all(&q).await
}

/// The newest change of `project`'s jobs (0 before the first).
pub(super) async fn last(db: &Db, project: &str) -> Result<i64> {
    let q = Sql::new("SELECT COALESCE(MAX(seq), 0) FROM job_changes WHERE project_id = $1")
        .text(project);
    Ok(db.scalar::<i64>(&q).await?.unwrap_or(0))
}

/// Deletes all but the newest `keep` changes; returns how many went.
pub(super) async fn trim(db: &Db, keep: i64) -> Result<u64> {
    let q = Sql::new(
        "DELETE FROM job_changes WHERE seq <= (SELECT COALESCE(MAX(seq), 0) FROM job_changes) - $1",
    )
    .int(keep);
    db.execute(&q).await
}
