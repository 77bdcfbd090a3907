//! Hostile input (issue #7): per endpoint family, a table of bad requests — malformed JSON,
//! wrong types, huge and negative numbers, unicode (emoji, RTL, NUL, lone surrogates), 10 MB
//! strings, path traversal in every path-like field, header injection, bogus content types —
//! each answered with the documented status and code in its surface's envelope. After each
//! table nothing stored has changed: the graph keeps its counts and version, no job (and no
//! visualization job, no object in the bucket) was created, and the jobs stored before still
//! read back. Cases `errors.rs` already covers are not repeated.
//!
//! Requests go over a raw TCP connection ([`wire`]), so the bytes in a table are the bytes on
//! the wire: reqwest would resolve `..` out of paths and refuses CR/LF in header values. One
//! file per family; [`http_layer`] holds what hyper refuses before the router sees it.

mod algorithm;
mod http_layer;
mod hyg_cloud;
mod import_export;
mod management;
mod queries_jobs;
mod visualization;
mod wire;

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{PROJECT, TestApp};
use crate::obs_app::spawn_obs_app;
use crate::s3::S3Server;
use wire::{check, send};

const TEN_MB: usize = 10 * 1024 * 1024;
/// 2^64: one more than any u64.
const TWO_64: &str = "18446744073709551616";

/// One request and what it must be answered with.
#[derive(Clone)]
struct Case {
    method: &'static str,
    /// Request target, sent verbatim.
    target: String,
    headers: Vec<(&'static str, Vec<u8>)>,
    body: Vec<u8>,
    /// Send the fixture's `X-Auth-Token`.
    token: bool,
    want_status: u16,
    /// The envelope's code; `""` for a request that must succeed (`200`, JSON) and change
    /// nothing.
    want_code: &'static str,
    /// Text the error message must contain (says the refusal is for the right reason).
    needle: Option<String>,
}

fn case(method: &'static str, target: impl Into<String>) -> Case {
    Case {
        method,
        target: target.into(),
        headers: Vec::new(),
        body: Vec::new(),
        token: true,
        want_status: 400,
        want_code: "",
        needle: None,
    }
}

fn get(target: impl Into<String>) -> Case {
    case("GET", target)
}

fn post(target: impl Into<String>) -> Case {
    case("POST", target)
}

fn put(target: impl Into<String>) -> Case {
    case("PUT", target)
}

fn delete(target: impl Into<String>) -> Case {
    case("DELETE", target)
}

impl Case {
    fn json(mut self, body: Value) -> Self {
        self.body = body.to_string().into_bytes();
        self
    }

