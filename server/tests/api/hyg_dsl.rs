//! HyG `dsl` (REFERENCE §13 #7) over HTTP: a Python Pregel script from a `file:///` path runs
//! as a HyG job (`complete` + `success`), its per-partition stdout is dumped by export-result
//! and read back; scripts outside the subset are refused at submit with GES.8005.

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
