//! The distributed executor over `--object-store s3://…` (s3s on loopback, SigV4 checked): the
//! partition, the task, the result shards and the checkpoints are objects in the bucket, and
//! the compute processes (the real `graphjobs compute-worker`) run in a working dir of their
//! own, handed no path in the node's data dir and no key on their command line, so they read
//! and write nothing but the store. Their answers equal the single-node engine's.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, assert_succeeded};
use crate::obs_app::spawn_obs_app_with;
use crate::s3::{AK, S3Server, SK};

pub(crate) const BUCKET: &str = "graphjobs";
/// L1 bound between the two executors' PageRank vectors (as `compute/tests/same_answers.rs`).
pub(crate) const PAGERANK_L1: f64 = 1e-9;

/// A compute command that records each process's working dir and arguments in `seen`, then
/// runs the real `graphjobs compute-worker`.
fn recording_command(seen: &Path) -> Vec<std::ffi::OsString> {
    let script = format!(
        "printf '%s\\n' \"$PWD\" \"$@\" > {seen}/argv.$$; exec {bin} compute-worker \"$@\"",
        seen = seen.display(),
        bin = env!("CARGO_BIN_EXE_graphjobs"),
    );
    vec!["sh".into(), "-c".into(), script.into(), "sh".into()]
}

/// Runs algorithm `name` with `params` on the movie graph on `executor` (the request header)
/// and returns its scalars and rows.
pub(crate) async fn answer(
    app: &TestApp,
    executor: &str,
    name: &str,
    params: Value,
) -> (Value, Vec<Value>) {
    let url = app.graph_url("movie", "/action?action_id=execute-algorithm");
    let body = json!({"algorithmName": name, "parameters": params});
    let r = app
        .client
        .post(&url)
        .header("X-Auth-Token", &app.token)
        .header("X-Executor", executor)
        .json(&body)
        .send()
        .await
        .unwrap();
    let resp: Value = r.json().await.unwrap();
    let id = resp["jobId"].as_str().unwrap_or_else(|| panic!("{resp}"));
    app.succeeded_result(id, &format!("{executor} {body}"))
        .await
}

pub(crate) fn pagerank_l1(a: &[Value], b: &[Value]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| {
            assert_eq!(x["id"], y["id"]);
            (x["pagerank"].as_f64().unwrap() - y["pagerank"].as_f64().unwrap()).abs()
        })
        .sum()
}

/// The repository's demo graph (`demo/movie`), an import root of the test's node.
pub(crate) fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../demo/movie")
        .canonicalize()
        .unwrap()
}

