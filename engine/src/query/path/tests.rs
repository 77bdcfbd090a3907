//! Path queries over a small graph, answers checked by hand. People a (Age 30), b (25),
//! c (35), d (45), e (50) and the city x; edges (out-edges in brackets):
//! a → b `follows`, a → c `blocks`; b → c `follows`, b → x `livesIn`;
//! c → d `follows`, c → a `follows`; d → e `follows`.

use serde_json::{Map, Value, json};

use super::*;
use crate::graph::{Graph, ImportOptions, import};
use crate::job::control::JobControl;
use crate::{Error, Refusal};

const SCHEMA: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<PMML version="3.0"><labels>
  <label name="person"><properties>
    <property name="Name" cardinality="single" dataType="string"/>
    <property name="Age" cardinality="single" dataType="int"/>
  </properties></label>
  <label name="city"><properties>
    <property name="Name" cardinality="single" dataType="string"/>
  </properties></label>
  <label name="follows"></label>
  <label name="blocks"></label>
  <label name="livesIn"></label>
</labels></PMML>"#;

const VERTICES: &str = "a,person,Ann,30\nb,person,Bob,25\nc,person,Cyd,35\nd,person,Dee,45\n\
                        e,person,Eve,50\nx,city,Paris\n";

const EDGES: &str = "a,b,follows\na,c,blocks\nb,c,follows\nb,x,livesIn\nc,d,follows\n\
                     c,a,follows\nd,e,follows\n";

fn graph() -> Graph {
    let dir = tempfile::tempdir().unwrap();
    let w = |n: &str, t: &str| {
        let p = dir.path().join(n);
        std::fs::write(&p, t).unwrap();
        p
    };
    let opts = ImportOptions {
        schema_paths: vec![w("s.xml", SCHEMA)],
        vertex_paths: vec![w("v.csv", VERTICES)],
        edge_paths: vec![w("e.csv", EDGES)],
        ..Default::default()
    };
    import(None, &opts, &JobControl::new()).unwrap().0
}

fn cond(left: Value, predicate: &str, value: Value) -> Value {
    json!({"property_filter": {"leftvalue": left, "predicate": predicate,
                               "rightvalue": {"value": value}}})
}

fn label(name: &str) -> Value {
    cond(json!({"label_name": "labelName"}), "=", json!(name))
}

/// `outV` along `follows` edges only.
fn follows() -> Value {
    json!({"operator": "outV", "edge_filter": label("follows")})
}

fn older_than_40() -> Value {
    json!([{"vertex_filter": cond(json!({"property_name": "Age"}), ">=", json!(40))}])
}

fn ask(g: &Graph, body: Value) -> (Vec<Value>, Map<String, Value>) {
    let spec = PathQuerySpec::parse(&body).unwrap();
    run(g, &spec, &JobControl::new()).unwrap().unwrap()
}

