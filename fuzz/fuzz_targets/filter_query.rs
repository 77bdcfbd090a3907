//! The vertex/edge filter-query parser (REFERENCE §4) on arbitrary JSON bodies, and every
//! query it accepts run against a small graph with single, numeric and set properties: an
//! error naming the problem or an answer within `limit`, never a panic.
#![no_main]
use std::sync::OnceLock;

use engine::graph::{Graph, ImportOptions, import};
use engine::job::control::JobControl;
use engine::query::{QuerySpec, QueryTarget, run};
use libfuzzer_sys::fuzz_target;

const SCHEMA: &str = r#"<PMML version="3.0"><labels>
  <label name="user"><properties>
    <property name="Name" cardinality="single" dataType="string"/>
    <property name="Age" cardinality="single" dataType="int"/>
    <property name="Tags" cardinality="set" dataType="string"/>
    <property name="Born" cardinality="single" dataType="date"/>
  </properties></label>
  <label name="rate"><properties>
    <property name="Score" cardinality="single" dataType="double"/>
  </properties></label>
</labels></PMML>"#;

fn graph() -> &'static Graph {
    static GRAPH: OnceLock<Graph> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let w = |n: &str, t: &str| {
            let p = dir.path().join(n);
            std::fs::write(&p, t).unwrap();
            p
        };
        let opts = ImportOptions {
            schema_paths: vec![w("s.xml", SCHEMA)],
            vertex_paths: vec![w(
                "v.csv",
                "ann,user,Ann,25,a;b,1990-01-02 03:04:05\nbob,user,Bob,9,b,\ncyd,user,,31,,2001-05-06 00:00:00\n",
            )],
            edge_paths: vec![w("e.csv", "ann,bob,rate,0.5\nbob,cyd,rate,-2\ncyd,ann,rate,\n")],
            ..Default::default()
        };
        import(None, &opts, &JobControl::new()).unwrap().0
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(body) else {
        return;
    };
    let target = if which % 2 == 0 { QueryTarget::Vertices } else { QueryTarget::Edges };
    let Ok(spec) = QuerySpec::parse(target, &body) else {
        return;
    };
    if let Ok(Some((rows, total))) = run(graph(), &spec, &JobControl::new()) {
        assert!(rows.len() as u64 <= spec.limit, "{} rows for limit {}", rows.len(), spec.limit);
        assert!(rows.len() as u64 <= total, "{} rows of {total}", rows.len());
    }
});
