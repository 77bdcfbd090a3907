//! Roles on every console server function, over HTTP with the session cookie, as the browser
//! calls them: a function that changes something refuses a role below its own with 403
//! (`AppError::Forbidden`), whatever the page showed; reads answer every role.
//!
//! [`FUNCTIONS`] is checked against the server functions the server registered
//! (`server_fn_paths`), so a new one cannot be left out, and against the functions the
//! console's audit records (every one that changes something, and signing in and out).

use std::collections::BTreeSet;

use engine::auth::Role;

use crate::helpers::{PROJECT, spawn_app};

/// What a server function needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Signing in and out, and the session itself: no role is asked for.
    Session,
    /// Every role.
    Read,
    /// Operator or admin.
    Operate,
    /// Admin.
    Administer,
}

use Need::{Administer, Operate, Read, Session};

/// Every server function: its path, a url-encoded call (the arguments it takes, naming
/// nothing that exists, so an allowed call changes nothing), and what it needs.
const FUNCTIONS: &[(&str, &str, Need)] = &[
    ("/rpc/sign_in", "token=gjt_nothing", Session),
    ("/rpc/sign_out", "", Session),
    ("/rpc/current_project", "", Session),
    ("/rpc/switch_project", "project=p1", Session),
    ("/rpc/overview_live", "html=true", Read),
    (
        "/rpc/list_jobs",
        "filter[state]=&filter[job_type]=&filter[graph]=&filter[text]=&offset=0&limit=10",
        Read,
    ),
    (
        "/rpc/job_live",
        "id=nosuchjob&window[offset]=0&window[limit]=10&rejected=0&sections=true",
        Read,
    ),
    (
        "/rpc/count_cancellable",
        "filter[state]=&filter[job_type]=&filter[graph]=nosuchgraph&filter[text]=",
        Read,
    ),
    ("/rpc/graph_list_html", "", Read),
    ("/rpc/graph_html", "name=nosuchgraph", Read),
    (
        "/rpc/management_jobs_live",
        "status=&page[number]=1&page[size]=10&html=true",
        Read,
    ),
    ("/rpc/hyg_views_html", "", Read),
    ("/rpc/query_form_html", "fields[graph]=&error=", Read),
    ("/rpc/dsl_form_html", "fields[graph]=&error=", Read),
    (
        "/rpc/visualization_jobs_live",
        "query[page]=1&query[status]=&query[text]=&html=true",
        Read,
    ),
    (
        "/rpc/visualization_job_live",
        "id=999&html=true&shown=0",
        Read,
    ),
    ("/rpc/visualization_job_html", "id=999", Read),
    ("/rpc/list_graphs", "", Read),
    ("/rpc/run_form_html", "", Read),
    ("/rpc/palette_html", "text=", Read),
    (
        "/rpc/explore_neighbourhood",
        "graph=nosuchgraph&vertex=v&hops=1&cap=10&skip=0",
        Read,
    ),
    ("/rpc/explore_column", "job=nosuchjob&column=&ids=v", Read),
    ("/rpc/explore_path", "job=nosuchjob", Read),
    ("/rpc/cancel_job", "id=nosuchjob", Operate),
    (
        "/rpc/cancel_matching",
        "filter[state]=&filter[job_type]=&filter[graph]=nosuchgraph&filter[text]=",
        Operate,
    ),
    ("/rpc/cancel_selected", "ids[0]=nosuchjob", Operate),
    (
        "/rpc/dump_result",
        "id=nosuchjob&export_path=file:///nowhere&access_key=&secret_key=",
        Operate,
    ),
    ("/rpc/rerun_job", "id=nosuchjob", Operate),
    ("/rpc/cancel_queued_hyg", "graph=nosuchgraph", Operate),
    ("/rpc/submit_query", "fields[graph]=nosuchgraph", Operate),
    ("/rpc/submit_dsl", "fields[graph]=nosuchgraph", Operate),
    (
        "/rpc/submit_algorithm",
        "graph=nosuchgraph&name=pagerank&params_json={}",
        Operate,
    ),
    (
        "/rpc/create_visualization_job",
        "job_name=&job_desc=&train_url=&auto_stop_hours=",
        Operate,
    ),
    ("/rpc/stop_visualization_job", "id=999", Operate),
    ("/rpc/restart_visualization_job", "id=999", Operate),
    ("/rpc/delete_visualization_job", "id=999", Operate),
    ("/rpc/clear_graph", "name=nosuchgraph", Administer),
    // A read, but only an admin's: the audit log names other people's actions.
    (
        "/rpc/audit_html",
        "query[user]=&query[trace_name]=&query[resource_type]=&query[resource_id]=&query[rating]=&query[next]=",
        Administer,
    ),
    ("/rpc/delete_graph", "name=nosuchgraph", Administer),
    // Multipart (the import form with its files): sent as such below.
    ("/rpc/upload_import", "", Administer),
];

