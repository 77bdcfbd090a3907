//! Tenancy over every documented route (the OpenAPI operation table): a credential of another
//! project gets 403 in the surface's envelope whether or not the resource exists, and no
//! credential gets 401. Nothing of project A is reachable with B's token.

use crate::helpers::{PROJECT, spawn_app};

#[tokio::test]
async fn every_route_refuses_other_projects_and_anonymous_callers() {
    let app = spawn_app().await;
    let import = app.import_tiny("tiny").await;
    let other = app.engine.create_token("otherproject").await.unwrap();
    // A route outside every project (IAM's public `/v3/auth/tokens`) has no tenancy to check;
    // every other one is scoped to a project.
    let scoped = server::openapi::operations()
        .into_iter()
        .filter(|op| !server::openapi::PUBLIC.contains(&op.path));
    for op in scoped {
        assert!(
            op.path.contains("{project_id}"),
            "{} is neither public nor scoped to a project",
            op.path
        );
        let (template, action) = match op.path.split_once("#action_id=") {
            Some((t, a)) => (t, Some(a)),
            None => (op.path, None),
        };
        // Once with resources that exist in PROJECT, once with names that exist nowhere.
        for (graph, job) in [("tiny", import.as_str()), ("nosuchgraph", "nosuchjob")] {
            let mut path = template
                .replace("{project_id}", PROJECT)
                .replace("{graph_name}", graph)
                .replace("{graph_id}", graph)
                .replace("{job_id}", job);
            if let Some(a) = action {
                path = format!("{path}?action_id={a}");
            }
            let send = |token: Option<&str>| {
                let mut req = app
                    .client
                    .request(op.method.clone(), app.url(&path))
                    .json(&serde_json::json!({}));
                if let Some(t) = token {
                    req = req.header("X-Auth-Token", t);
                }
                req.send()
            };
            let r = send(Some(&other)).await.unwrap();
            let status = r.status().as_u16();
            let body: serde_json::Value = r.json().await.unwrap_or_default();
            assert_eq!(
                status, 403,
                "{} {path} with another project's token: {body}",
                op.method
            );
            let code = body
                .get("errorCode")
                .or_else(|| body.get("error_code"))
                .or_else(|| body["error"].get("code"))
                .and_then(|c| c.as_str())
                .unwrap_or_default()
                .to_owned();
            assert!(
                ["GES.8006", "ModelArts.0108", "CTS.0002"].contains(&code.as_str()),
                "{} {path}: {body}",
                op.method
            );
            let text = body.to_string();
            assert!(
                !text.contains("tiny") && !text.contains(&import),
                "leak: {text}"
            );
            let r = send(None).await.unwrap();
            assert_eq!(r.status(), 401, "{} {path} without a credential", op.method);
        }
    }
    // And project A's data is untouched by all of that.
    let done = app.wait_status("tiny", &import, "").await;
    assert_eq!(done["status"], "success");
}
