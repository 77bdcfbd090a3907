//! CSV import throughput: the edge list written as GES CSV (XML schema, vertex file, edge file),
//! loaded with `engine::graph::import`, against a plain read of the same bytes.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use engine::graph::{ImportOptions, import};
use engine::job::control::JobControl;
use serde_json::{Value, json};

use crate::kron::KronGraph;
use crate::measure::repeat;

const SCHEMA: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<PMML version="3.0" xmlns="http://www.dmg.org/PMML-3-0" xmlns:xsi="http://www.w3.org/2001/XMLSchema_instance">
  <labels>
    <label name="vertex"></label>
    <label name="edge">
      <properties>
        <property name="weight" cardinality="single" dataType="int"/>
      </properties>
    </label>
  </labels>
</PMML>
"#;

/// The three GES files for `g` under `dir`.
pub(crate) fn write_ges(g: &KronGraph, dir: &Path) -> std::io::Result<[PathBuf; 3]> {
    std::fs::create_dir_all(dir)?;
    let [schema, vertices, edges] =
        ["schema.xml", "vertices.csv", "edges.csv"].map(|f| dir.join(f));
    std::fs::write(&schema, SCHEMA)?;
    let mut out = BufWriter::new(std::fs::File::create(&vertices)?);
    for v in 0..g.n {
        writeln!(out, "{v},vertex")?;
    }
    out.flush()?;
    let mut out = BufWriter::new(std::fs::File::create(&edges)?);
    for &(u, v, w) in &g.edges {
        writeln!(out, "{u},{v},edge,{w}")?;
    }
    out.flush()?;
    Ok([schema, vertices, edges])
}

/// Reads every byte of `paths` and counts the lines, so the bytes are really touched.
fn raw_read(paths: &[PathBuf]) -> std::io::Result<usize> {
    let mut lines = 0;
    for p in paths {
        lines += std::fs::read(p)?.iter().filter(|&&b| b == b'\n').count();
    }
    Ok(lines)
}

/// Times the import and the raw read (files warm in the page cache for both: the raw read
/// runs first), and returns the JSON figures.
pub(crate) fn bench(
    g: &KronGraph,
    dir: &Path,
    runs: usize,
    budget: Duration,
) -> Result<Value, Box<dyn std::error::Error>> {
    let [schema, vertices, edges] = write_ges(g, dir)?;
    let data = [vertices.clone(), edges.clone()];
    let bytes: u64 = data
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()))
        .sum::<std::io::Result<u64>>()?;
    let (raw, lines) = repeat(runs, budget, || raw_read(&data));
    let lines = lines?;
    let opts = ImportOptions {
        schema_paths: vec![schema],
        vertex_paths: vec![vertices],
        edge_paths: vec![edges],
        ..ImportOptions::default()
    };
    let (imported, last) = repeat(runs, budget, || import(None, &opts, &JobControl::new()));
    let (graph, report) = last?;
    let mb = bytes as f64 / 1e6;
    Ok(json!({
        "bytes": bytes,
        "lines": lines,
        "failed_lines": report.failed_lines(),
        "vertices": graph.vertex_count(),
        "edges": graph.edge_count(),
        "import_s": imported.median(),
        "import_runs": imported.0.len(),
        "import_runs_s": imported.0,
        "import_mb_per_s": mb / imported.median(),
        "import_edges_per_s": g.edges.len() as f64 / imported.median(),
        "raw_read_s": raw.median(),
        "raw_read_mb_per_s": mb / raw.median(),
        "raw_over_import": imported.median() / raw.median(),
    }))
}
