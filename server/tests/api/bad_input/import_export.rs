//! import-graph, export-graph and export-result on the service plane.

use serde_json::{Value, json};

use super::{Case, TEN_MB, TWO_64, fixture, ges, huge, malformed, post, run, traversals};
use crate::obs_app::obs_ok;

#[tokio::test]
async fn import_graph() {
    let fx = fixture().await;
    let url = ges("/graphs/tiny/action?action_id=import-graph");
    let edges = format!("{}/e.csv", fx.input);
    let with = |extra: Value| {
        let mut body = json!({"edgesetPath": edges, "obsParameters": obs_ok()});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    let mut cases: Vec<Case> = malformed()
        .into_iter()
        .map(|b| {
            post(&url)
                .raw(b)
                .refused("GES.8000", "invalid request body")
        })
        .collect();
    cases.extend([
        post(&url).raw("").code("GES.8000"),
        post(&url).raw("[]").code("GES.8000"),
        post(&url).json(json!({"edgesetPath": 5})).code("GES.8000"),
        post(&url)
            .json(json!({"edgesetPath": [edges]}))
            .code("GES.8000"),
        post(&url)
            .json(with(json!({"parallelEdge": "ignore"})))
            .code("GES.8000"),
        post(&url)
            .json(with(json!({"parallelEdge": {"action": 1}})))
            .code("GES.8000"),
        post(&url)
            .json(with(json!({"parallelEdge": {"action": "\u{0}"}})))
            .refused("GES.8000", "parallelEdge.action"),
        post(&url)
            .json(with(json!({"ignoreLabel": "yes"})))
            .code("GES.8000"),
        post(&url)
            .json(with(json!({"offline": "no"})))
            .code("GES.8000"),
        post(&url)
            .json(with(json!({"obsParameters": "AK:SK"})))
            .code("GES.8000"),
        post(&url)
            .json(with(json!({"delimiter": 44})))
            .code("GES.8000"),
        post(&url)
            .json(with(json!({"delimiter": ",,"})))
            .refused("GES.8000", "delimiter"),
        post(&url)
            .json(with(json!({"delimiter": "😀"})))
            .refused("GES.8000", "delimiter"),
        post(&url)
            .json(with(json!({"trimQuote": "\u{202e}"})))
            .refused("GES.8000", "trimQuote"),
        post(&url)
            .json(with(json!({"edgesetFormat": "parquet"})))
            .refused("GES.8000", "edgesetFormat"),
        post(&url)
            .json(with(json!({"vertexsetFormat": "csv\u{0}"})))
            .refused("GES.8000", "vertexsetFormat"),
        post(&url)
            .raw(format!(
                r#"{{"edgesetPath":"{edges}","delimiter":"\ud800"}}"#
            ))
            .refused("GES.8000", "invalid request body"),
        // 10 MB in a path field.
        post(&url)
            .json(json!({"edgesetPath": format!("file:///{}", huge(TEN_MB))}))
            .want(413, "GES.8000")
            .says("too large"),
        // Unicode and traversal in the graph name.
        post(ges("/graphs/%F0%9F%98%80/action?action_id=import-graph"))
            .json(with(json!({})))
            .refused("GES.8000", "graph name"),
        post(ges("/graphs/%E2%80%AEtiny/action?action_id=import-graph"))
            .json(with(json!({})))
            .refused("GES.8000", "graph name"),
        post(ges("/graphs/tiny%00/action?action_id=import-graph"))
            .json(with(json!({})))
            .refused("GES.8000", "graph name"),
        post(ges("/graphs/..%2Ftiny/action?action_id=import-graph"))
            .json(with(json!({})))
            .refused("GES.8000", "graph name"),
        post(ges("/graphs/%C0%AE%C0%AE/action?action_id=import-graph"))
            .json(with(json!({})))
            .code("GES.8000"),
    ]);
    // Every path-like field, every traversal; logDir only takes local paths.
    for path in traversals(&fx.data) {
        for field in ["edgesetPath", "vertexsetPath", "schemaPath"] {
            let mut body = with(json!({}));
            body[field] = json!(path);
            cases.push(post(&url).json(body).refused("GES.8000", "path ["));
        }
        cases.push(
            post(&url)
                .json(with(json!({"logDir": path})))
                .refused("GES.8000", "logDir"),
        );
    }
    // logDir is checked after the data paths, so the refusal must name it (not the data).
    for case in cases
        .iter_mut()
        .filter(|c| c.needle.as_deref() == Some("logDir"))
    {
        let body: Value = serde_json::from_slice(&case.body).unwrap();
        let dir = body["logDir"].as_str().unwrap();
        if !dir.starts_with('/') && !dir.starts_with("file://") {
            continue; // a bucket path: "[logDir] … must be a local file:/// path"
        }
        case.needle = Some("path [".into());
    }
    run(&fx, "import-graph", cases).await;
}

#[tokio::test]
async fn export_graph() {
    let fx = fixture().await;
    let url = ges("/graphs/tiny/action?action_id=export-graph");
    let ok = json!({"graphExportPath": format!("file://{}/exports/ok/", fx.data),
                    "edgeSetName": "edges", "vertexSetName": "vertices",
                    "schemaName": "schema.xml"});
    let with = |field: &str, value: Value| {
        let mut b = ok.clone();
        b[field] = value;
        b
    };
    let rows = |raw: &str| {
        let mut b = ok.to_string();
        b.pop();
        format!(r#"{b},"paginate":{{"rowCountPerFile":{raw}}}}}"#)
    };
    let mut cases: Vec<Case> = malformed()
        .into_iter()
        .map(|b| {
            post(&url)
                .raw(b)
                .refused("GES.8000", "invalid request body")
        })
        .collect();
    cases.extend([
        post(&url).json(json!({})).code("GES.8000"),
        post(&url)
            .json(with("graphExportPath", json!(1)))
            .code("GES.8000"),
        post(&url)
            .json(with("schemaName", json!(null)))
            .code("GES.8000"),
        post(&url)
            .json(with("paginate", json!("yes")))
            .code("GES.8000"),
        post(&url)
            .json(with("paginate", json!({"enable": "yes"})))
            .code("GES.8000"),
        post(&url)
            .json(with("obsParameters", json!({"accessKey": 1})))
            .code("GES.8000"),
        post(&url).raw(rows("1e308")).code("GES.8000"),
        post(&url).raw(rows(TWO_64)).code("GES.8000"),
        post(&url).raw(rows("-1")).code("GES.8000"),
        post(&url)
            .raw(rows("0"))
            .refused("GES.8000", "rowCountPerFile"),
        post(&url).raw(rows("\"10\"")).code("GES.8000"),
        // File names are names, not paths.
        post(&url)
            .json(with("schemaName", json!("../schema.xml")))
            .refused("GES.8000", "schemaName"),
        post(&url)
            .json(with("vertexSetName", json!("..")))
            .refused("GES.8000", "vertexSetName"),
        post(&url)
            .json(with("edgeSetName", json!("/etc/passwd")))
            .refused("GES.8000", "edgeSetName"),
        post(&url)
            .json(with("edgeSetName", json!("a\u{0}b")))
            .refused("GES.8000", "edgeSetName"),
        post(&url)
            .json(with("schemaName", json!("😀.xml")))
            .refused("GES.8000", "schemaName"),
        post(&url)
            .json(with("schemaName", json!("\u{202e}lmx.a")))
            .refused("GES.8000", "schemaName"),
        post(&url)
            .json(with("vertexSetName", json!("manifest.json")))
            .refused("GES.8000", "vertexSetName"),
        post(&url)
            .json(with("vertexSetName", json!("edges")))
            .refused("GES.8000", "differ"),
        post(&url)
            .raw(ok.to_string().replace("\"edges\"", "\"\\udc00\""))
            .refused("GES.8000", "invalid request body"),
        post(&url)
            .json(with("schemaName", json!(huge(TEN_MB))))
            .want(413, "GES.8000")
            .says("too large"),
        // Graph names: invalid ones are bad parameters, a missing graph is GES.8011.
        post(ges("/graphs/nosuch/action?action_id=export-graph"))
            .json(ok.clone())
            .refused("GES.8011", "nosuch"),
        post(ges("/graphs/%F0%9F%98%80/action?action_id=export-graph"))
            .json(ok.clone())
            .refused("GES.8000", "graph name"),
        post(ges("/graphs/%00/action?action_id=export-graph"))
            .json(ok.clone())
            .refused("GES.8000", "graph name"),
    ]);
    for path in traversals(&fx.data) {
        let mut body = with("graphExportPath", json!(path));
        body["obsParameters"] = obs_ok();
        cases.push(post(&url).json(body).refused("GES.8000", "path ["));
    }
    run(&fx, "export-graph", cases).await;
}

#[tokio::test]
async fn export_result() {
    let fx = fixture().await;
    let on = |job: &str| {
        ges(&format!(
            "/graphs/tiny/jobs/{job}/action?action_id=export-result"
        ))
    };
    let url = on(&fx.pagerank);
    let at = |graph: &str, q: &str| ges(&format!("/graphs/{graph}/jobs/{}/action{q}", fx.pagerank));
    let ok = json!({"exportPath": "dumps/ok/", "obsParameters": obs_ok(), "erase": false});
    let with = |field: &str, value: Value| {
        let mut b = ok.clone();
        b[field] = value;
        b
    };
    let mut cases: Vec<Case> = malformed()
        .into_iter()
        .map(|b| {
            post(&url)
                .raw(b)
                .refused("GES.8000", "invalid request body")
        })
        .collect();
    cases.extend([
        post(&url).json(json!({})).code("GES.8000"),
        post(&url)
            .json(with("exportPath", json!(5)))
            .code("GES.8000"),
        post(&url)
            .json(with("exportPath", json!(null)))
            .code("GES.8000"),
        post(&url).json(with("erase", json!("no"))).code("GES.8000"),
        post(&url)
            .json(with("obsParameters", json!([])))
            .code("GES.8000"),
        post(&url).json(with("fileName", json!(7))).code("GES.8000"),
        post(&url)
            .json(with("fileName", json!("../x.csv")))
            .refused("GES.8000", "fileName"),
        post(&url)
            .json(with("fileName", json!("a/b.csv")))
            .refused("GES.8000", "fileName"),
        post(&url)
            .json(with("fileName", json!("..")))
            .refused("GES.8000", "fileName"),
        post(&url)
            .json(with("fileName", json!("manifest.json")))
            .refused("GES.8000", "fileName"),
        post(&url)
            .json(with("fileName", json!("😀.csv")))
            .refused("GES.8000", "fileName"),
        post(&url)
            .json(with("fileName", json!("x\u{0}.csv")))
            .refused("GES.8000", "fileName"),
        post(&url)
            .json(with("fileName", json!("\u{202e}vsc.x")))
            .refused("GES.8000", "fileName"),
        post(&url)
            .raw(ok.to_string().replace("dumps/ok/", "dumps/\\udbff/"))
            .refused("GES.8000", "invalid request body"),
        post(&url)
            .json(with("exportPath", json!(format!("dumps/{}", huge(TEN_MB)))))
            .want(413, "GES.8000")
            .says("too large"),
        // The source job in the path: unknown ids and traversal find no job (GES.8011 as the
        // endpoint numbers a missing graph or job); a job with no result is a bad parameter.
        post(on("%F0%9F%98%80")).json(ok.clone()).code("GES.8011"),
        post(on("%00")).json(ok.clone()).code("GES.8011"),
        post(on(&format!("..%2F{}", fx.pagerank)))
            .json(ok.clone())
            .code("GES.8011"),
        post(on(&huge(60 * 1024))).json(ok.clone()).code("GES.8011"),
        post(on("%FF")).json(ok.clone()).code("GES.8000"),
        post(on(&fx.import))
            .json(ok.clone())
            .refused("GES.8000", "only succeeded algorithm jobs"),
        post(at("nosuch", "?action_id=export-result"))
            .json(ok.clone())
            .code("GES.8011"),
        post(at("%E2%80%AE", "?action_id=export-result"))
            .json(ok.clone())
            .code("GES.8011"),
        post(at("tiny", "?action_id=export-result%0D%0A"))
            .json(ok.clone())
            .refused("GES.8000", "action_id"),
        post(at("tiny", ""))
            .json(ok.clone())
            .refused("GES.8000", "action_id"),
    ]);
    for path in traversals(&fx.data) {
        cases.push(
            post(&url)
                .json(with("exportPath", json!(path)))
                .refused("GES.8000", "path ["),
        );
    }
    run(&fx, "export-result", cases).await;
}