    /// A body sent as these bytes (malformed JSON, escapes serde_json would never write).
    fn raw(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    fn header(mut self, name: &'static str, value: impl Into<Vec<u8>>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    fn anonymous(mut self) -> Self {
        self.token = false;
        self
    }

    fn want(mut self, status: u16, code: &'static str) -> Self {
        self.want_status = status;
        self.want_code = code;
        self
    }

    /// 400 with `code`.
    fn code(self, code: &'static str) -> Self {
        self.want(400, code)
    }

    /// 400 with `code`, the message saying `needle`.
    fn refused(self, code: &'static str, needle: impl Into<String>) -> Self {
        self.code(code).says(needle)
    }

    /// Must succeed (and change nothing).
    fn accepted(self) -> Self {
        self.want(200, "")
    }

    fn says(mut self, needle: impl Into<String>) -> Self {
        self.needle = Some(needle.into());
        self
    }

    fn describe(&self) -> String {
        let cut = |s: &str| -> String {
            if s.chars().count() > 160 {
                format!(
                    "{}… ({} bytes)",
                    s.chars().take(160).collect::<String>(),
                    s.len()
                )
            } else {
                s.to_owned()
            }
        };
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(n, v)| format!("{n}: {:?}", cut(&String::from_utf8_lossy(v))))
            .collect();
        format!(
            "{} {}{}{} body {:?}",
            self.method,
            cut(&self.target),
            if self.token { "" } else { " (no token)" },
            if headers.is_empty() {
                String::new()
            } else {
                format!(" [{}]", headers.join(", "))
            },
            cut(&String::from_utf8_lossy(&self.body)),
        )
    }
}

/// `len` bytes of padding (a 10 MB field, a 60 KB path segment).
fn huge(len: usize) -> String {
    "x".repeat(len)
}

/// A server with a bucket, the tiny graph, a pagerank result, a synced HyG view and a
/// visualization job: something stored for every family to leave alone.
struct Fixture {
    app: TestApp,
    s3: S3Server,
    import: String,
    pagerank: String,
    viz: i64,
    /// `file://` folder of the tiny graph's input files.
    input: String,
    /// The data dir (inside the allowed roots).
    data: String,
}

async fn fixture() -> Fixture {
    let s3 = S3Server::start(&["dumps"]).await;
    let app = spawn_obs_app(Some(&s3.endpoint)).await;
    let import = app.import_tiny("tiny").await;
    let pagerank = app.pagerank("tiny").await;
    let hyg = app.url(&format!("/ges/v1.0/{PROJECT}/hyg/tiny"));
    let (code, body) = app.post(&hyg, &json!({})).await;
    assert_eq!(code, 200, "{body}");
    let (code, body) = app
        .post(
            &format!("{hyg}/sync"),
            &json!({"vertex": [{"label": "person", "property": ["Name"]}], "edge": []}),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    app.wait_engine_job(body["jobId"].as_str().unwrap()).await;
    let train = app.data.path().join("train");
    std::fs::create_dir_all(&train).unwrap();
    std::fs::write(train.join("vertices.csv"), "id,pagerank\na,0.5\n").unwrap();
    let (code, body) = app
        .post(
            &app.url(&format!("/v1/{PROJECT}/visualization-jobs")),
            &json!({"job_name": "keep", "train_url": format!("file://{}/", train.display())}),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let viz = body["job_id"].as_i64().unwrap();
    let data = app.data.path().display().to_string();
    let input = format!("file://{data}/in/tiny");
    Fixture {
        app,
        s3,
        import,
        pagerank,
        viz,
        input,
        data,
    }
}

/// Everything a refused request must not touch.
#[derive(Debug, PartialEq)]
struct Stored {
    graphs: Vec<(String, i64, u64, u64)>,
    jobs: u64,
    viz: Vec<(i64, String, String)>,
    hyg: Vec<(String, bool, u64)>,
    objects: Vec<String>,
}

async fn stored(fx: &Fixture) -> Stored {
    let e = &fx.app.engine;
    let graphs = e.graphs(PROJECT).await.unwrap();
    let viz = e
        .visualization_jobs(PROJECT, &Default::default())
        .await
        .unwrap();
    Stored {
        graphs: graphs
            .into_iter()
            .map(|g| (g.name, g.version, g.vertices, g.edges))
            .collect(),
        jobs: e.jobs(PROJECT, &Default::default()).await.unwrap().total,
        viz: viz
            .jobs
            .into_iter()
            .map(|j| (j.id, j.name, j.desc))
            .collect(),
        hyg: e
            .hyg_views(PROJECT)
            .await
            .unwrap()
            .into_iter()
            .map(|v| (v.name, v.synced, v.vertex_num))
            .collect(),
        objects: fx.s3.keys("dumps", "").await,
    }
}

/// The jobs stored before still read back on their surfaces.
async fn read_back(fx: &Fixture) {
    let app = &fx.app;
    let status = app
        .wait_status("tiny", &fx.pagerank, "?offset=0&limit=10")
        .await;
    assert_eq!(status["status"], "success", "{status}");
    assert_eq!(status["data"]["outputs"]["data_total_size"], 4, "{status}");
    let (code, cloud) = app
        .get(&app.url(&format!("/v1/{PROJECT}/jobs/{}", fx.import)))
        .await;
    assert_eq!(
        (code, &cloud["status"]),
        (200, &json!("SUCCESS")),
        "{cloud}"
    );
    assert_eq!(cloud["entities"]["sub_jobs_total"], 3, "{cloud}");
    let (code, v2) = app
        .get(&app.url(&format!(
            "/v2/{PROJECT}/graphs/tiny/jobs/{}/status",
            fx.import
        )))
        .await;
    assert_eq!((code, &v2["status"]), (200, &json!("success")), "{v2}");
    let (code, viz) = app
        .get(&app.url(&format!("/v1/{PROJECT}/visualization-jobs/{}", fx.viz)))
        .await;
    assert_eq!((code, &viz["job_name"]), (200, &json!("keep")), "{viz}");
    let (code, summary) = app
        .get(&app.url(&format!("/ges/v1.0/{PROJECT}/hyg/tiny/summary")))
        .await;
    assert_eq!(
        (code, &summary["data"]["vertexNum"]),
        (200, &json!(4)),
        "{summary}"
    );
}

/// Runs every case, then checks that nothing stored changed and the old jobs still read back.
/// All failures are reported at once, each with its case.
async fn run(fx: &Fixture, family: &str, cases: Vec<Case>) {
    let before = stored(fx).await;
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if let Err(why) = send(&fx.app, case).await.and_then(|r| check(case, &r)) {
            failures.push(format!("  #{i} {}\n     -> {why}", case.describe()));
        }
    }
    assert!(
        failures.is_empty(),
        "{family}: {} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    // Give a wrongly queued job the time to run and show up in the graph.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let after = stored(fx).await;
    assert_eq!(
        before, after,
        "{family}: stored data changed (left: before, right: after)"
    );
    read_back(fx).await;
    eprintln!("{family}: {} cases", cases.len());
}

fn ges(rest: &str) -> String {
    format!("/ges/v1.0/{PROJECT}{rest}")
}

/// Bodies every JSON endpoint must refuse as malformed.
fn malformed() -> Vec<Vec<u8>> {
    let mut deep = b"{\"a\":".to_vec();
    deep.extend(std::iter::repeat_n(b'[', 10_000));
    vec![
        b"{\"a\":1,}".to_vec(),
        b"{\"a\":}".to_vec(),
        b"{}{}".to_vec(),
        "\u{feff}{}".as_bytes().to_vec(),
        b"{\"a\":\"\xff\xfe\"}".to_vec(),
        b"{\"a\":\"\\ud800\"}".to_vec(),
        b"{\"a\":\"\\udfff\\ud800\"}".to_vec(),
        b"{\"a\":NaN}".to_vec(),
        deep,
    ]
}

/// Local and bucket paths that must be refused wherever a path goes (`data` is the data dir,
/// inside the allowed roots): traversal, absolute paths outside the roots, other schemes.
fn traversals(data: &str) -> Vec<String> {
    [
        "/etc/passwd",
        "file:///etc/passwd",
        "file:///proc/self/environ",
        "file:///",
        "file:///etc/..%2Fpasswd",
        "file://localhost/etc/passwd",
        "file:/etc/passwd",
        "file:///😀/e.csv",
        "obs://dumps/../etc/passwd",
        "dumps/a/../../b.csv",
        "s3://dumps/%2e%2e/x.csv",
        "obs://../etc",
        "dumps/😀.csv",
        "dumps/\u{202e}vsc.e",
        "dumps/a\u{0}b.csv",
        "C:\\Windows\\win.ini",
        "\\\\server\\share\\e.csv",
        "http://169.254.169.254/latest/meta-data",
    ]
    .into_iter()
    .map(str::to_owned)
    .chain([
        format!("{data}/../etc/passwd"),
        format!("file://{data}/in/tiny/../../../../../etc/passwd"),
        format!("file://{data}/in/tiny/e.csv\u{0}/../../../../../etc/passwd"),
        format!("file://{data}/./in/../../etc"),
    ])
    .collect()
}