fn ids(g: &Graph, body: Value) -> Vec<String> {
    let (rows, _) = ask(g, body);
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn repeat_follows_its_edge_filter_for_times_hops() {
    let g = graph();
    // a →follows b →follows c (a → c is `blocks`, b → x is `livesIn`); times defaults to 2.
    assert_eq!(
        ids(&g, json!({"vertices": ["a"], "repeat": [follows()]})),
        ["c"]
    );
    // Unfiltered: {b, c}, then b → {c, x} and c → {d, a}.
    let any = json!({"vertices": ["a"], "repeat": [{"operator": "outV"}]});
    assert_eq!(ids(&g, any), ["a", "c", "d", "x"]);
    // A third hop: c → {d, a}; a fourth: a → b, d → e.
    let three = json!({"vertices": ["a"], "repeat": [follows()], "times": 3});
    assert_eq!(ids(&g, three), ["a", "d"]);
    let four = json!({"vertices": ["a"], "repeat": [follows()], "times": 4});
    assert_eq!(ids(&g, four), ["b", "e"]);
    // Rows have the vertex query's shape.
    let (rows, scalars) = ask(
        &g,
        json!({"vertices": ["c"], "repeat": [follows()], "times": 1}),
    );
    assert_eq!(
        rows[1],
        json!({"id": "d", "label": "person", "properties": {"Name": ["Dee"], "Age": ["45"]}})
    );
    assert_eq!(
        (scalars["matched"].clone(), scalars["truncated"].clone()),
        (json!(2), json!(false))
    );
}

#[test]
fn emit_returns_every_vertex_met_not_only_the_last_layer() {
    let g = graph();
    // Layers {b}, {c}, {a, d}: a is the start vertex, back because hop 3 reaches it.
    let body = json!({"vertices": ["a"], "repeat": [follows()], "times": 3, "emit": true});
    assert_eq!(ids(&g, body), ["a", "b", "c", "d"]);
    // Without a hop back to it, the start vertex is not emitted.
    let body = json!({"vertices": ["a"], "repeat": [follows()], "times": 2, "emit": true});
    assert_eq!(ids(&g, body), ["b", "c"]);
}

#[test]
fn until_stops_walkers_where_it_holds_and_times_bounds_the_rest() {
    let g = graph();
    // Layers {b}, {c}, then {d, a}: d (45) stops; a goes on to b, which never meets it.
    let body = json!({"vertices": ["a"], "repeat": [follows()], "times": 4,
                      "until": older_than_40()});
    assert_eq!(ids(&g, body), ["d"]);
    // Two hops end before anyone is 40: nothing met the condition, nothing comes back.
    let body = json!({"vertices": ["a"], "repeat": [follows()], "until": older_than_40()});
    assert!(ids(&g, body).is_empty());
    // With emit, every vertex met; e is not among them since the walker stopped at d.
    let body = json!({"vertices": ["a"], "repeat": [follows()], "times": 4, "emit": true,
                      "until": older_than_40()});
    assert_eq!(ids(&g, body), ["a", "b", "c", "d"]);
    let body = json!({"vertices": ["a"], "repeat": [follows()], "times": 4, "emit": true});
    assert_eq!(ids(&g, body), ["a", "b", "c", "d", "e"]);
    // An edge condition: the walker that took a → c `blocks` stops at c, the others go on.
    let body = json!({"vertices": ["a"], "repeat": [{"operator": "outV"}],
                      "until": [{"edge_filter": label("blocks")}]});
    assert_eq!(ids(&g, body), ["c"]);
}

#[test]
fn elements_take_turns_and_filters_and_operators_apply() {
    let g = graph();
    // Hop 1 follows, hop 2 livesIn: a → b → x.
    let livesin = json!({"operator": "outV", "edge_filter": label("livesIn")});
    let body = json!({"vertices": ["a"], "repeat": [follows(), livesin]});
    assert_eq!(ids(&g, body), ["x"]);
    // inV and bothV (and the k-hop words) from the city.
    let body = json!({"vertices": ["x"], "repeat": [{"operator": "inV"}], "times": 1});
    assert_eq!(ids(&g, body), ["b"]);
    let body = json!({"vertices": ["b"], "repeat": [{"operator": "both"}], "times": 1});
    assert_eq!(ids(&g, body), ["a", "c", "x"]);
    // A vertex filter keeps people under 40: x (no Age) and d (45) are not entered.
    let young = cond(json!({"property_name": "Age"}), "<", json!(40));
    let body = json!({"vertices": ["a"], "repeat": [{"operator": "outV", "vertex_filter": young}]});
    assert_eq!(ids(&g, body), ["a", "c"]);
}

#[test]
fn limit_cuts_the_rows_and_says_so() {
    let g = graph();
    let body = json!({"vertices": ["a"], "repeat": [{"operator": "outV"}], "limit": 2});
    let (rows, scalars) = ask(&g, body);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(scalars["matched"], 4);
    assert_eq!(scalars["truncated"], true);
}

#[test]
fn bad_bodies_are_refused_naming_the_field() {
    let refused = |body: Value, field: &str| {
        let e = PathQuerySpec::parse(&body).unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidArgument {
                    kind: Refusal::BadParameter,
                    ..
                }
            ),
            "{e:?}"
        );
        let e = e.to_string();
        assert!(e.contains(field), "{e} should name {field}");
    };
    let hop = json!([{"operator": "outV"}]);
    let with = |key: &str, value: Value| {
        let mut body = json!({"vertices": ["a"], "repeat": hop});
        body[key] = value;
        body
    };
    refused(json!({"repeat": hop}), "[vertices]");
    refused(with("vertices", json!([])), "[vertices]");
    refused(with("vertices", json!([7])), "[vertices]");
    refused(json!({"vertices": ["a"]}), "[repeat]");
    refused(with("repeat", json!([])), "[repeat]");
    refused(
        with("repeat", json!([{"operator": "sideways"}])),
        "[repeat[0].operator]",
    );
    refused(
        with("repeat", json!([{"operator": "outE"}])),
        "[repeat[0].operator]",
    );
    refused(with("repeat", json!([{}])), "[repeat[0].operator]");
    refused(
        with("repeat", json!([{"operator": "outV", "as": "x"}])),
        "[repeat[0].as]",
    );
    refused(
        with(
            "repeat",
            json!([{"operator": "outV", "edge_filter": {"x": 1}}]),
        ),
        "repeat[0]",
    );
    for times in [json!(0), json!(21), json!(-1), json!("two"), json!(1.5)] {
        refused(with("times", times), "[times]");
    }
    refused(
        with(
            "repeat",
            json!([{"operator": "outV"}, {"operator": "inV"}, {"operator": "outV"}]),
        ),
        "times is 2",
    );
    for limit in [json!(0), json!(-5), json!(100_001)] {
        refused(with("limit", limit), "[limit]");
    }
    refused(with("emit", json!("yes")), "[emit]");
    refused(with("until", json!({})), "[until]");
    refused(with("until", json!([{}])), "[until[0]]");
    refused(
        with("until", json!([{"operator": "outV"}])),
        "[until[0].operator]",
    );
    let twice = older_than_40()[0].clone();
    refused(with("until", json!([twice.clone(), twice])), "[until]");
    refused(with("queryType", json!("Tree")), "[queryType]");
    refused(with("queryType", json!("Path")), "[queryType]");
    refused(with("query_type", json!("Default")), "[query_type]");
    for field in ["select", "by", "as", "statistics"] {
        refused(with(field, json!(["v1"])), &format!("[{field}]"));
    }
    // What is accepted: numeric strings, the documented defaults, queryType Default.
    let spec = PathQuerySpec::parse(&with("times", json!("20"))).unwrap();
    assert_eq!(
        (spec.times, spec.limit, spec.emit),
        (20, DEFAULT_LIMIT, false)
    );
    let spec = PathQuerySpec::parse(&with("queryType", json!("Default"))).unwrap();
    assert_eq!((spec.times, spec.until), (DEFAULT_TIMES, None));
}

