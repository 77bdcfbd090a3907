//! Faults: a compute process killed with SIGKILL in the middle of a job ends the attempt
//! failed, with a reason naming the process and its exit cause, and a cancel stops the group;
//! either way no process of the group is left behind.

mod common;

use std::path::Path;

use common::{PROJECT, engine, import, processes_with, submit, wait, wait_until, write_kronecker};
use engine::JobState;
use engine::distributed::Executor;
use serde_json::json;

/// A path of this many vertices: min-label propagation needs as many supersteps (the label of
/// the first vertex walks to the last one hop per superstep), some seconds of work.
const PATH: usize = 200_000;

/// Writes the path `p0 - p1 - … - p(PATH-1)` in the GES import format.
fn write_path(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let vertices: String = (0..PATH).map(|i| format!("p{i},n\n")).collect();
    let edges: String = (1..PATH).map(|i| format!("p{},p{i},e\n", i - 1)).collect();
    std::fs::write(dir.join("vertices.csv"), vertices).unwrap();
    std::fs::write(dir.join("edges.csv"), edges).unwrap();
    std::fs::write(
        dir.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"></label></labels></PMML>"#,
    )
    .unwrap();
}

/// The group's processes, once all `processes` of them are running and 50 supersteps are
/// done.
async fn running_group(engine: &engine::Engine, id: &str, processes: usize) -> Vec<(u32, String)> {
    let job = wait_until(engine, id, |j| {
        j.counters.iterations.is_some_and(|k| k >= 50) || j.state.is_terminal()
    })
    .await;
    assert!(!job.state.is_terminal(), "the job ended early: {job:?}");
    let group = processes_with(&format!("compute/{id}/task.json"));
    assert_eq!(group.len(), processes, "{group:?}");
    group
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_mid_job_fails_the_attempt_and_leaves_none_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("path");
    write_path(&dir);
    let engine = engine(&tmp.path().join("data"), 3, &[&dir]).await;
    import(&engine, "path", &dir).await;
    let wcc = json!({});
    let job = submit(
        &engine,
        "path",
        "connected_component",
        wcc,
        Executor::Distributed,
    )
    .await;
    let id = job.id.0.clone();
    let group = running_group(&engine, &id, 3).await;
    let (victim, _) = group
        .iter()
        .find(|(_, line)| line.contains("--process 1 "))
        .expect("process 1");
    let killed = std::process::Command::new("kill")
        .args(["-9", &victim.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let job = wait(&engine, &id).await;
    assert_eq!(job.state, JobState::Failed);
    let reason = job.fail_reason.unwrap_or_default();
    assert!(
        reason.contains(&format!(
            "compute process 1 of 3 (pid {victim}) was killed by signal 9 (SIGKILL)"
        )),
        "{reason}"
    );
    assert_eq!(job.error_code.as_deref(), Some("GES.8301"));
    assert_eq!(processes_with(&format!("compute/{id}/")), []);
    assert!(!tmp.path().join("data/compute").join(&id).exists());
    // The next job on the same graph runs (no port or file of the dead group in its way).
    let hop = json!({"source": "p0", "k": 5});
    let again = submit(&engine, "path", "k_hop", hop, Executor::Distributed).await;
    assert_eq!(wait(&engine, &again.id.0).await.state, JobState::Succeeded);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_stops_every_process_of_the_group() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("path");
    write_path(&dir);
    let engine = engine(&tmp.path().join("data"), 2, &[&dir]).await;
    import(&engine, "path", &dir).await;
    let wcc = json!({});
    let job = submit(
        &engine,
        "path",
        "connected_component",
        wcc,
        Executor::Distributed,
    )
    .await;
    let id = job.id.0.clone();
    running_group(&engine, &id, 2).await;
    engine.cancel(PROJECT, &id, "test", "enough").await.unwrap();
    let job = wait(&engine, &id).await;
    assert_eq!(job.state, JobState::Cancelled, "{:?}", job.fail_reason);
    assert_eq!(processes_with(&format!("compute/{id}/")), []);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_name_what_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kron");
    let _ = write_kronecker(&dir, 4, 2, 1);
    // An algorithm without a distributed kernel is refused at submit.
    let on = engine(&tmp.path().join("on"), 2, &[&dir]).await;
    import(&on, "kron", &dir).await;
    let spec = engine::JobSpec::algorithm("kron", "triangle_count", Default::default());
    let options = engine::SubmitOptions {
        executor: Executor::Distributed,
        ..Default::default()
    };
    let refused = on.submit_with(PROJECT, spec, &options).await.unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("no kernel for it (it has pagerank, connected_component, k_hop, sssp)"),
        "{refused}"
    );
    // A node without --compute-processes fails the job and says how to turn the executor on.
    let off = engine(&tmp.path().join("off"), 0, &[&dir]).await;
    import(&off, "kron", &dir).await;
    let job = submit(&off, "kron", "pagerank", json!({}), Executor::Distributed).await;
    let job = wait(&off, &job.id.0).await;
    assert_eq!(job.state, JobState::Failed);
    assert!(
        job.fail_reason
            .unwrap_or_default()
            .contains("--compute-processes"),
        "the reason names the flag"
    );
}
