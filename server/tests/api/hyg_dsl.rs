//! HyG `dsl` (REFERENCE §13 #7) over HTTP: a Python Pregel script from a `file:///` path runs
//! as a HyG job (`complete` + `success`), its per-partition stdout is dumped by export-result
//! and read back; scripts outside the subset are refused at submit with GES.8005; a running
//! script stops on cancel and on its timeout.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app};

/// The docs' SSSP example, on the tiny graph from `d` (d→a→b→c→a).
const SSSP: &str = r#"from hyg.analytics.graph import load_base_graph
from hyg.analytics.model import pregel_types, PregelModel

graph = load_base_graph("tiny")
SOURCE_NODE = graph.nid("d")

@pregel_types(ntype=int, combiner=min)
class PregelSSSP(PregelModel):
    @staticmethod
    def compute(ctx, nid, msgs):
        if ctx.superstep == 0:
            ctx.set_value(nid, 10000)
        min_dist = 0 if nid == SOURCE_NODE else 10000
        if len(msgs) != 0:
            min_dist = min(min_dist, min(msgs))
        if min_dist < ctx.value(nid):
            ctx.set_value(nid, min_dist)
            for e in ctx.out_edges(nid):
                ctx.send(ctx.edge_dst(e), min_dist + 1)
        ctx.halt(nid)

result = graph.run_pregel(PregelSSSP)
print(type(result), result)
"#;

fn hyg(app: &TestApp, rest: &str) -> String {
    app.url(&format!("/ges/v1.0/{PROJECT}/hyg{rest}"))
}

fn code(v: &Value) -> &str {
    v["errorCode"].as_str().unwrap_or_default()
}

