//! Offline administration that works while a server runs on the same data dir (the CLI's
//! `token create`): it opens the store only — no recovery, no workers — so it never disturbs
//! the running server's jobs. SQLite's WAL lets both write the same file.

use crate::job::store::{JobStore, SqliteStore};
use crate::{EngineConfig, Error, Result, auth};

/// Creates a token for `project` (creating the project on first use) and returns it; it is
/// usable at once by a running server.
pub async fn create_token(config: &EngineConfig, project: &str) -> Result<String> {
    if !auth::valid_project_id(project) {
        return Err(Error::invalid("GES.8000", format!("project_id [{project}] is invalid: 1-64 letters and digits")));
    }
    std::fs::create_dir_all(&config.data_dir)?;
    let store = SqliteStore::open(&config.database_path()).await?;
    let token = auth::generate_token();
    store.insert_token(&auth::hash_token(&token), project).await?;
    store.close().await;
    Ok(token)
}
