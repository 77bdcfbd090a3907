//! Roles on every console server function, over HTTP with the session cookie, as the browser
//! calls them: a function that changes something refuses a role below its own with 403
//! (`AppError::Forbidden`), whatever the page showed; reads answer every role.
//!
//! [`FUNCTIONS`] names each function by its type (`app::ServerFunction`, whose path is the
//! type's `<F as ServerFn>::PATH`), so a renamed function breaks this test's build, not its
//! meaning. It is checked against the server functions the server registered
//! (`server_fn_paths`), so a new one cannot be left out, and against the functions the
//! console's audit records (every one that changes something, and signing in and out).

use std::collections::BTreeSet;

use app::ServerFunction as F;
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

/// Every server function: its type, a url-encoded call (the arguments it takes, naming
/// nothing that exists, so an allowed call changes nothing), and what it needs.
const FUNCTIONS: &[(F, &str, Need)] = &[
    (F::SignIn, "token=gjt_nothing", Session),
    (F::SignOut, "", Session),
    (F::CurrentProject, "", Session),
    (F::SwitchProject, "project=p1", Session),
    (F::OverviewLive, "html=true", Read),
    (
        F::ListJobs,
        "filter[state]=&filter[job_type]=&filter[graph]=&filter[text]=&offset=0&limit=10",
        Read,
    ),
    (
        F::JobLive,
        "id=nosuchjob&window[offset]=0&window[limit]=10&rejected=0&sections=true",
        Read,
    ),
    (
        F::CountCancellable,
        "filter[state]=&filter[job_type]=&filter[graph]=nosuchgraph&filter[text]=",
        Read,
    ),
    (F::GraphListHtml, "", Read),
    (F::GraphHtml, "name=nosuchgraph", Read),
    (
        F::CenterLive,
        "status=&page[number]=1&page[size]=10&html=true",
        Read,
    ),
    (F::HygViewsHtml, "", Read),
    (F::QueryFormHtml, "fields[graph]=&error=", Read),
    (F::DslFormHtml, "fields[graph]=&error=", Read),
    (
        F::VizListLive,
        "query[page]=1&query[status]=&query[text]=&html=true",
        Read,
    ),
    (F::VizJobLive, "id=999&html=true&shown=0", Read),
    (F::VizJobHtml, "id=999", Read),
    (F::ListGraphs, "", Read),
    (F::RunFormHtml, "", Read),
    (F::PaletteHtml, "text=", Read),
    (
        F::ExploreNeighbourhood,
        "graph=nosuchgraph&vertex=v&hops=1&cap=10&skip=0",
        Read,
    ),
    (F::ExploreColumn, "job=nosuchjob&column=&ids=v", Read),
    (F::ExplorePath, "job=nosuchjob", Read),
    (F::CancelJob, "id=nosuchjob", Operate),
    (
        F::CancelMatching,
        "filter[state]=&filter[job_type]=&filter[graph]=nosuchgraph&filter[text]=",
        Operate,
    ),
    (F::CancelSelected, "ids[0]=nosuchjob", Operate),
    (
        F::DumpResult,
        "id=nosuchjob&export_path=file:///nowhere&access_key=&secret_key=",
        Operate,
    ),
    (F::RerunJob, "id=nosuchjob", Operate),
    (F::CancelQueuedHyg, "graph=nosuchgraph", Operate),
    (F::SubmitQuery, "fields[graph]=nosuchgraph", Operate),
    (F::SubmitDsl, "fields[graph]=nosuchgraph", Operate),
    (
        F::SubmitAlgorithm,
        "graph=nosuchgraph&name=pagerank&params_json={}",
        Operate,
    ),
    (
        F::CreateVizJob,
        "job_name=&job_desc=&train_url=&auto_stop_hours=",
        Operate,
    ),
    (F::StopVizJob, "id=999", Operate),
    (F::RestartVizJob, "id=999", Operate),
    (F::DeleteVizJob, "id=999", Operate),
    (F::ClearGraph, "name=nosuchgraph", Administer),
    // A read, but only an admin's: the audit log names other people's actions.
    (
        F::AuditHtml,
        "query[user]=&query[trace_name]=&query[resource_type]=&query[resource_id]=&query[rating]=&query[next]=",
        Administer,
    ),
    (F::DeleteGraph, "name=nosuchgraph", Administer),
    // Multipart (the import form with its files): sent as such below.
    (F::UploadImport, "", Administer),
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
    let listed: BTreeSet<String> = FUNCTIONS
        .iter()
        .map(|(f, _, _)| f.path().to_owned())
        .collect();
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
        .filter(|(f, _, need)| {
            (matches!(need, Operate | Administer) && *f != F::AuditHtml)
                || [F::SignIn, F::SignOut].contains(f)
        })
        .map(|(f, _, _)| f.path().to_owned())
        .collect();
    assert_eq!(audited, changing, "the console audit's functions");

    for role in Role::ALL {
        let token = app.token_as(role).await;
        for (f, args, need) in FUNCTIONS {
            let path = f.path();
            let mut req = app
                .client
                .post(app.url(path))
                .header("Cookie", format!("gj_session={token}"));
            req = if *f == F::UploadImport {
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
            .post(app.url(F::CurrentProject.path()))
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