/// A multipart import form with no files and a graph name that is refused.
const UPLOAD: &str =
    "--b0\r\nContent-Disposition: form-data; name=\"form[graph]\"\r\n\r\n9lives\r\n--b0--\r\n";

#[tokio::test]
async fn every_server_function_allows_exactly_the_roles_that_may_use_it() {
    let app = spawn_app().await;
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let listed: BTreeSet<String> = FUNCTIONS.iter().map(|(p, _, _)| (*p).to_owned()).collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row: {missing:?}"
    );
    let extra: Vec<_> = listed.difference(&registered).collect();
    assert!(
        extra.is_empty(),
        "rows that are no server function: {extra:?}"
    );

    // What the console's audit records is exactly what changes something, and signing in and
    // out: a new function that changes something cannot be left out of the audit log.
    let audited: BTreeSet<String> = app::audited_paths().map(str::to_owned).collect();
    let changing: BTreeSet<String> = FUNCTIONS
        .iter()
        .filter(|(p, _, need)| {
            (matches!(need, Operate | Administer) && *p != "/rpc/audit_html")
                || ["/rpc/sign_in", "/rpc/sign_out"].contains(p)
        })
        .map(|(p, _, _)| (*p).to_owned())
        .collect();
    assert_eq!(audited, changing, "the console audit's functions");

    for role in Role::ALL {
        let token = app.token_as(role).await;
        for (path, args, need) in FUNCTIONS {
            let mut req = app
                .client
                .post(app.url(path))
                .header("Cookie", format!("gj_session={token}"));
            req = if *path == "/rpc/upload_import" {
                req.header("Content-Type", "multipart/form-data; boundary=b0")
                    .body(UPLOAD)
            } else {
                req.header("Content-Type", "application/x-www-form-urlencoded")
                    .body(*args)
            };
            let r = req.send().await.unwrap();
            let status = r.status().as_u16();
            let body = r.text().await.unwrap();
            let allowed = match need {
                Session | Read => true,
                Operate => role >= Role::Operator,
                Administer => role == Role::Admin,
            };
            if allowed {
                assert!(
                    status != 403 && !body.contains("Forbidden"),
                    "{role} was refused {path}: {status} {body}"
                );
                // The arguments were understood: the function ran (a call it could not
                // decode would say so, or be a 415).
                assert!(
                    !body.contains("server function arguments")
                        && !body.contains("missing argument")
                        && status != 415,
                    "{role} {path}: {status} {body}"
                );
            } else {
                assert_eq!(status, 403, "{role} {path}: {body}");
                let refused: serde_json::Value = serde_json::from_str(&body).unwrap();
                let message = refused["Forbidden"].as_str().unwrap_or_default();
                assert!(
                    message.contains(&format!("is {role}")) && message.contains(PROJECT),
                    "{role} {path}: {body}"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_session_tells_the_console_its_role() {
    let app = spawn_app().await;
    for role in Role::ALL {
        let token = app.token_as(role).await;
        let r = app
            .client
            .post(app.url("/rpc/current_project"))
            .header("Cookie", format!("gj_session={token}"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["role"], role.as_str(), "{body}");
    }
}
