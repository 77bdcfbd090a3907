//! export-graph (REFERENCE §5.2/§5.3): write a graph as the three GES files below a prefix —
//! the schema XML (`schemaName`), the vertices (`vertexSetName`) and the edges (`edgeSetName`)
//! in the headerless CSV the importer reads (`id,label,props…` / `src,dst,label,props…`, list
//! values joined with `;`).
//!
//! With `paginate.enable` (the default, as documented since 2.3.11) the set names are folders
//! holding `part-00000.csv`, `part-00001.csv`, … of at most `rowCountPerFile` rows each (so a
//! folder is a valid import path); without it they are single files. `manifest.json` is written
//! last (any earlier one deleted first), so an interrupted export never looks complete.
//! `numThread` is accepted and ignored: rows are rendered in batches on one blocking thread.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::engine::{Engine, graph_missing};
use crate::graph::Graph;
use crate::job::control::JobControl;
use crate::job::store::JobStore;
use crate::job::store::Outcome;
use crate::job::{FailKind, JobRecord};
use crate::obs::sink::{Sink, reason};
use crate::obs::writer::{ObjectWriter, csv_field};
use crate::obs::{Location, ObsCredentials};
use crate::{Error, Result, time_fmt};

/// Default `rowCountPerFile` (REFERENCE §5.2).
pub const DEFAULT_ROWS_PER_FILE: u64 = 10_000_000;
/// Rows rendered per blocking step.
const BATCH: usize = 50_000;

/// What an export-graph job does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportGraphSpec {
    /// `graphExportPath` as sent.
    pub export_path: String,
    /// `schemaName` (a file name).
    pub schema_name: String,
    /// `vertexSetName` (a folder with pagination, else a file).
    pub vertex_set_name: String,
    /// `edgeSetName` (a folder with pagination, else a file).
    pub edge_set_name: String,
    /// `paginate.enable`.
    pub paginate: bool,
    /// `paginate.rowCountPerFile` (≥ 1).
    pub row_count_per_file: u64,
}

/// Submit-time checks: names are single path segments, rows per file ≥ 1, the path is valid.
pub(crate) fn validate(
    engine: &Engine,
    project: &str,
    spec: &ExportGraphSpec,
    has_credentials: bool,
) -> Result<()> {
    for (param, name) in [
        ("schemaName", &spec.schema_name),
        ("vertexSetName", &spec.vertex_set_name),
        ("edgeSetName", &spec.edge_set_name),
    ] {
        let ok = !name.is_empty()
            && name.len() <= 255
            && !matches!(name.as_str(), "." | ".." | "manifest.json")
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!-_.*'()".contains(c));
        if !ok {
            return Err(Error::invalid(format!(
                "parameter [{param}] [{name}] is invalid: 1-255 of 0-9 a-z A-Z ! - _ . * ' ( )"
            )));
        }
    }
    let names = [
        &spec.schema_name,
        &spec.vertex_set_name,
        &spec.edge_set_name,
    ];
    if names[0] == names[1] || names[0] == names[2] || names[1] == names[2] {
        return Err(Error::invalid(
            "parameters [schemaName], [vertexSetName] and [edgeSetName] must differ",
        ));
    }
    if spec.row_count_per_file == 0 {
        return Err(Error::invalid(
            "parameter [paginate.rowCountPerFile] must be at least 1",
        ));
    }
    crate::obs::check_path(engine, project, &spec.export_path, has_credentials)
}

fn failed(reason: String) -> Outcome {
    Outcome::Failed {
        kind: FailKind::ExportFailed,
        reason: format!("export-graph failed: {reason}"),
        detail: None,
    }
}

/// Runs the export.
pub(crate) async fn run(
    engine: &Engine,
    job: &JobRecord,
    spec: &ExportGraphSpec,
    creds: Option<ObsCredentials>,
    ctl: &JobControl,
) -> Result<Outcome> {
    let Some(info) = engine.store().graph(&job.project, &job.graph).await? else {
        return Ok(failed(graph_missing(&job.graph).to_string()));
    };
    let location = match Location::parse(&spec.export_path) {
        Ok(l) => l,
        Err(e) => return Ok(failed(e.to_string())),
    };
    if location.is_bucket() && creds.is_none() {
        return Ok(failed(crate::obs::vault::LOST.into()));
    }
    let sink = match Sink::open(engine, &job.project, &location, creds.as_ref()) {
        Ok(s) => s,
        Err(e) => return Ok(failed(e.to_string())),
    };
    let (engine2, project, name) = (engine.clone(), job.project.clone(), job.graph.clone());
    let version = info.version;
    let graph =
        tokio::task::spawn_blocking(move || engine2.catalog().get(&project, &name, version))
            .await
            .map_err(|e| Error::Internal(format!("graph loader: {e}")))??;
    match write_all(&sink, spec, graph, ctl).await {
        Ok(Some(manifest)) => Ok(Outcome::Succeeded {
            result_total: 0,
            graph_version: Some(version),
            detail: Some(json!({"exportPath": sink.shown, "files": manifest["files"]})),
            partial: false,
            graph_change: None,
        }),
        Ok(None) => Ok(Outcome::Cancelled),
        Err(why) => Ok(failed(why)),
    }
}

