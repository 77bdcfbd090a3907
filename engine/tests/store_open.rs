//! Two processes opening one new store at once (the server starting while the CLI creates a
//! token, as the run and test scripts do) must both succeed: connections, WAL switch and
//! migrations are serialised by the store's file lock.

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