pub(crate) async fn import_movie(app: &TestApp) {
    let demo = demo_dir();
    let p = |n: &str| format!("file://{}", demo.join(n).display());
    let body = json!({"schemaPath": p("schema.xml"), "vertexsetPath": p("vertices.csv"),
                      "edgesetPath": p("edges.csv")});
    let (code, resp) = app
        .post(
            &app.graph_url("movie", "/action?action_id=import-graph"),
            &body,
        )
        .await;
    assert_eq!(code, 200, "{resp}");
    let job = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
    assert_eq!(job.state, engine::JobState::Succeeded, "{job:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_reads_and_writes_only_the_bucket_and_answers_as_the_local_engine() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let (work, seen) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let app = spawn_obs_app_with(Some(&s3.endpoint), Some((AK, SK)), |c| {
        c.object_store = engine::objects::ObjectStoreUrl::S3 {
            bucket: BUCKET.into(),
            prefix: "node".into(),
        };
        c.compute.processes = 3;
        c.compute.checkpoint_every = 1;
        c.compute.command = recording_command(seen.path());
        c.compute.work_dir = Some(work.path().to_owned());
        c.import_roots = vec![demo_dir()];
    })
    .await;
    import_movie(&app).await;
    let cases = [
        ("pagerank", json!({})),
        ("connected_component", json!({})),
        (
            "k_hop",
            json!({"source": "David Cox", "k": 3, "mode": "ALL"}),
        ),
        (
            "sssp",
            json!({"source": "David Cox", "weight": "Score", "directed": false}),
        ),
    ];
    for (name, params) in cases {
        let local = answer(&app, "local", name, params.clone()).await;
        let dist = answer(&app, "distributed", name, params.clone()).await;
        if name == "pagerank" {
            assert_eq!(local.0["iterations"], dist.0["iterations"]);
            let l1 = pagerank_l1(&local.1, &dist.1);
            assert!(l1 < PAGERANK_L1, "L1 distance {l1}");
        } else {
            assert_eq!(local, dist, "{name} {params}");
        }
        assert!(local.1.len() > 1, "{name}: an answer with rows");
    }

    // The partitions are in the bucket only (the unweighted one and sssp's weighted one).
    let keys = s3.keys(BUCKET, "node/graphs/p1/movie").await;
    let weighted = "v1.p3.w53636f7265"; // hex of "Score"
    for part in [
        "manifest.json",
        "part-00000.bin",
        "part-00001.bin",
        "part-00002.bin",
    ] {
        for dir in ["v1.p3", weighted] {
            let key = format!("node/graphs/p1/movie/{dir}/{part}");
            assert!(keys.contains(&key), "{key} in {keys:?}");
        }
    }
    let graph_dir = app.data.path().join("graphs/p1/movie");
    let local_files: Vec<String> = std::fs::read_dir(&graph_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(local_files, ["v1.bin"], "a node keeps no partition");
    // Each process streamed its part with ranged GETs, and put its shard and checkpoints.
    let ops = s3.ops();
    for i in 0..3 {
        let part = format!("v1.p3/part-{i:05}.bin");
        let shard = format!("/shard-{i:05}.bin");
        assert!(
            ops.iter()
                .any(|o| o.name == "GetObject" && o.key.ends_with(&part))
        );
        assert!(
            ops.iter()
                .any(|o| o.name == "PutObject" && o.key.ends_with(&shard))
        );
    }
    assert!(
        ops.iter()
            .any(|o| o.name == "PutObject" && o.key.contains("/checkpoints/ckpt-s1-p2.bin")),
        "checkpoints go to the bucket"
    );
    // The jobs' scratch objects and working dirs are gone; none was in the data dir.
    assert_eq!(s3.keys(BUCKET, "node/compute").await, Vec::<String>::new());
    assert!(!app.data.path().join("compute").exists());
    assert_eq!(std::fs::read_dir(work.path()).unwrap().count(), 0);
    // Every process ran in the group's own working dir, was given no path in the data dir,
    // and got the store's keys in its environment, not on its command line.
    let data = app.data.path().display().to_string();
    let launches: Vec<String> = std::fs::read_dir(seen.path())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(launches.len(), 4 * 3, "four jobs of three processes");
    for argv in &launches {
        let mut lines = argv.lines();
        let cwd = lines.next().unwrap();
        assert!(
            cwd.starts_with(&work.path().display().to_string()),
            "{argv}"
        );
        assert!(
            !argv.contains(&data),
            "a process was given the data dir: {argv}"
        );
        assert!(
            argv.contains("--object-store\ns3://graphjobs/node\n"),
            "{argv}"
        );
        assert!(!argv.contains(SK) && !argv.contains(AK), "{argv}");
    }
}

/// Processes whose command line contains `needle`: `(pid, command line)`.
pub(crate) fn processes_with(needle: &str) -> Vec<(u32, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(raw) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let line = String::from_utf8_lossy(&raw).replace('\0', " ");
        if line.contains(needle) {
            found.push((pid, line));
        }
    }
    found
}

