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

mod journeys;
mod matrix;

use matrix::{ROUTES, allowed};

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
pub(super) fn fill(template: &str, graph: &str, job: &str) -> String {
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
        tokens.push((role, app.token_as(role).await));
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
