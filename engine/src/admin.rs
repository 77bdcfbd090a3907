//! Offline administration that works while a server runs on the same data dir (the CLI's
//! `token create`): it opens the store only — no recovery, no workers — so it never disturbs
//! the running server's jobs. SQLite's WAL lets both write the same file.
//!
//! Creating and revoking a credential is recorded in the audit log of each project it concerns
//! ([`crate::audit`], a `SystemAction` by the CLI), in the same store, before the command ends.

use crate::audit::{Action, Actor, TraceType};
use crate::auth::Role;
use crate::job::store::{Credential, JobStore, SqlStore};
use crate::{EngineConfig, Error, Result, auth};

/// Creates an admin token for `project` (creating the project on first use) and returns it;
/// it is usable at once by a running server.
pub async fn create_token(config: &EngineConfig, project: &str) -> Result<String> {
    create_token_for(config, &[(project, Role::DEFAULT)], None).await
}

/// Creates a token that may use every project of `grants`, each with its role there (the
/// first is the one it is listed under); the console offers a switcher between them. `name`
/// says whom or what it is for: the audit log names its actions by it.
pub async fn create_token_for(
    config: &EngineConfig,
    grants: &[(&str, Role)],
    name: Option<&str>,
) -> Result<String> {
    let Some((first, more)) = grants.split_first() else {
        return Err(Error::invalid("a token needs at least one project"));
    };
    for (project, _) in grants {
        check_project(project)?;
    }
    let name = check_name(name)?;
    let store = SqlStore::open(config).await?;
    let token = auth::generate_token();
    let hash = auth::hash_token(&token);
    store.insert_token(&hash, first.0, first.1, name).await?;
    for (project, role) in more {
        store.grant_token(&hash, project, *role).await?;
    }
    let id = auth::token_id(&token);
    for (project, role) in grants {
        let created = format!("created with the {role} role");
        let action = cli_action(project, "createToken", "token", &id, name, created);
        store.record_action(&action).await?;
    }
    store.close().await;
    Ok(token)
}

/// Creates an access key with `role` in `project` (named `name`, if given) and returns
/// `(access_key, secret_key)`; the secret is derived from the data dir's master key and never
/// stored.
pub async fn create_access_key(
    config: &EngineConfig,
    project: &str,
    role: Role,
    name: Option<&str>,
) -> Result<(String, String)> {
    check_project(project)?;
    let name = check_name(name)?;
    let store = SqlStore::open(config).await?;
    let master = master_key(&store, config).await?;
    let ak = auth::generate_access_key();
    store.insert_access_key(&ak, project, role, name).await?;
    let created = format!("created with the {role} role");
    let action = cli_action(project, "createAccessKey", "accessKey", &ak, name, created);
    store.record_action(&action).await?;
    store.close().await;
    let sk = auth::derive_secret(&master, &ak);
    Ok((ak, sk))
}

fn check_project(project: &str) -> Result<()> {
    if auth::valid_project_id(project) {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "project_id [{project}] is invalid: 1-64 letters and digits"
        )))
    }
}

/// A credential's name, trimmed: 1–64 characters, none of them a control character (it is
/// shown in lists and the audit log). An empty one is no name.
fn check_name(name: Option<&str>) -> Result<Option<&str>> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "name [{name}] is invalid: 1-64 characters, no control characters"
        )));
    }
    Ok(Some(name))
}

/// Every token and access key (ids only, never secrets).
pub async fn list_credentials(config: &EngineConfig) -> Result<Vec<Credential>> {
    let store = SqlStore::open(config).await?;
    let all = store.credentials().await;
    store.close().await;
    all
}

/// Revokes a token (by the id `list_credentials` shows, at least 8 characters) or an access key.
/// Takes effect at once, also for a running server: a server keeps a token it authenticated
/// for a second (`FRESH`, see `Engine::authenticate`), so this returns only once that
/// time has passed since the revocation. Returns how many credentials were revoked.
pub async fn revoke_credential(config: &EngineConfig, id: &str) -> Result<u64> {
    let store = SqlStore::open(config).await?;
    let revoked = async {
        // What the id names, before it is revoked: each is recorded in its project's log, in
        // the revocation's own transaction.
        let actions: Vec<Action> = store
            .credentials()
            .await?
            .into_iter()
            .filter(|c| c.revoked_at.is_none() && names(c, id))
            .map(|c| {
                let (name, kind) = match c.kind {
                    "token" => ("revokeToken", "token"),
                    _ => ("revokeAccessKey", "accessKey"),
                };
                let revoked = "revoked".to_owned();
                cli_action(&c.project, name, kind, &c.id, c.name.as_deref(), revoked)
            })
            .collect();
        store.revoke_credential(id, &actions).await
    }
    .await;
    store.close().await;
    if matches!(revoked, Ok(n) if n > 0) {
        tokio::time::sleep(crate::fresh::FRESH).await;
    }
    revoked
}

/// Whether the id a revoke was given names `c` (as the store matches it: a token by a prefix
/// of its hash, an access key whole).
fn names(c: &Credential, id: &str) -> bool {
    match c.kind {
        "token" => id.len() >= 8 && (c.id.starts_with(id) || id.starts_with(&c.id)),
        _ => c.id == id,
    }
}

/// The CLI's `name` of the credential `id` (of type `resource`, named `credential`) in
/// `project`, done.
fn cli_action(
    project: &str,
    name: &str,
    resource: &str,
    id: &str,
    credential: Option<&str>,
    message: String,
) -> Action {
    Action {
        time: crate::time_fmt::now(),
        project: project.to_owned(),
        name: name.to_owned(),
        trace_type: TraceType::SystemAction,
        service_type: "GES".into(),
        resource_type: resource.to_owned(),
        resource_name: credential.map(str::to_owned),
        resource_id: Some(id.to_owned()),
        actor: Actor::cli(),
        role: None,
        source_ip: None,
        request_id: None,
        idempotency_key: None,
        code: 200,
        message: Some(message),
    }
}

/// The key access keys' secrets derive from: a shared store's (so every node verifies the same
/// signatures; the data dir's key, if any, is proposed as the first), else the data dir's.
pub(crate) async fn master_key(store: &SqlStore, config: &EngineConfig) -> Result<Vec<u8>> {
    let local = auth::load_or_create_master_key(&config.data_dir)?;
    Ok(store.shared_master_key(&local).await?.unwrap_or(local))
}
