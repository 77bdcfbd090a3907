//! Builder tests: row validation, vertex replacement, parallel-edge rules.

use super::*;

fn schema() -> Schema {
    Schema::from_xml(
        r#"<PMML><labels>
        <label name="user"><properties>
          <property name="Age" cardinality="single" dataType="int"/></properties></label>
        <label name="rate"><properties>
          <property name="Score" cardinality="single" dataType="int"/></properties></label>
        <label name="friends"/></labels></PMML>"#,
    )
    .unwrap()
}

fn users(names: &[&str]) -> GraphBuilder {
    let mut b = GraphBuilder::new(schema());
    for n in names {
        b.add_vertex(n, "user", &["30"]).unwrap();
    }
    b
}

#[test]
fn rows_are_validated() {
    let mut b = users(&["a", "b"]);
    let err = |r: Result<()>| r.unwrap_err().0;
    assert_eq!(
        err(b.add_edge("a", "zz", "rate", &["1"])),
        "target vertex [zz] does not exist"
    );
    assert_eq!(
        err(b.add_edge("a", "b", "like", &[])),
        "unknown label [like]"
    );
    assert_eq!(
        err(b.add_edge("a", "b", "rate", &[])),
        "label [rate] expects 4 columns (source,target,label and 1 properties), got 3"
    );
    assert_eq!(
        err(b.add_edge("a", "b", "rate", &["x"])),
        "property [Score]: invalid int value [x]"
    );
    assert_eq!(
        b.add_vertex("", "user", &["1"]).unwrap_err().0,
        "empty vertex id"
    );
    assert_eq!(b.edge_count(), 0);
}

#[test]
fn re_adding_a_vertex_replaces_its_properties() {
    let mut b = users(&["a", "b"]);
    assert_eq!(b.add_vertex("a", "user", &["41"]).unwrap(), 0);
    let g = b.build(ParallelEdge::Allow);
    assert_eq!(g.vertex_count(), 2);
    assert_eq!(
        g.vertex_properties(0),
        [("Age".to_string(), vec!["41".to_string()])]
    );
    assert_eq!(
        g.vertex_properties(1),
        [("Age".to_string(), vec!["30".to_string()])]
    );
}

fn edges_of(g: &Graph) -> Vec<(String, String, String, Vec<String>)> {
    let mut out = Vec::new();
    for u in 0..g.vertex_count() as u32 {
        for k in g.out_edge_range(u) {
            let d = g.out_neighbors(u)[k - g.out_edge_range(u).start];
            let props = g
                .edge_properties(k)
                .into_iter()
                .flat_map(|(_, v)| v)
                .collect();
            out.push((
                g.vertex_name(u).to_string(),
                g.vertex_name(d).to_string(),
                g.edge_label(k).to_string(),
                props,
            ));
        }
    }
    out
}

fn parallel(mode: ParallelEdge) -> Vec<(String, String, String, Vec<String>)> {
    let mut b = users(&["a", "b"]);
    b.add_edge("a", "b", "rate", &["1"]).unwrap();
    b.add_edge("a", "b", "friends", &[]).unwrap();
    b.add_edge("a", "b", "rate", &["2"]).unwrap();
    edges_of(&b.build(mode))
}

fn e(label: &str, props: &[&str]) -> (String, String, String, Vec<String>) {
    (
        "a".into(),
        "b".into(),
        label.into(),
        props.iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn parallel_edge_modes() {
    assert_eq!(
        parallel(ParallelEdge::Allow),
        [e("rate", &["1"]), e("friends", &[]), e("rate", &["2"])]
    );
    assert_eq!(
        parallel(ParallelEdge::Ignore { ignore_label: true }),
        [e("rate", &["1"])]
    );
    assert_eq!(
        parallel(ParallelEdge::Ignore {
            ignore_label: false
        }),
        [e("rate", &["1"]), e("friends", &[])]
    );
    assert_eq!(
        parallel(ParallelEdge::Override { ignore_label: true }),
        [e("rate", &["2"])]
    );
    assert_eq!(
        parallel(ParallelEdge::Override {
            ignore_label: false
        }),
        [e("rate", &["2"]), e("friends", &[])]
    );
}

#[test]
fn parallel_rules_apply_against_base_edges() {
    let mut b = users(&["a", "b"]);
    b.add_edge("a", "b", "rate", &["1"]).unwrap();
    b.add_edge("a", "b", "rate", &["5"]).unwrap();
    let base = b.build(ParallelEdge::Allow);
    let with = |mode| {
        let mut b = GraphBuilder::from_graph(&base);
        b.add_edge("a", "b", "rate", &["9"]).unwrap();
        b.add_edge("b", "a", "rate", &["7"]).unwrap();
        edges_of(&b.build(mode))
    };
    let ba = (
        "b".to_string(),
        "a".to_string(),
        "rate".to_string(),
        vec!["7".to_string()],
    );
    // Existing parallel edges are kept under Ignore; the new duplicate is dropped.
    assert_eq!(
        with(ParallelEdge::Ignore { ignore_label: true }),
        [e("rate", &["1"]), e("rate", &["5"]), ba.clone()]
    );
    // Override replaces every existing edge of the group with the new one.
    assert_eq!(
        with(ParallelEdge::Override { ignore_label: true }),
        [e("rate", &["9"]), ba]
    );
    assert_eq!(base.edge_count(), 2, "the base graph is untouched");
}

#[test]
fn a_build_in_parts_is_the_sequential_one() {
    // 100,000 edges among 300 vertices (many parallel ones), half of them in a base graph:
    // enough for the counting sorts to run in several parts.
    let mut x = 11u64;
    let edges: Vec<(u32, u32)> = (0..100_000)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) as u32 % 300, (x >> 45) as u32 % 300)
        })
        .collect();
    let base = Graph::from_edges(300, &edges[..50_000]);
    let build = |threads, mode| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let g = pool.install(|| {
            let mut b = GraphBuilder::from_graph(&base);
            for &(s, d) in &edges[50_000..] {
                b.put_edge(s, d, 1, &RowValues::default()).unwrap();
            }
            b.build(mode)
        });
        (g.out, g.inc, g.in_edge_ids)
    };
    for mode in [
        ParallelEdge::Allow,
        ParallelEdge::Ignore { ignore_label: true },
        ParallelEdge::Override { ignore_label: true },
    ] {
        let (out, inc, ids) = build(4, mode);
        assert!(out.edge_count() > 0);
        assert_eq!((out, inc, ids), build(1, mode), "{mode:?}");
    }
}
