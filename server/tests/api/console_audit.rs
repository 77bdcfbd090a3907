//! The console's actions in the audit log, called as the browser calls the server functions
//! (session cookie, url-encoded form): a cancel is a `ConsoleAction` with its actor and role, a
//! viewer's refused cancel a `warning`, signing in and out are recorded, reads are not.

use app::ServerFunction as F;
use engine::auth::Role;
use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp, spawn_app, spawn_paused_app};

async fn rpc(app: &TestApp, token: &str, function: F, form: &str) -> u16 {
    app.client
        .post(app.url(function.path()))
        .header("Cookie", format!("gj_session={token}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form.to_owned())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn console_traces(app: &TestApp) -> Vec<Value> {
    let url = app.url(&format!("/v3/{PROJECT}/traces?trace_type=system&limit=200"));
    let (status, body) = app.get(&url).await;
    assert_eq!(status, 200, "{body}");
    body["traces"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["trace_type"] == "ConsoleAction")
        .cloned()
        .collect()
}

#[tokio::test]
async fn console_cancels_and_sign_ins_are_recorded_and_reads_are_not() {
    // A server that runs no jobs: the submitted job stays queued.
    let app = spawn_paused_app().await;
    let operator = app.token_as(Role::Operator).await;
    let viewer = app.token_as(Role::Viewer).await;
    let (status, body) = app
        .post(
            &app.graph_url("tiny", "/action?action_id=execute-algorithm"),
            &json!({"algorithmName": "pagerank", "parameters": {}}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let job = body["jobId"].as_str().unwrap().to_owned();

    // Reads leave nothing.
    assert_eq!(rpc(&app, &viewer, F::ListGraphs, "").await, 200);
    assert_eq!(rpc(&app, &viewer, F::CurrentProject, "").await, 200);
    assert!(console_traces(&app).await.is_empty());

    assert_eq!(
        rpc(&app, &operator, F::SignIn, &format!("token={operator}")).await,
        200
    );
    assert_eq!(
        rpc(&app, &viewer, F::CancelJob, &format!("id={job}")).await,
        403
    );
    assert_eq!(
        rpc(&app, &operator, F::CancelJob, &format!("id={job}")).await,
        200
    );
    assert_eq!(rpc(&app, &operator, F::SignOut, "").await, 200);
    // An unknown token signs nobody in: nothing to record, in no project.
    rpc(&app, &operator, F::SignIn, "token=gjt_nothing").await;

    let traces = console_traces(&app).await;
    let names: Vec<&str> = traces
        .iter()
        .map(|t| t["trace_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["signOut", "cancelJob", "cancelJob", "signIn"]);
    let (done, refused) = (&traces[1], &traces[2]);
    let operator_id = engine::auth::token_id(&operator);
    assert_eq!(done["user"]["id"], operator_id.as_str());
    assert_eq!(done["trace_rating"], "normal");
    assert_eq!(done["code"], "200");
    assert_eq!(done["resource_type"], "job");
    assert_eq!(done["resource_id"], job.as_str());
    assert_eq!(done["source_ip"], "127.0.0.1");
    assert!(
        done["request"]
            .as_str()
            .unwrap()
            .contains("\"role\":\"operator\"")
    );
    assert_eq!(
        refused["user"]["id"],
        engine::auth::token_id(&viewer).as_str()
    );
    assert_eq!(refused["trace_rating"], "warning");
    assert_eq!(refused["code"], "403");
    assert!(refused["message"].as_str().unwrap().contains("operator"));
    assert_eq!(traces[0]["resource_type"], "session");
    assert_eq!(traces[3]["user"]["id"], operator_id.as_str());
    assert_eq!(
        app.engine.job(PROJECT, &job).await.unwrap().state,
        engine::JobState::Cancelled
    );

    // The console's audit page (its table, from its server function): the admin's, filtered
    // as its URL says; reading it is not recorded.
    let page = |token: String, query: &'static str| {
        let app = &app;
        async move {
            let form = format!(
                "query[user]=&query[trace_name]=cancelJob&query[resource_type]=&\
                 query[resource_id]=&query[rating]={query}&query[next]="
            );
            let r = app
                .client
                .post(app.url(F::AuditHtml.path()))
                .header("Cookie", format!("gj_session={token}"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (status, html) = page(app.token.clone(), "").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(
        html.matches("<tr class=").count(),
        2,
        "the two cancels: {html}"
    );
    assert!(html.contains(&format!("token {operator_id}")), "{html}");
    let (status, html) = page(app.token.clone(), "warning").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(html.matches("<tr class=").count(), 1, "{html}");
    assert!(html.contains("403 (warning)"), "{html}");
    let (status, _) = page(viewer.clone(), "").await;
    assert_eq!(status, 403);
    assert_eq!(
        console_traces(&app).await.len(),
        4,
        "reading the log is not recorded"
    );
}

#[tokio::test]
async fn an_import_posted_as_multipart_names_its_graph() {
    let app = spawn_app().await;
    // The middleware does not read a multipart form; the function names the graph itself. A
    // refused name is recorded under that name too.
    let body =
        "--b0\r\nContent-Disposition: form-data; name=\"form[graph]\"\r\n\r\n9lives\r\n--b0--\r\n";
    let r = app
        .client
        .post(app.url(F::UploadImport.path()))
        .header("Cookie", format!("gj_session={}", app.token))
        .header("Content-Type", "multipart/form-data; boundary=b0")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let traces = console_traces(&app).await;
    let [import] = &traces[..] else {
        panic!("one import expected: {traces:?}");
    };
    assert_eq!(import["trace_name"], "importGraph");
    assert_eq!(import["resource_type"], "graph");
    assert_eq!(import["resource_name"], "9lives");
    assert_eq!(import["resource_id"], "9lives");
    assert_eq!(import["code"], "400");
}
