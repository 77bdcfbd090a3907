//! Roles on every REST route: viewer reads only; operator also submits, cancels, dumps and runs
//! visualization jobs; admin also imports, clears and deletes graphs. A refusal is 403 in the
//! surface's envelope (`GES.8020`, `ModelArts.0108` on visualization jobs, `CTS.0002` on the
//! audit log, which only an admin reads).
//!
//! [`ROUTES`] states, independently of the server's own table, what each route needs. It is
//! checked against the live router: every route the router has (its path templates read from
//! the router, their methods found by asking without a credential) must be in it, and every
//! row must be a route, so a new route cannot be left out of the matrix.

use std::collections::BTreeSet;

use engine::auth::Role;
use reqwest::Method;
use serde_json::{Value, json};
use server::state::AppState;

use crate::helpers::{PROJECT, TestApp, spawn_app};

/// What a route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Every role.
    Read,
    /// Operator or admin: submit, cancel, dump, export, visualization jobs.
    Operate,
    /// Admin: import, create, clear and delete graphs (and HyG views, vertices by filter).
    Administer,
}

use Need::{Administer, Operate, Read};

/// Every REST route: method, path template (with `#action_id=` for the dispatching routes)
/// and what it needs.
const ROUTES: &[(&str, &str, Need)] = &[
    // GES service plane.
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=execute-algorithm",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=import-graph",
        Administer,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=filtered-query",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=path-query",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=export-graph",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}/action#action_id=export-result",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action#action_id=query",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/vertices/action#action_id=delete",
        Administer,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/edges/action#action_id=query",
        Operate,
    ),
    (
        "GET",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/status",
        Read,
    ),
    (
        "GET",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}/status",
        Read,
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs/{job_id}",
        Operate,
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/graphs/{graph_name}/jobs",
        Operate,
    ),
    ("GET", "/ges/v1.0/{project_id}/hyg", Read),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}",
        Administer,
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/hyg/{graph_name}",
        Administer,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/sync",
        Administer,
    ),
    (
        "GET",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/summary",
        Read,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/algorithm",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/dsl",
        Operate,
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs",
        Operate,
    ),
    (
        "DELETE",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs/{job_id}",
        Operate,
    ),
    (
        "POST",
        "/ges/v1.0/{project_id}/hyg/{graph_name}/jobs/{job_id}/export-result",
        Operate,
    ),
    // Management plane v2.
    ("GET", "/v2/{project_id}/graphs/jobs", Read),
    (
        "GET",
        "/v2/{project_id}/graphs/{graph_id}/jobs/{job_id}/status",
        Read,
    ),
    ("GET", "/v2/{project_id}/graphs", Read),
    ("POST", "/v2/{project_id}/graphs", Administer),
    ("GET", "/v2/{project_id}/graphs/{graph_id}", Read),
    ("DELETE", "/v2/{project_id}/graphs/{graph_id}", Administer),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/import-graph",
        Administer,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/export-graph",
        Operate,
    ),
    (
        "POST",
        "/v2/{project_id}/graphs/{graph_id}/clear-graph",
        Administer,
    ),
    // Management plane v1.
    ("GET", "/v1.0/{project_id}/graphs/jobs", Read),
    (
        "GET",
        "/v1.0/{project_id}/graphs/{graph_id}/jobs/{job_id}/status",
        Read,
    ),
    ("GET", "/v1.0/{project_id}/graphs", Read),
    ("POST", "/v1.0/{project_id}/graphs", Administer),
    ("GET", "/v1.0/{project_id}/graphs/{graph_id}", Read),
    ("DELETE", "/v1.0/{project_id}/graphs/{graph_id}", Administer),
    (
        "POST",
        "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=import-graph",
        Administer,
    ),
    (
        "POST",
        "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=export-graph",
        Operate,
    ),
    (
        "POST",
        "/v1.0/{project_id}/graphs/{graph_id}/action#action_id=clear-graph",
        Administer,
    ),
    // Cloud job query.
    ("GET", "/v1/{project_id}/jobs/{job_id}", Read),
    // ModelArts visualization jobs.
    ("GET", "/v1/{project_id}/visualization-jobs", Read),
    ("POST", "/v1/{project_id}/visualization-jobs", Operate),
    ("GET", "/v1/{project_id}/visualization-jobs/{job_id}", Read),
    (
        "PUT",
        "/v1/{project_id}/visualization-jobs/{job_id}",
        Operate,
    ),
    (
        "DELETE",
        "/v1/{project_id}/visualization-jobs/{job_id}",
        Operate,
    ),
    (
        "POST",
        "/v1/{project_id}/visualization-jobs/{job_id}/stop",
        Operate,
    ),
    (
        "POST",
        "/v1/{project_id}/visualization-jobs/{job_id}/restart",
        Operate,
    ),
    (
        "GET",
        "/v1/{project_id}/visualization-jobs/{job_id}/view",
        Read,
    ),
    // The audit log (Cloud Trace Service's trace list): it names other people's actions.
    ("GET", "/v3/{project_id}/traces", Administer),
];