/// Kills (SIGKILL) process `i` of job `id`'s `group` mid-run and waits for the job, which must
/// succeed from a checkpoint (a multiple of 200 supersteps, at least 400); the victim's pid,
/// the superstep resumed from and the failed attempt's reason.
pub(crate) async fn kill_and_resume(
    app: &TestApp,
    id: &str,
    group: &[(u32, String)],
    i: u32,
) -> (u32, u64, String) {
    let (victim, _) = group
        .iter()
        .find(|(_, line)| line.contains(&format!("--process {i} ")))
        .unwrap_or_else(|| panic!("no process {i} in {group:?}"));
    let killed = std::process::Command::new("kill")
        .args(["-9", &victim.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let job = wait_until(app, id, |j| j.state.is_terminal()).await;
    assert_succeeded(&job);
    let detail = &job.detail.expect("a retried job says so")["distributed"];
    let resumed = detail["resumedFrom"]
        .as_u64()
        .expect("resumed from a checkpoint");
    assert!(resumed >= 400 && resumed % 200 == 0, "{detail}");
    let reason = detail["failedAttempts"][0]["reason"].as_str().unwrap();
    (*victim, resumed, reason.to_owned())
}

/// Polls job `id` until `what` holds (a minute at most).
pub(crate) async fn wait_until(
    app: &TestApp,
    id: &str,
    what: impl Fn(&engine::JobRecord) -> bool,
) -> engine::JobRecord {
    for _ in 0..6000 {
        let job = app.engine.job(PROJECT, id).await.unwrap();
        if what(&job) {
            return job;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("job {id} is stuck");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_mid_job_resumes_from_a_checkpoint_in_the_bucket() {
    let s3 = S3Server::start(&[BUCKET]).await;
    let work = tempfile::tempdir().unwrap();
    let app = spawn_obs_app_with(Some(&s3.endpoint), Some((AK, SK)), |c| {
        c.object_store = engine::objects::ObjectStoreUrl::S3 {
            bucket: BUCKET.into(),
            prefix: "node".into(),
        };
        c.compute.processes = 3;
        c.compute.checkpoint_every = 200;
        c.compute.command = crate::helpers::compute_worker_command();
        c.compute.work_dir = Some(work.path().to_owned());
    })
    .await;
    // A path of 6000 vertices: min-label propagation takes 6000 supersteps.
    let len = 6_000;
    let edges: String = (1..len)
        .map(|i| format!("p{},p{i},knows,1\n", i - 1))
        .collect();
    let vertices: String = (0..len).map(|i| format!("p{i},person,P{i}\n")).collect();
    app.import_with_vertices("path", &vertices, &edges).await;
    let wcc = json!({"algorithmName": "connected_component", "parameters": {}});
    let url = app.graph_url("path", "/action?action_id=execute-algorithm");
    let r = app
        .client
        .post(&url)
        .header("X-Auth-Token", &app.token)
        .header("X-Executor", "distributed")
        .json(&wcc)
        .send()
        .await
        .unwrap();
    let resp: Value = r.json().await.unwrap();
    let id = resp["jobId"].as_str().unwrap().to_owned();
    let job = wait_until(&app, &id, |j| {
        j.counters.iterations.is_some_and(|k| k >= 500) || j.state.is_terminal()
    })
    .await;
    assert!(!job.state.is_terminal(), "the job ended early: {job:?}");
    let group = processes_with(&format!("compute/{id}/task.json"));
    assert_eq!(group.len(), 3, "{group:?}");
    let (victim, resumed, reason) = kill_and_resume(&app, &id, &group, 2).await;
    assert!(
        reason.contains(&format!(
            "compute process 2 of 3 (pid {victim}) was killed by signal 9"
        )),
        "{reason}"
    );
    // The second group read its state back from the bucket.
    let ops = s3.ops();
    for i in 0..3 {
        let ckpt = format!("node/compute/{id}/checkpoints/ckpt-s{resumed}-p{i}.bin");
        assert!(
            ops.iter().any(|o| o.name == "GetObject" && o.key == ckpt),
            "{ckpt} was not read"
        );
    }
    assert_eq!(processes_with(&format!("compute/{id}/")), []);
    assert_eq!(s3.keys(BUCKET, "node/compute").await, Vec::<String>::new());
    // The same answer as a run that never stopped: the local engine's.
    let dist = app
        .engine
        .result_page(PROJECT, &id, 0, 100_000)
        .await
        .unwrap();
    let (local_scalars, local_rows) = {
        let r = app
            .client
            .post(&url)
            .header("X-Auth-Token", &app.token)
            .json(&wcc)
            .send()
            .await
            .unwrap();
        let resp: Value = r.json().await.unwrap();
        let local = app.wait_engine_job(resp["jobId"].as_str().unwrap()).await;
        let page = app
            .engine
            .result_page(PROJECT, &local.id.0, 0, 100_000)
            .await
            .unwrap();
        (page.scalars, page.rows)
    };
    assert_eq!(dist.rows.len(), len);
    assert_eq!((dist.scalars, dist.rows), (local_scalars, local_rows));
}
