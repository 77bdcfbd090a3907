//! The demo project: on first start with `--demo`, project `demo` gets graph `movie`, loaded
//! through the same import job as any user import. The files ship in the repo (`demo/movie/`)
//! and inside the binary, so the server needs no working directory.

use engine::{Engine, JobFilter, JobKind, JobSpec, JobState, JobType};
use serde_json::json;

/// Demo project id.
pub const PROJECT: &str = "demo";
/// Demo graph name.
pub const GRAPH: &str = "movie";

const FILES: [(&str, &str); 3] = [
    ("schema.xml", include_str!("../../demo/movie/schema.xml")),
    (
        "vertices.csv",
        include_str!("../../demo/movie/vertices.csv"),
    ),
    ("edges.csv", include_str!("../../demo/movie/edges.csv")),
];

/// Queues the demo import unless the graph exists or an import of it is already pending.
/// Returns the import job id when one was queued.
pub async fn ensure(engine: &Engine) -> engine::Result<Option<String>> {
    if engine.graph(PROJECT, GRAPH).await.is_ok() {
        return Ok(None);
    }
    let pending = JobFilter {
        graph: Some(GRAPH.into()),
        states: vec![JobState::Queued, JobState::Running],
        job_types: vec![JobType::ImportGraph],
        offset: 0,
        limit: 1,
        ..Default::default()
    };
    if engine.jobs(PROJECT, &pending).await?.total > 0 {
        return Ok(None);
    }
    let dir = engine.config().data_dir.join("demo").join(GRAPH);
    std::fs::create_dir_all(&dir)?;
    for (name, text) in FILES {
        std::fs::write(dir.join(name), text)?;
    }
    let dir = dir.canonicalize()?;
    let path = |name: &str| format!("file://{}", dir.join(name).display());
    let import = engine::job::ImportSpec {
        schema_paths: vec![path("schema.xml")],
        vertex_paths: vec![path("vertices.csv")],
        edge_paths: vec![path("edges.csv")],
        ..Default::default()
    };
    let request = json!({"schemaPath": import.schema_paths[0], "vertexsetPath": import.vertex_paths[0],
                         "edgesetPath": import.edge_paths[0]});
    let job = engine
        .submit(
            PROJECT,
            JobSpec::new(GRAPH, JobKind::ImportGraph(import), request),
        )
        .await?;
    tracing::info!(job = %job.id, "queued the demo graph import");
    Ok(Some(job.id.0))
}
