//! Faults: a compute process killed with SIGKILL in the middle of a job ends the attempt
//! failed, with a reason naming the process and its exit cause; the job then runs again from
//! its latest complete checkpoint and ends with the result of a run that never stopped, or,
//! out of retries, fails with that reason. A cancel stops the group. No process of a group is
//! ever left behind.

mod common;

use std::path::Path;

use common::{
    PROJECT, engine, engine_with, import, kill_process, processes_with, run, submit, wait,
    wait_until, write_kronecker, write_plain_graph,
};
use engine::distributed::Executor;
use engine::{FailKind, JobState};
use serde_json::json;

/// A path of this many vertices: min-label propagation needs as many supersteps (the label of
/// the first vertex walks to the last one hop per superstep), some seconds of work.
const PATH: usize = 200_000;

/// Writes the path `p0 - p1 - … - p(len-1)` in the GES import format.
fn write_path(dir: &Path, len: usize) {
    let vertices: String = (0..len).map(|i| format!("p{i},n\n")).collect();
    let edges: String = (1..len).map(|i| format!("p{},p{i},e\n", i - 1)).collect();
    write_plain_graph(dir, &vertices, &edges);
}

/// The group's processes, once all `processes` of them are running and `steps` supersteps
/// are done.
async fn running_group(
    engine: &engine::Engine,
    id: &str,
    processes: usize,
    steps: u64,
) -> Vec<(u32, String)> {
    let job = wait_until(engine, id, |j| {
        j.counters.iterations.is_some_and(|k| k >= steps) || j.state.is_terminal()
    })
    .await;
    assert!(!job.state.is_terminal(), "the job ended early: {job:?}");
    let group = processes_with(&format!("compute/{id}/task.json"));
    assert_eq!(group.len(), processes, "{group:?}");
    group
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_mid_job_without_retries_fails_the_job_and_leaves_none_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("path");
    write_path(&dir, PATH);
    let engine = engine_with(&tmp.path().join("data"), 3, &[&dir], |c| c.retries = 0).await;
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
    let group = running_group(&engine, &id, 3, 50).await;
    let victim = kill_process(&group, 1);
    let job = wait(&engine, &id).await;
    assert_eq!(job.state, JobState::Failed);
    let reason = job.fail_reason.unwrap_or_default();
    assert!(
        reason.contains(&format!(
            "compute process 1 of 3 (pid {victim}) was killed by signal 9 (SIGKILL) (after 1 attempt)"
        )),
        "{reason}"
    );
    assert_eq!(job.fail_kind, Some(FailKind::RunFailed));
    assert_eq!(processes_with(&format!("compute/{id}/")), []);
    assert!(!tmp.path().join("data/compute").join(&id).exists());
    // The next job on the same graph runs (no port or file of the dead group in its way).
    let hop = json!({"source": "p0", "k": 5});
    let again = submit(&engine, "path", "k_hop", hop, Executor::Distributed).await;
    assert_eq!(wait(&engine, &again.id.0).await.state, JobState::Succeeded);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_mid_job_is_run_again_from_a_checkpoint_with_the_same_result() {
    killed_and_resumed("connected_component").await;
}

/// Core numbers on a path settle from both ends inwards, one vertex per superstep: as long a
/// run as the components', restored from estimates instead of labels.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_core_number_job_killed_mid_job_resumes_from_its_checkpoint_with_the_same_result() {
    killed_and_resumed("kcore").await;
}

/// Runs `algorithm` (no parameters but kcore's `k`) on a 6,000-vertex path with 3 processes,
/// kills process 2 past superstep 500, and checks the job resumed from a checkpoint and ended
/// with the local engine's answer.
async fn killed_and_resumed(algorithm: &str) {
    let params = if algorithm == "kcore" {
        json!({"k": 0})
    } else {
        json!({})
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("path");
    write_path(&dir, 6_000);
    let engine = engine_with(&tmp.path().join("data"), 3, &[&dir], |c| {
        c.checkpoint_every = 200;
    })
    .await;
    import(&engine, "path", &dir).await;
    let job = submit(
        &engine,
        "path",
        algorithm,
        params.clone(),
        Executor::Distributed,
    )
    .await;
    let id = job.id.0.clone();
    let group = running_group(&engine, &id, 3, 500).await;
    let victim = kill_process(&group, 2);
    let job = wait(&engine, &id).await;
    assert_eq!(job.state, JobState::Succeeded, "{:?}", job.fail_reason);
    // Superstep 400 was complete before any process got past 401 (supersteps are in
    // lockstep), so the second group started there at least.
    let detail = &job.detail.expect("a retried job says so")["distributed"];
    let resumed = detail["resumedFrom"]
        .as_u64()
        .expect("resumed from a checkpoint");
    assert!(resumed >= 400 && resumed % 200 == 0, "{detail}");
    let failed = detail["failedAttempts"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{detail}");
    let reason = failed[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains(&format!(
            "compute process 2 of 3 (pid {victim}) was killed by signal 9"
        )),
        "{reason}"
    );
    assert_eq!(processes_with(&format!("compute/{id}/")), []);
    // The same answer as a run that never stopped: the local engine's.
    let page = engine.result_page(PROJECT, &id, 0, 100_000).await.unwrap();
    let local = run(&engine, "path", algorithm, params, Executor::Local).await;
    assert_eq!(page.rows, local.rows);
    assert_eq!(page.scalars, local.scalars);
    assert_eq!(page.rows.len(), 6_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_stops_every_process_of_the_group() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("path");
    write_path(&dir, PATH);
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
    running_group(&engine, &id, 2, 50).await;
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
    let spec = engine::JobSpec::algorithm("kron", "louvain", Default::default());
    let options = engine::SubmitOptions {
        executor: Executor::Distributed,
        ..Default::default()
    };
    let refused = on.submit_with(PROJECT, spec, options).await.unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("no kernel for it (it has pagerank, connected_component, k_hop, sssp, kcore, triangle_count, shortest_path, label_propagation)"),
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_that_cannot_succeed_fails_once_with_the_kernels_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("zero");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("schema.xml"),
        r#"<PMML version="3.0"><labels><label name="n"></label><label name="e"><properties><property name="w" cardinality="single" dataType="int"/></properties></label></labels></PMML>"#,
    )
    .unwrap();
    std::fs::write(dir.join("vertices.csv"), "a,n\nb,n\nc,n\n").unwrap();
    std::fs::write(dir.join("edges.csv"), "a,b,e,1\nb,c,e,0\n").unwrap();
    let engine = engine(&tmp.path().join("data"), 2, &[&dir]).await;
    import(&engine, "zero", &dir).await;
    let params = json!({"source": "a", "weight": "w"});
    for executor in [Executor::Local, Executor::Distributed] {
        let job = submit(&engine, "zero", "sssp", params.clone(), executor).await;
        let job = wait(&engine, &job.id.0).await;
        assert_eq!(job.state, JobState::Failed, "{executor:?}");
        let reason = job.fail_reason.unwrap_or_default();
        assert!(
            reason.contains("parameter [weight] is invalid!"),
            "{reason}"
        );
        if executor == Executor::Distributed {
            // Not started again: another group would meet the same edge.
            assert!(reason.ends_with("(after 1 attempt)"), "{reason}");
            assert!(reason.contains("exited with code 2"), "{reason}");
        }
    }
}