/// Which rows a set holds.
#[derive(Clone, Copy)]
enum Set {
    Vertices,
    Edges,
}

async fn write_all(
    sink: &Sink,
    spec: &ExportGraphSpec,
    graph: Arc<Graph>,
    ctl: &JobControl,
) -> std::result::Result<Option<Value>, String> {
    let err = |e: object_store::Error| reason("writing", &sink.shown, &e);
    sink.preflight().await?;
    let manifest_key = sink.key("manifest.json");
    match sink.store.delete(&manifest_key).await {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
        Err(e) => return Err(reason("deleting the old manifest at", &sink.shown, &e)),
    }
    let mut files = Vec::new();
    let mut w = ObjectWriter::new(sink.store.clone(), sink.key(&spec.schema_name));
    w.write(graph.schema().to_xml().as_bytes())
        .await
        .map_err(err)?;
    let written = w.finish().await.map_err(err)?;
    files.push(json!({"name": spec.schema_name, "bytes": written.bytes}));

    let (nv, ne) = (graph.vertex_count(), graph.edge_count());
    let total = (nv + ne) as u64 + 1;
    let mut done = 0u64;
    for (set, set_name, rows) in [
        (Set::Vertices, &spec.vertex_set_name, nv),
        (Set::Edges, &spec.edge_set_name, nv),
    ] {
        // Edges are rendered per source vertex, so both sets walk the vertices.
        let per_file = if spec.paginate {
            spec.row_count_per_file
        } else {
            u64::MAX
        };
        let mut part = 0usize;
        let mut in_file = 0u64;
        let name_of = |part: usize| {
            if spec.paginate {
                format!("{set_name}/part-{part:05}.csv")
            } else {
                set_name.clone()
            }
        };
        let mut w = ObjectWriter::new(sink.store.clone(), sink.key(&name_of(0)));
        let mut v = 0usize;
        while v < rows {
            if ctl.is_cancelled() {
                w.abort().await;
                return Ok(None);
            }
            let end = (v + BATCH).min(rows);
            let g = graph.clone();
            let lines: Vec<Vec<u8>> = tokio::task::spawn_blocking(move || render(&g, set, v..end))
                .await
                .map_err(|e| format!("rendering rows: {e}"))?;
            for line in lines {
                if in_file == per_file {
                    let finished = std::mem::replace(
                        &mut w,
                        ObjectWriter::new(sink.store.clone(), sink.key(&name_of(part + 1))),
                    );
                    let written = finished.finish().await.map_err(err)?;
                    files.push(
                        json!({"name": name_of(part), "bytes": written.bytes, "rows": in_file}),
                    );
                    part += 1;
                    in_file = 0;
                }
                if let Err(e) = w.write(&line).await {
                    w.abort().await;
                    return Err(err(e));
                }
                in_file += 1;
                done += 1;
            }
            ctl.set_progress(done, total);
            v = end;
        }
        // An empty set is still written (an empty file), so the folder exists for import.
        let written = w.finish().await.map_err(err)?;
        files.push(json!({"name": name_of(part), "bytes": written.bytes, "rows": in_file}));
    }
    let manifest = json!({
        "format": "graphjobs-graph-export/1",
        "complete": true,
        "vertices": nv,
        "edges": ne,
        "schemaName": spec.schema_name,
        "vertexSetName": spec.vertex_set_name,
        "edgeSetName": spec.edge_set_name,
        "createdAt": time_fmt::rfc3339(time_fmt::now()),
        "files": files,
    });
    let mut w = ObjectWriter::new(sink.store.clone(), manifest_key);
    w.write(&serde_json::to_vec_pretty(&manifest).expect("json"))
        .await
        .map_err(err)?;
    w.finish().await.map_err(err)?;
    ctl.set_progress(total, total);
    Ok(Some(manifest))
}

/// CSV lines of the vertices `range` (one each) or of their out-edges (one per edge).
fn render(g: &Graph, set: Set, range: std::ops::Range<usize>) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for v in range {
        let v = v as u32;
        match set {
            Set::Vertices => {
                let mut line = Vec::with_capacity(64);
                csv_field(&mut line, g.vertex_name(v));
                line.push(b',');
                csv_field(&mut line, g.vertex_label(v));
                props(&mut line, &g.vertex_properties(v));
                line.push(b'\n');
                out.push(line);
            }
            Set::Edges => {
                let targets = g.out_neighbors(v);
                for (i, k) in g.out_edge_range(v).enumerate() {
                    let mut line = Vec::with_capacity(64);
                    csv_field(&mut line, g.vertex_name(v));
                    line.push(b',');
                    csv_field(&mut line, g.vertex_name(targets[i]));
                    line.push(b',');
                    csv_field(&mut line, g.edge_label(k));
                    props(&mut line, &g.edge_properties(k));
                    line.push(b'\n');
                    out.push(line);
                }
            }
        }
    }
    out
}

fn props(line: &mut Vec<u8>, props: &[(String, Vec<String>)]) {
    for (_, values) in props {
        line.push(b',');
        csv_field(line, &values.join(";"));
    }
}