/// Writes `text` below the data dir (an allowed root); returns its `file:///` path.
fn script(app: &TestApp, name: &str, text: &str) -> String {
    let dir = app.data.path().join("in").join("scripts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
    format!("file://{}", dir.join(name).display())
}

async fn synced_view(app: &TestApp) {
    app.import_tiny("tiny").await;
    let (code, body) = app.post(&hyg(app, "/tiny"), &json!({})).await;
    assert_eq!(code, 200, "{body}");
    let sync = json!({"vertex": [{"label": "person", "property": []}], "edge": []});
    let (code, body) = app.post(&hyg(app, "/tiny/sync"), &sync).await;
    assert_eq!(code, 200, "{body}");
    let done = app
        .wait_status("tiny", body["jobId"].as_str().unwrap(), "")
        .await;
    assert_eq!(done["status"], "complete", "{done}");
}

#[tokio::test]
async fn a_dsl_script_runs_as_a_hyg_job_and_its_stdout_is_dumped_per_partition() {
    let app = spawn_app().await;
    synced_view(&app).await;
    let path = script(&app, "sssp.py", SSSP);
    let (status, resp) = app
        .post(
            &hyg(&app, "/tiny/dsl"),
            &json!({"scriptPath": path, "timeout": 60}),
        )
        .await;
    assert_eq!(
        (status, &resp["result"]),
        (200, &json!("success")),
        "{resp}"
    );
    let id = resp["jobId"].as_str().unwrap().to_owned();
    let done = app.wait_status("tiny", &id, "").await;
    assert_eq!(
        (&done["status"], &done["result"]),
        (&json!("complete"), &json!("success")),
        "{done}"
    );
    let outputs = &done["data"]["outputs"];
    assert_eq!(outputs["partitions"], 2, "{done}");
    assert_eq!(outputs["converged"], true, "{done}");
    assert_eq!(outputs["stdout"].as_array().unwrap().len(), 2, "{done}");

    // The job list names it as a dsl algorithm job.
    let (_, jobs) = app.get(&app.graph_url("tiny", "/jobs/status")).await;
    let item = jobs["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["jobId"] == id.as_str())
        .cloned()
        .unwrap();
    assert_eq!(item["taskType"], "Algorithm", "{item}");

    let out = app.data.path().join("in").join("dump");
    let (status, dump) = app
        .post(
            &hyg(&app, &format!("/tiny/jobs/{id}/export-result")),
            &json!({"exportPath": format!("file://{}", out.display())}),
        )
        .await;
    assert_eq!(status, 200, "{dump}");
    let dumped = app.wait_engine_job(dump["jobId"].as_str().unwrap()).await;
    assert_eq!(dumped.state, engine::JobState::Succeeded, "{dumped:?}");
    assert!(out.join("manifest.json").exists());
    assert!(!out.join("outputs.json").exists());
    let mut distances = BTreeMap::new();
    for k in 0..2 {
        let text = std::fs::read_to_string(out.join(format!("partition-{k}/stdout"))).unwrap();
        let line = text.strip_suffix('\n').unwrap();
        assert!(!line.contains('\n'), "one print per partition: {text:?}");
        let dict = line
            .strip_prefix("<class 'dict'> {")
            .unwrap()
            .trim_end_matches('}');
        for kv in dict.split(", ").filter(|kv| !kv.is_empty()) {
            let (k, v) = kv.split_once(": ").unwrap();
            assert!(distances.insert(k.to_owned(), v.to_owned()).is_none());
        }
    }
    let want: BTreeMap<String, String> = [("'a'", "1"), ("'b'", "2"), ("'c'", "3"), ("'d'", "0")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(distances, want);
}

#[tokio::test]
async fn scripts_outside_the_subset_and_bad_bodies_are_refused_with_ges_8005() {
    let app = spawn_app().await;
    let path = script(&app, "sssp.py", SSSP);
    // No HyG view yet: as every HyG call, GES.8000.
    let (status, err) = app
        .post(&hyg(&app, "/tiny/dsl"), &json!({"scriptPath": path}))
        .await;
    assert_eq!((status, code(&err)), (400, "GES.8000"), "{err}");
    synced_view(&app).await;

    let looping = SSSP.replace(
        "        ctx.halt(nid)\n",
        "        while True:\n            pass\n",
    );
    let other = SSSP.replace("load_base_graph(\"tiny\")", "load_base_graph(\"movie\")");
    let missing = format!("file://{}/in/scripts/missing.py", app.data.path().display());
    for (body, needle) in [
        (json!({}), "scriptPath"),
        (json!({"scriptPath": path, "timeout": 0}), "timeout"),
        (
            json!({"scriptPath": path, "obsParameters": "x"}),
            "obsParameters",
        ),
        (
            json!({"scriptPath": "file:///etc/passwd"}),
            "outside the allowed",
        ),
        (json!({"scriptPath": missing}), "cannot be read"),
        (
            json!({"scriptPath": script(&app, "loop.py", &looping)}),
            "line 20: unsupported construct `while`",
        ),
        (
            json!({"scriptPath": script(&app, "other.py", &other)}),
            "line 4: load_base_graph(\"movie\") names another graph",
        ),
        (
            json!({"scriptPath": script(&app, "os.py", "import os\n")}),
            "line 1: unsupported construct `import`",
        ),
    ] {
        let (status, err) = app.post(&hyg(&app, "/tiny/dsl"), &body).await;
        assert_eq!((status, code(&err)), (400, "GES.8005"), "{body}: {err}");
        let msg = err["errorMessage"].as_str().unwrap();
        assert!(msg.contains(needle), "{body}: {msg}");
    }

    // A runtime error fails the job, in HyG's words, with its line.
    let bad = script(
        &app,
        "bad.py",
        "from hyg.analytics.graph import load_base_graph\ngraph = load_base_graph(\"tiny\")\nX = graph.nid(\"zz\")\n",
    );
    let (status, resp) = app
        .post(&hyg(&app, "/tiny/dsl"), &json!({"scriptPath": bad}))
        .await;
    assert_eq!(status, 200, "{resp}");
    let done = app
        .wait_status("tiny", resp["jobId"].as_str().unwrap(), "")
        .await;
    assert_eq!(
        (&done["status"], &done["result"], code(&done)),
        (&json!("complete"), &json!("failed"), "GES.8301"),
        "{done}"
    );
    assert_eq!(
        done["errorMessage"],
        "Running dsl error: line 3: KeyError: graph.nid: no vertex with id 'zz'"
    );
}

/// A model that never halts: every vertex sends to each out-neighbour at every superstep, so
/// a run lasts HyG's 1,000 supersteps (long on the graph of [`ring`]).
const SPIN: &str = r#"from hyg.analytics.graph import load_base_graph
from hyg.analytics.model import pregel_types, PregelModel

graph = load_base_graph("ring")

@pregel_types(ntype=int, combiner=min)
class Spin(PregelModel):
    @staticmethod
    def compute(ctx, nid, msgs):
        ctx.set_value(nid, ctx.superstep)
        for e in ctx.out_edges(nid):
            ctx.send(ctx.edge_dst(e), ctx.superstep)

result = graph.run_pregel(Spin)
"#;

/// Imports and syncs graph `ring`: 20,000 vertices with 5 out-edges each.
async fn ring(app: &TestApp) {
    const N: usize = 20_000;
    let vertices: String = (0..N).map(|i| format!("v{i},person,n{i}\n")).collect();
    let edges: String = (0..N)
        .flat_map(|i| [1, 7, 31, 127, 509].map(move |d| format!("v{i},v{},knows,1\n", (i + d) % N)))
        .collect();
    app.import_with_vertices("ring", &vertices, &edges).await;
    let (code, body) = app.post(&hyg(app, "/ring"), &json!({})).await;
    assert_eq!(code, 200, "{body}");
    let sync = json!({"vertex": [{"label": "person", "property": []}], "edge": []});
    let (code, body) = app.post(&hyg(app, "/ring/sync"), &sync).await;
    assert_eq!(code, 200, "{body}");
    let done = app
        .wait_status("ring", body["jobId"].as_str().unwrap(), "")
        .await;
    assert_eq!(done["status"], "complete", "{done}");
}

/// Submits [`SPIN`] with `timeout` seconds and waits until it runs; returns its id.
async fn running_spin(app: &TestApp, timeout: u64) -> String {
    let path = script(app, "spin.py", SPIN);
    let (status, resp) = app
        .post(
            &hyg(app, "/ring/dsl"),
            &json!({"scriptPath": path, "timeout": timeout}),
        )
        .await;
    assert_eq!(status, 200, "{resp}");
    let id = resp["jobId"].as_str().unwrap().to_owned();
    for _ in 0..3000 {
        let job = app.engine.job(crate::helpers::PROJECT, &id).await.unwrap();
        assert!(
            !job.state.is_terminal(),
            "it ended before it could be stopped: {job:?}"
        );
        if job.state == engine::JobState::Running {
            return id;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("job {id} never ran");
}

#[tokio::test]
async fn a_running_dsl_job_stops_on_cancel_and_on_its_timeout() {
    let app = spawn_app().await;
    ring(&app).await;

    // Cancelled while it runs: HyG's answer, then the job ends cancelled (HyG: complete +
    // failed) with who cancelled it.
    let id = running_spin(&app, 3600).await;
    let (status, resp) = app.delete(&hyg(&app, &format!("/ring/jobs/{id}"))).await;
    assert_eq!(
        (status, &resp["result"]),
        (200, &json!("success")),
        "{resp}"
    );
    let done = app.wait_status("ring", &id, "").await;
    assert_eq!(
        (&done["status"], &done["result"]),
        (&json!("complete"), &json!("failed")),
        "{done}"
    );
    let job = app.wait_engine_job(&id).await;
    assert_eq!(job.state, engine::JobState::Cancelled, "{job:?}");
    assert!(job.cancel_actor.is_some(), "{job:?}");

    // Past its timeout it fails with the dsl's error code and says why.
    let id = running_spin(&app, 1).await;
    let done = app.wait_status("ring", &id, "").await;
    assert_eq!(
        (&done["status"], &done["result"], code(&done)),
        (&json!("complete"), &json!("failed"), "GES.8301"),
        "{done}"
    );
    assert_eq!(
        done["errorMessage"],
        "Running dsl error: timed out after 1 s"
    );
    let job = app.wait_engine_job(&id).await;
    assert_eq!(job.state, engine::JobState::Failed, "{job:?}");
}