/// Whether `role` may use a route that needs `need`.
fn allowed(role: Role, need: Need) -> bool {
    match need {
        Read => true,
        Operate => role >= Role::Operator,
        Administer => role == Role::Admin,
    }
}

/// The project routes of the whole application router: its path templates (read from the
/// router's `Debug`, which lists every path it matches) with the methods an admin's call
/// reaches something other than a 405 with (a method without a handler, or without an access
/// rule, answers 405).
async fn router_routes(app: &TestApp) -> BTreeSet<(String, String)> {
    let state = AppState {
        engine: app.engine.clone(),
        leptos_options: leptos::config::LeptosOptions::builder()
            .output_name("console")
            .build(),
        body_limit: 64 * 1024,
    };
    let dump = format!("{:?}", server::startup::router(state));
    let templates: BTreeSet<&str> = dump
        .split('"')
        .filter(|s| s.starts_with('/') && s.contains("{project_id}"))
        .collect();
    assert!(
        templates.len() > 30,
        "the router's Debug no longer lists its paths: {templates:?}"
    );
    let mut routes = BTreeSet::new();
    for template in templates {
        let url = app.url(&fill(template, "nosuchgraph", "nosuchjob"));
        for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
            let r = app
                .client
                .request(method.parse().unwrap(), &url)
                .header("X-Auth-Token", &app.token)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            match r.status().as_u16() {
                405 => {}
                401 => panic!("{method} {template}: the admin token was refused"),
                _ => {
                    routes.insert((method.to_owned(), template.to_owned()));
                }
            }
        }
    }
    routes
}

/// `template` with the test project and these names.
fn fill(template: &str, graph: &str, job: &str) -> String {
    let (path, action) = match template.split_once("#action_id=") {
        Some((path, action)) => (path, Some(action)),
        None => (template, None),
    };
    let path = path
        .replace("{project_id}", PROJECT)
        .replace("{graph_name}", graph)
        .replace("{graph_id}", graph)
        .replace("{job_id}", job);
    match action {
        Some(a) => format!("{path}?action_id={a}"),
        None => path,
    }
}

/// The role refusal's code and message in `template`'s surface envelope, if `body` is one.
fn refusal(template: &str, body: &Value) -> Option<(String, String)> {
    let pair = |code: &Value, message: &Value| {
        Some((code.as_str()?.to_owned(), message.as_str()?.to_owned()))
    };
    if template.starts_with("/ges/") || template.starts_with("/v1.0/") {
        pair(&body["errorCode"], &body["errorMessage"])
    } else if template.starts_with("/v2/") || template.starts_with("/v3/") {
        pair(&body["error_code"], &body["error_msg"])
    } else if template.contains("/visualization-jobs") {
        (body["is_success"] == false).then_some(())?;
        pair(&body["error_code"], &body["error_msg"])
    } else {
        pair(&body["error"]["code"], &body["error"]["message"])
    }
}

