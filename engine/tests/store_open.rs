//! Two processes opening one new store at once (the server starting while the CLI creates a
//! token, as the run and test scripts do) must both succeed: connections, WAL switch and
//! migrations are serialised by the store's file lock. A store an older version wrote is
//! carried over by the migrations, and keeps what its credentials could do.

use engine::EngineConfig;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_opens_of_a_new_store_all_succeed() {
    for round in 0..25 {
        let dir = tempfile::tempdir().unwrap();
        let config = EngineConfig::new(dir.path());
        let tasks: Vec<_> = (0..4)
            .map(|_| {
                let config = config.clone();
                tokio::spawn(async move { engine::admin::create_token(&config, "demo").await })
            })
            .collect();
        for t in tasks {
            let token = t.await.unwrap();
            assert!(token.is_ok(), "round {round}: {token:?}");
        }
        let listed = engine::admin::list_credentials(&config).await.unwrap();
        assert_eq!(listed.len(), 4, "round {round}");
    }
}

/// Stores written before jobs kept the kind of their failure (migration 0014) kept the GES code
/// a surface showed; opening one carries every failed job over to its kind, telling the jobs
/// the store failed itself from runs refused for their graph by their reasons.
#[tokio::test]
async fn an_older_stores_failed_jobs_keep_their_kind() {
    use engine::job::store::{JobStore, Outcome, SqlStore};
    use engine::{FailKind, JobId, JobRecord, JobType};
    use sqlx::Connection;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graphjobs.db");
    let cases = [
        (
            "GES.8301",
            "Running algorithm [sssp] error: boom",
            FailKind::RunFailed,
        ),
        (
            "GES.8011",
            "export-graph failed: no bucket",
            FailKind::ExportFailed,
        ),
        ("GES.8013", "import failed: no file", FailKind::ImportFailed),
        ("GES.8000", "graph [g] does not exist", FailKind::Refused),
        ("GES.8000", "query failed: bad filter", FailKind::Refused),
        (
            "GES.8000",
            "interrupted by restart; submit it again",
            FailKind::Abandoned,
        ),
        (
            "GES.8000",
            "interrupted: lease lost (…)",
            FailKind::Abandoned,
        ),
        (
            "GES.8000",
            "gave up after 5 attempts: each time, …",
            FailKind::Abandoned,
        ),
        (
            "GES.8000",
            "cancelled by bob: stop (the job did not stop …)",
            FailKind::Abandoned,
        ),
    ];
    let store = SqlStore::open_sqlite(&path).await.unwrap();
    let mut ids = Vec::new();
    for n in 0..cases.len() {
        let job = JobRecord::new(
            JobId::generate(n as u64),
            "p",
            "g",
            JobType::Algorithm,
            "{}".into(),
        );
        store.insert_job(&job, &"{}".into(), 0).await.unwrap();
        let claimed = store.claim_next("w").await.unwrap().unwrap();
        let failed = Outcome::Failed {
            kind: FailKind::RunFailed,
            reason: String::new(),
            detail: None,
        };
        assert!(store.finish(&claimed.id.0, "w", &failed).await.unwrap());
        ids.push(claimed.id.0);
    }
    drop(store);

    // Back to what the older version wrote, and to before the migration.
    let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    for ((code, reason, _), id) in cases.iter().zip(&ids) {
        sqlx::query("UPDATE jobs SET error_code = ?, fail_reason = ? WHERE id = ?")
            .bind(code)
            .bind(reason)
            .bind(id)
            .execute(&mut db)
            .await
            .unwrap();
    }
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 14")
        .execute(&mut db)
        .await
        .unwrap();
    db.close().await.unwrap();

    let store = SqlStore::open_sqlite(&path).await.unwrap();
    for ((_, reason, kind), id) in cases.iter().zip(&ids) {
        let job = store.job("p", id).await.unwrap().unwrap();
        assert_eq!(job.fail_kind, Some(*kind), "{reason}");
        assert_eq!(job.fail_reason.as_deref(), Some(*reason));
    }
}

/// A store made before roles existed (migrations up to 0014) keeps every token and access key
/// it holds as an admin once a server with roles opens it: they could do anything before.
#[tokio::test]
async fn credentials_made_before_roles_stay_admins() {
    use engine::auth::{Grant, Role, hash_token};
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};

    let dir = tempfile::tempdir().unwrap();
    let config = EngineConfig::new(dir.path());
    // The migrations as they were before roles, applied by sqlx as an older server did.
    let old = tempfile::tempdir().unwrap();
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for entry in std::fs::read_dir(&here).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.as_str() < "0015" {
            std::fs::copy(&path, old.path().join(&name)).unwrap();
        }
    }
    let options = SqliteConnectOptions::new()
        .filename(config.database_path())
        .create_if_missing(true);
    let pool = SqlitePool::connect_with(options).await.unwrap();
    let migrator = sqlx::migrate::Migrator::new(old.path()).await.unwrap();
    migrator.run(&pool).await.unwrap();
    for statement in [
        "INSERT INTO projects (id, created_at) VALUES ('demo', 0), ('more', 0)",
        "INSERT INTO tokens (hash, project_id, created_at) VALUES ('HASH', 'demo', 0)",
        "INSERT INTO token_grants (hash, project_id) VALUES ('HASH', 'more')",
        "INSERT INTO access_keys (access_key, project_id, created_at) VALUES ('OLDAK', 'demo', 0)",
    ] {
        let statement = statement.replace("HASH", &hash_token("gjt_old"));
        sqlx::query(&statement).execute(&pool).await.unwrap();
    }
    pool.close().await;

    let engine = engine::Engine::open(config.clone()).await.unwrap();
    assert_eq!(
        engine.authenticate("gjt_old").await.unwrap(),
        [
            Grant::new("demo", Role::Admin),
            Grant::new("more", Role::Admin)
        ]
    );
    engine.shutdown(std::time::Duration::from_secs(1)).await;
    let listed = engine::admin::list_credentials(&config).await.unwrap();
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert!(listed.iter().all(|c| c.role == Role::Admin), "{listed:?}");
}