#[test]
fn an_unknown_vertex_or_property_fails_the_query_and_a_cancel_stops_it() {
    let g = graph();
    let spec = |body: Value| PathQuerySpec::parse(&body).unwrap();
    let failed = |body: Value| {
        run(&g, &spec(body), &JobControl::new())
            .unwrap_err()
            .to_string()
    };
    let e = failed(json!({"vertices": ["zed"], "repeat": [follows()]}));
    assert!(e.contains("vertex [zed] does not exist"), "{e}");
    let nope = cond(json!({"property_name": "Nope"}), "=", json!(1));
    let e = failed(
        json!({"vertices": ["a"], "repeat": [{"operator": "outV", "vertex_filter": nope.clone()}]}),
    );
    assert!(e.contains("Nope") && e.contains("repeat[0]"), "{e}");
    let e = failed(json!({"vertices": ["a"], "repeat": [follows()],
                          "until": [{"vertex_filter": nope}]}));
    assert!(e.contains("Nope") && e.contains("until[0]"), "{e}");
    // Progress counts hops; a cancelled control stops the query.
    let ctl = JobControl::new();
    run(
        &g,
        &spec(json!({"vertices": ["a"], "repeat": [follows()]})),
        &ctl,
    )
    .unwrap();
    assert_eq!(ctl.percent(), Some(100));
    ctl.cancel();
    assert_eq!(
        run(
            &g,
            &spec(json!({"vertices": ["a"], "repeat": [follows()]})),
            &ctl
        )
        .unwrap(),
        None
    );
}