#[tokio::test]
async fn every_route_allows_exactly_the_roles_that_may_use_it() {
    let app = spawn_app().await;
    // The matrix is checked against the router first: no route left out, none made up.
    let in_router = router_routes(&app).await;
    let in_table: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, t, _)| ((*m).to_owned(), t.split('#').next().unwrap().to_owned()))
        .collect();
    let missing: Vec<_> = in_router.difference(&in_table).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in ROUTES: {missing:?}"
    );
    let extra: Vec<_> = in_table.difference(&in_router).collect();
    assert!(
        extra.is_empty(),
        "rows of ROUTES that are no route: {extra:?}"
    );

    let mut tokens = Vec::new();
    for role in Role::ALL {
        tokens.push((
            role,
            app.engine.create_token_with(PROJECT, role).await.unwrap(),
        ));
    }
    for (method, template, need) in ROUTES {
        // Names that exist nowhere: an allowed call reaches its handler and changes nothing.
        let url = app.url(&fill(template, "nosuchgraph", "nosuchjob"));
        for (role, token) in &tokens {
            let r = app
                .client
                .request(method.parse::<Method>().unwrap(), &url)
                .header("X-Auth-Token", token)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body: Value = r.json().await.unwrap_or_default();
            let refused = refusal(template, &body);
            if allowed(*role, *need) {
                assert!(
                    status != 403 && status != 401,
                    "{role} was refused {method} {template}: {status} {body}"
                );
            } else {
                assert_eq!(status, 403, "{role} {method} {template}: {body}");
                let (code, message) = refused.unwrap_or_else(|| {
                    panic!("{method} {template}: not the surface's envelope: {body}")
                });
                let expected = if template.contains("/visualization-jobs") {
                    "ModelArts.0108"
                } else if template.starts_with("/v3/") {
                    "CTS.0002"
                } else {
                    "GES.8020"
                };
                assert_eq!(code, expected, "{role} {method} {template}: {body}");
                assert!(
                    message.contains(role.as_str()) && !message.contains("nosuchgraph"),
                    "{method} {template}: {message}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_viewer_reads_but_cannot_cancel_an_operator_runs_and_cancels_but_cannot_import() {
    let app = spawn_app_paused().await;
    let viewer = app
        .engine
        .create_token_with(PROJECT, Role::Viewer)
        .await
        .unwrap();
    let operator = app
        .engine
        .create_token_with(PROJECT, Role::Operator)
        .await
        .unwrap();
    let as_role = |token: &str, method: Method, url: String, body: Value| {
        app.client
            .request(method, app.url(&url))
            .header("X-Auth-Token", token)
            .json(&body)
            .send()
    };
    // The operator submits (the server runs no jobs: it stays queued).
    let run = fill(
        "/ges/v1.0/{project_id}/graphs/{graph_name}/action#action_id=execute-algorithm",
        "tiny",
        "",
    );
    let algorithm = json!({"algorithmName": "pagerank", "parameters": {}});
    let r = as_role(&operator, Method::POST, run.clone(), algorithm.clone())
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let job = r.json::<Value>().await.unwrap()["jobId"]
        .as_str()
        .unwrap()
        .to_owned();
    // The viewer sees it, and may not submit or cancel it: it stays queued.
    let status = format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/{job}/status");
    let r = as_role(&viewer, Method::GET, status.clone(), Value::Null)
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = as_role(&viewer, Method::POST, run, algorithm)
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let cancel = format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/{job}");
    let r = as_role(&viewer, Method::DELETE, cancel.clone(), Value::Null)
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errorCode"], "GES.8020", "{body}");
    assert!(
        body["errorMessage"].as_str().unwrap().contains("viewer"),
        "{body}"
    );
    let still = app.engine.job(PROJECT, &job).await.unwrap();
    assert_eq!(still.state, engine::JobState::Queued);
    // The operator cancels it, and may not import or delete the graph.
    let r = as_role(&operator, Method::DELETE, cancel, Value::Null)
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.engine.job(PROJECT, &job).await.unwrap().state,
        engine::JobState::Cancelled
    );
    for (method, url) in [
        (
            Method::POST,
            format!("/ges/v1.0/{PROJECT}/graphs/tiny/action?action_id=import-graph"),
        ),
        (Method::DELETE, format!("/v2/{PROJECT}/graphs/tiny")),
        (
            Method::POST,
            format!("/v2/{PROJECT}/graphs/tiny/clear-graph"),
        ),
    ] {
        let r = as_role(&operator, method.clone(), url.clone(), json!({}))
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{method} {url}");
    }
    assert!(app.engine.graph(PROJECT, "tiny").await.is_ok());
}

/// A server that runs no job (its jobs stay queued), with graph `tiny` imported by an earlier
/// server on the same data dir.
async fn spawn_app_paused() -> TestApp {
    let first = spawn_app().await;
    first.import_tiny("tiny").await;
    let data = first.data;
    first
        .engine
        .shutdown(std::time::Duration::from_secs(5))
        .await;
    crate::helpers::spawn_app_on(data, 0).await
}

#[tokio::test]
async fn an_operator_dumps_and_runs_visualization_jobs_a_viewer_cannot() {
    let app = spawn_app().await;
    app.import_tiny("tiny").await;
    let viewer = app
        .engine
        .create_token_with(PROJECT, Role::Viewer)
        .await
        .unwrap();
    let operator = app
        .engine
        .create_token_with(PROJECT, Role::Operator)
        .await
        .unwrap();
    let send = |token: &str, url: String, body: Value| {
        app.client
            .post(app.url(&url))
            .header("X-Auth-Token", token)
            .json(&body)
            .send()
    };
    let run = format!("/ges/v1.0/{PROJECT}/graphs/tiny/action?action_id=execute-algorithm");
    let r = send(
        &operator,
        run,
        json!({"algorithmName": "pagerank", "parameters": {}}),
    )
    .await
    .unwrap();
    let pagerank = r.json::<Value>().await.unwrap()["jobId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.wait_engine_job(&pagerank).await.state,
        engine::JobState::Succeeded
    );

    // Dump the result to a local folder: the viewer is refused, the operator's dump runs.
    let dump =
        format!("/ges/v1.0/{PROJECT}/graphs/tiny/jobs/{pagerank}/action?action_id=export-result");
    let target = app.data.path().join("exports").join("roles");
    let body = json!({"exportPath": format!("file://{}", target.display()), "fileName": "pr.csv"});
    let r = send(&viewer, dump.clone(), body.clone()).await.unwrap();
    assert_eq!(r.status(), 403);
    let r = send(&operator, dump, body).await.unwrap();
    assert_eq!(r.status(), 200);
    let id = r.json::<Value>().await.unwrap()["jobId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.wait_engine_job(&id).await.state,
        engine::JobState::Succeeded
    );
    assert!(target.join("pr.csv").exists());

    // A visualization job: refused to the viewer in ModelArts' envelope, created for the operator.
    let viz = format!("/v1/{PROJECT}/visualization-jobs");
    let body = json!({"job_name": "roles", "train_url": "/obs/name/"});
    let r = send(&viewer, viz.clone(), body.clone()).await.unwrap();
    assert_eq!(r.status(), 403);
    let refused: Value = r.json().await.unwrap();
    assert_eq!(
        (&refused["is_success"], &refused["error_code"]),
        (&json!(false), &json!("ModelArts.0108")),
        "{refused}"
    );
    let r = send(&operator, viz, body).await.unwrap();
    let created: Value = r.json().await.unwrap();
    assert_eq!(created["is_success"], true, "{created}");
}
