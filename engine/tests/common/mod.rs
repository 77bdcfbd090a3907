//! Helpers shared by the engine's integration tests. Each file under `tests/` is a crate of its
//! own and includes this one with `mod common;`; a helper that file does not use is dead code
//! in it, hence the `allow`.
#![allow(dead_code)]

pub(crate) mod slow_import;

use std::time::{Duration, Instant};

use engine::{Engine, JobRecord};

/// How long [`wait`] waits for a job to end.
pub(crate) const JOB_TIMEOUT: Duration = Duration::from_secs(60);

/// Polls job `id` of `project` every 10 ms until `what` holds for it, for at most `timeout`.
pub(crate) async fn wait_until(
    engine: &Engine,
    project: &str,
    id: &str,
    timeout: Duration,
    what: impl Fn(&JobRecord) -> bool,
) -> JobRecord {
    let deadline = Instant::now() + timeout;
    loop {
        let job = engine.job(project, id).await.unwrap();
        if what(&job) {
            return job;
        }
        assert!(
            Instant::now() < deadline,
            "job {id} did not get there within {timeout:?}: {job:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Waits (at most [`JOB_TIMEOUT`]) for job `id` of `project` to end, and returns it.
pub(crate) async fn wait(engine: &Engine, project: &str, id: &str) -> JobRecord {
    wait_until(engine, project, id, JOB_TIMEOUT, |j| j.state.is_terminal()).await
}

/// Polls `what` every 10 ms until it holds, for at most `timeout`.
pub(crate) async fn wait_until_true(timeout: Duration, what: impl Fn() -> bool) {
    let deadline = Instant::now() + timeout;
    while !what() {
        assert!(Instant::now() < deadline, "not within {timeout:?}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
