//! The management planes: v2 job center and graphs, and the legacy v1 (camelCase).

use serde_json::{Value, json};

use super::{TEN_MB, TWO_64, delete, fixture, get, huge, post, put, run, traversals};
use crate::helpers::PROJECT;
use crate::obs_app::obs_ok;

fn v2(rest: &str) -> String {
    format!("/v2/{PROJECT}/graphs{rest}")
}

#[tokio::test]
async fn management_v2() {
    let fx = fixture().await;
    let imp = fx.import.as_str();
    let edges = format!("{}/e.csv", fx.input);
    let export = json!({"graph_export_path": format!("file://{}/exports/v2/", fx.data),
                        "edge_set_name": "edges", "vertex_set_name": "vertices",
                        "schema_name": "schema.xml"});
    let export_with = |field: &str, value: Value| {
        let mut b = export.clone();
        b[field] = value;
        b
    };
    let mut cases = vec![
        // Job center paging and filters (management.rs covers status=done, bad dates, limit=-1,
        // offset=x).
        get(v2(&format!("/jobs?limit={TWO_64}"))).refused("GES.0001", "limit"),
        get(v2("/jobs?offset=1e308")).refused("GES.0001", "offset"),
        get(v2(&format!("/jobs?offset={TWO_64}"))).refused("GES.0001", "offset"),
        get(v2("/jobs?limit=100001")).refused("GES.0001", "limit"),
        get(v2("/jobs?status=%F0%9F%98%80")).refused("GES.0001", "status"),
        get(v2("/jobs?status=success%00")).refused("GES.0001", "status"),
        get(v2("/jobs?status=%E2%80%AEsuccess")).refused("GES.0001", "status"),
        get(v2("/jobs?start_time=2024-01-01%00")).refused("GES.0001", "start_time"),
        get(v2("/jobs?start_time=99999-01-01")).refused("GES.0001", "start_time"),
        get(v2("/jobs?end_time=-2024-01-01")).refused("GES.0001", "end_time"),
        get(v2("/jobs?end_time=%FF")).refused("GES.0001", "end_time"),
        get(v2("/jobs?offset=18446744073709551615")).accepted(),
        get(v2("/jobs?graph_name=%00%F0%9F%98%80..%2F")).accepted(),
        // Graph list.
        get(v2("?limit=1e308")).refused("GES.0001", "limit"),
        get(v2(&format!("?limit={TWO_64}"))).refused("GES.0001", "limit"),
        get(v2("?offset=-1")).refused("GES.0001", "offset"),
        get(v2("?offset=18446744073709551615")).accepted(),
        // Show graph / job with hostile names.
        get(v2("/%F0%9F%98%80")).code("GES.7000"),
        get(v2("/tiny%00")).code("GES.7000"),
        get(v2("/..%2F..%2Fetc%2Fpasswd")).code("GES.7000"),
        get(v2("/%FF")).code("GES.0001"),
        get(v2("/tiny/jobs/%00/status")).code("GES.7007"),
        get(v2(&format!("/tiny/jobs/..%2F{imp}/status"))).code("GES.7007"),
        get(v2(&format!("/%E2%80%AEtiny/jobs/{imp}/status"))).code("GES.7007"),
        get(v2("/tiny/jobs/%ED%A0%80/status")).code("GES.0001"),
        // Create graph.
        post(v2("")).json(json!({"graph": "x"})).code("GES.0001"),
        post(v2(""))
            .json(json!({"graph": {"name": 5}}))
            .code("GES.0001"),
        post(v2("")).json(json!({"graph": {}})).code("GES.0001"),
        post(v2("")).json(json!([])).code("GES.0001"),
        post(v2("")).raw("").code("GES.0001"),
        post(v2(""))
            .json(json!({"graph": {"name": "😀"}}))
            .refused("GES.0001", "graph name"),
        post(v2(""))
            .json(json!({"graph": {"name": "\u{202e}tiny"}}))
            .refused("GES.0001", "graph name"),
        post(v2(""))
            .json(json!({"graph": {"name": "g\u{0}"}}))
            .refused("GES.0001", "graph name"),
        post(v2(""))
            .json(json!({"graph": {"name": "../etc"}}))
            .refused("GES.0001", "graph name"),
        post(v2(""))
            .json(json!({"graph": {"name": "a".repeat(65)}}))
            .refused("GES.0001", "graph name"),
        post(v2(""))
            .raw(r#"{"graph":{"name":"\udfffg"}}"#)
            .refused("GES.0001", "invalid request body"),
        post(v2(""))
            .json(json!({"graph": {"name": "tiny"}}))
            .refused("GES.0001", "already exists"),
        post(v2(""))
            .json(json!({"graph": {"name": huge(TEN_MB)}}))
            .want(413, "GES.0001")
            .says("too large"),
        // Delete and clear: an invalid name is a bad parameter, a missing graph GES.7000.
        delete(v2("/%F0%9F%98%80")).refused("GES.0001", "graph name"),
        delete(v2("/..%2Ftiny")).refused("GES.0001", "graph name"),
        delete(v2("/nosuch")).code("GES.7000"),
        delete(v2("/%FF")).code("GES.0001"),
        post(v2("/tiny/clear-graph?clear_metadata=true%00")).refused("GES.0001", "clear_metadata"),
        post(v2("/tiny/clear-graph?clear_metadata=%F0%9F%98%80"))
            .refused("GES.0001", "clear_metadata"),
        post(v2("/tiny/clear-graph?clear_metadata=1")).refused("GES.0001", "clear_metadata"),
        post(v2("/%E2%80%AE/clear-graph")).refused("GES.0001", "graph name"),
        // Import.
        post(v2("/tiny/import-graph"))
            .raw("{")
            .refused("GES.0001", "invalid request body"),
        post(v2("/tiny/import-graph"))
            .json(json!({"edgeset_path": 5}))
            .code("GES.0001"),
        post(v2("/tiny/import-graph"))
            .json(json!({"edgeset_path": edges, "delimiter": ",,"}))
            .refused("GES.0001", "delimiter"),
        post(v2("/tiny/import-graph"))
            .json(json!({"edgeset_path": edges, "parallel_edge": {"action": "😀"}}))
            .code("GES.0001"),
        post(v2("/tiny/import-graph"))
            .json(json!({"edgeset_path": huge(TEN_MB)}))
            .want(413, "GES.0001")
            .says("too large"),
        post(v2("/%00/import-graph"))
            .json(json!({"edgeset_path": edges}))
            .code("GES.7000"),
        post(v2("/%F0%9F%98%80/import-graph"))
            .json(json!({"edgeset_path": edges}))
            .code("GES.7000"),
        // Export.
        post(v2("/tiny/export-graph"))
            .raw("{")
            .refused("GES.0001", "invalid request body"),
        post(v2("/tiny/export-graph"))
            .json(export_with("graphExportPath", json!("x")))
            .refused("GES.0001", "unknown field"),
        post(v2("/tiny/export-graph"))
            .json(export_with("schema_name", json!("../x.xml")))
            .refused("GES.0001", "schemaName"),
        post(v2("/tiny/export-graph"))
            .json(export_with("edge_set_name", json!("e\u{0}")))
            .code("GES.0001"),
        post(v2("/tiny/export-graph"))
            .raw(export.to_string().replace(
                "}",
                &format!(r#","paginate":{{"row_count_per_file":{TWO_64}}}}}"#),
            ))
            .code("GES.0001"),
        post(v2("/tiny/export-graph"))
            .json(export_with("schema_name", json!(huge(TEN_MB))))
            .want(413, "GES.0001")
            .says("too large"),
        post(v2("/nosuch/export-graph"))
            .json(export.clone())
            .code("GES.7000"),
        // Wrong methods.
        put(v2("/jobs")).want(405, "GES.0001"),
        post(v2(&format!("/tiny/jobs/{imp}/status"))).want(405, "GES.0001"),
        get(v2("/jobs"))
            .anonymous()
            .header("X-Auth-Token", b"\xfe".to_vec())
            .want(401, "GES.8007"),
        get(format!("/v2/..%2F{PROJECT}/graphs/jobs")).want(403, "GES.8006"),
    ];
    for path in traversals(&fx.data) {
        for field in ["edgeset_path", "vertexset_path", "schema_path"] {
            let body = json!({"edgeset_path": edges, field: path});
            cases.push(
                post(v2("/tiny/import-graph"))
                    .json(body)
                    .refused("GES.0001", "path ["),
            );
        }
        let body = json!({"edgeset_path": edges, "log_dir": path});
        cases.push(
            post(v2("/tiny/import-graph"))
                .json(body)
                .refused("GES.0001", "logDir"),
        );
        let body = export_with("graph_export_path", json!(path));
        cases.push(
            post(v2("/tiny/export-graph"))
                .json(body)
                .refused("GES.0001", "path ["),
        );
    }
    // A local logDir is refused as a path, a bucket one as not local.
    for case in cases
        .iter_mut()
        .filter(|c| c.needle.as_deref() == Some("logDir"))
    {
        let body: Value = serde_json::from_slice(&case.body).unwrap();
        let dir = body["log_dir"].as_str().unwrap();
        if dir.starts_with('/') || dir.starts_with("file://") {
            case.needle = Some("path [".into());
        }
    }
    run(&fx, "management v2", cases).await;
}

fn v1(rest: &str) -> String {
    format!("/v1.0/{PROJECT}/graphs{rest}")
}

#[tokio::test]
async fn management_v1_legacy() {
    let fx = fixture().await;
    let imp = fx.import.as_str();
    let edges = format!("{}/e.csv", fx.input);
    let import = v1("/tiny/action?action_id=import-graph");
    let export = v1("/tiny/action?action_id=export-graph");
    let ok_export = json!({"graphExportPath": format!("file://{}/exports/v1/", fx.data),
                           "edgeSetName": "edges", "vertexSetName": "vertices",
                           "schemaName": "schema.xml"});
    let mut cases = vec![
        get(v1(&format!("/jobs?limit={TWO_64}"))).refused("GES.0001", "limit"),
        get(v1("/jobs?offset=-5")).refused("GES.0001", "offset"),
        get(v1("/jobs?offset=1e308")).refused("GES.0001", "offset"),
        get(v1("/jobs?startTime=2024-02-30")).code("GES.0001"),
        get(v1("/jobs?endTime=%F0%9F%98%80")).code("GES.0001"),
        get(v1("/jobs?status=%E2%80%AE")).refused("GES.0001", "status"),
        get(v1("/jobs?offset=18446744073709551615")).accepted(),
        get(v1("?limit=1e308")).refused("GES.0001", "limit"),
        get(v1("/%F0%9F%98%80")).code("GES.7000"),
        get(v1("/..%2F..%2Fetc")).code("GES.7000"),
        get(v1("/%FF")).code("GES.0001"),
        get(v1("/tiny/jobs/%F0%9F%98%80/status")).code("GES.7007"),
        get(v1(&format!("/tiny/jobs/{imp}%00/status"))).code("GES.7007"),
        post(v1(""))
            .raw("{\"graph\":")
            .refused("GES.0001", "invalid request body"),
        post(v1(""))
            .json(json!({"graph": {"name": "g\u{0}"}}))
            .refused("GES.0001", "graph name"),
        post(v1(""))
            .json(json!({"graph": {"name": "😀"}}))
            .refused("GES.0001", "graph name"),
        post(v1(""))
            .json(json!({"graph": {"name": huge(TEN_MB)}}))
            .want(413, "GES.0001")
            .says("too large"),
        delete(v1("/%00")).refused("GES.0001", "graph name"),
        // Actions.
        post(&import)
            .raw("{")
            .refused("GES.0001", "invalid request body"),
        post(&import)
            .json(json!({"edgesetPath": 5}))
            .code("GES.0001"),
        post(&import)
            .json(json!({"edgesetPath": edges, "delimiter": "😀"}))
            .refused("GES.0001", "delimiter"),
        post(&import)
            .json(json!({"edgesetPath": huge(TEN_MB)}))
            .want(413, "GES.0001")
            .says("too large"),
        post(v1("/%E2%80%AE/action?action_id=import-graph"))
            .json(json!({"edgesetPath": edges}))
            .code("GES.7000"),
        post(&export)
            .raw("[")
            .refused("GES.0001", "invalid request body"),
        post(&export)
            .json(json!({"graphExportPath": 1}))
            .code("GES.0001"),
        post(&export)
            .json({
                let mut b = ok_export.clone();
                b["schemaName"] = json!("../s.xml");
                b
            })
            .refused("GES.0001", "schemaName"),
        post(&export)
            .json({
                let mut b = ok_export.clone();
                b["schemaName"] = json!(huge(TEN_MB));
                b
            })
            .want(413, "GES.0001")
            .says("too large"),
        post(v1(
            "/tiny/action?action_id=clear-graph&clear-metadata=true%0D%0A",
        ))
        .refused("GES.0001", "clear-metadata"),
        post(v1(
            "/tiny/action?action_id=clear-graph&clear-metadata=%F0%9F%98%80",
        ))
        .refused("GES.0001", "clear-metadata"),
        post(v1("/tiny/action?action_id=%00")).refused("GES.0001", "action_id"),
        post(v1("/tiny/action?action_id=import-graph%E2%80%AE")).refused("GES.0001", "action_id"),
        post(v1("/tiny/action")).refused("GES.0001", "action_id"),
        put(v1("/jobs")).want(405, "GES.0001"),
        get(v1("/jobs"))
            .anonymous()
            .header("X-Auth-Token", b"\xfe\xff".to_vec())
            .want(401, "GES.8007"),
        get(format!("/v1.0/..%2F{PROJECT}/graphs/jobs")).want(403, "GES.8006"),
    ];
    for path in traversals(&fx.data) {
        for field in ["edgesetPath", "vertexsetPath", "schemaPath"] {
            let body = json!({"edgesetPath": edges, field: path});
            cases.push(post(&import).json(body).refused("GES.0001", "path ["));
        }
        let mut body = ok_export.clone();
        body["graphExportPath"] = json!(path);
        body["obsParameters"] = obs_ok();
        cases.push(post(&export).json(body).refused("GES.0001", "path ["));
    }
    run(&fx, "management v1", cases).await;
}
