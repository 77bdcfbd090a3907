//! The CSV importer on arbitrary files: the input is split at the first two 0xFF bytes into a
//! schema, a vertex file and an edge file. Bad rows are rejected and counted, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

const SCHEMA: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<PMML version="3.0"><labelList>
<label name="user"><properties>
<property name="age" cardinality="single" dataType="int"/>
<property name="tags" cardinality="list" dataType="string"/>
<property name="score" cardinality="single" dataType="double"/>
</properties></label>
<label name="rate"><properties>
<property name="when" cardinality="single" dataType="date"/>
<property name="w" cardinality="single" dataType="float"/>
</properties></label>
</labelList></PMML>"#;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0xFF);
    let (a, b, c) = (parts.next(), parts.next(), parts.next());
    let (schema, vertices, edges) = match (a, b, c) {
        (Some(v), None, None) => (SCHEMA.as_bytes(), v, &b""[..]),
        (Some(v), Some(e), None) => (SCHEMA.as_bytes(), v, e),
        (Some(s), Some(v), Some(e)) => (s, v, e),
        _ => return,
    };
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let opts = engine::graph::ImportOptions {
        schema_paths: vec![write("schema.xml", schema)],
        vertex_paths: vec![write("v.csv", vertices)],
        edge_paths: vec![write("e.csv", edges)],
        log_dir: Some(dir.path().join("log")),
        ..Default::default()
    };
    let ctl = engine::job::control::JobControl::new();
    if let Ok((graph, report)) = engine::graph::import(None, &opts, &ctl) {
        let rows: u64 = report.files.iter().skip(1).map(|f| f.successful_lines).sum();
        assert!(graph.vertex_count() as u64 + graph.edge_count() as u64 <= rows * 3 + 3);
    }
});
