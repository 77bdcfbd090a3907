//! Filters on a small road network, checked by hand; the fixture the `filtered_*` algorithms'
//! tests share.

use serde_json::{Value, json};

use super::*;
use crate::algo::{AlgoOutput, Rows, find, run as run_algo};
use crate::graph::{Graph, GraphBuilder, ParallelEdge, Schema};
use crate::job::control::JobControl;

/// Towns a–e (label `city`: `pop` int, `tags` set) and a depot x (label `depot`, no
/// properties), added in that order (indices 0–5), joined by `road`s and `rail`s (`km` int):
///
/// ```text
/// a -rail 9-> e            a -road 1-> b -road 1-> e      b -road 3-> d
/// a -road 2-> c -road 2-> d -road 2-> e                   c -rail 7-> d (beside the road)
/// a -road 1-> x -road 1-> e
/// ```
/// pop: a 100, b 5, c 50, d 60, e 200; tags: a big, b small, c big+river, d river, e big.
pub(crate) fn network() -> Graph {
    let schema = Schema::from_xml(
        r#"<PMML><labels>
             <label name="city"><properties>
               <property name="pop" cardinality="single" dataType="int"/>
               <property name="tags" cardinality="set" dataType="string"/></properties></label>
             <label name="depot"/>
             <label name="road"><properties>
               <property name="km" cardinality="single" dataType="int"/></properties></label>
             <label name="rail"><properties>
               <property name="km" cardinality="single" dataType="int"/></properties></label>
           </labels></PMML>"#,
    )
    .unwrap();
    let mut b = GraphBuilder::new(schema);
    for (id, pop, tags) in [
        ("a", "100", "big"),
        ("b", "5", "small"),
        ("c", "50", "big;river"),
        ("d", "60", "river"),
        ("e", "200", "big"),
    ] {
        b.add_vertex(id, "city", &[pop, tags]).unwrap();
    }
    b.add_vertex("x", "depot", &[]).unwrap();
    for (s, t, label, km) in [
        ("a", "e", "rail", "9"),
        ("a", "b", "road", "1"),
        ("b", "e", "road", "1"),
        ("a", "c", "road", "2"),
        ("c", "d", "road", "2"),
        ("d", "e", "road", "2"),
        ("a", "x", "road", "1"),
        ("x", "e", "road", "1"),
        ("b", "d", "road", "3"),
        ("c", "d", "rail", "7"),
    ] {
        b.add_edge(s, t, label, &[km]).unwrap();
    }
    b.build(ParallelEdge::Allow)
}

/// A condition on the label, spelled as the GES samples spell it.
pub(crate) fn by_label(predicate: &str, value: Value) -> Value {
    json!({"property_filter": {"leftvalue": {"label_name": "labelName"},
                               "predicate": predicate, "rightvalue": {"value": value}}})
}

/// Runs `algorithm` through the catalogue.
pub(crate) fn run_json(
    g: &Graph,
    algorithm: &str,
    params: Value,
) -> crate::algo::Result<AlgoOutput> {
    run_algo(
        g,
        algorithm,
        params.as_object().unwrap(),
        &JobControl::new(),
    )
}

/// The output's path (`path`) or paths (`paths`) as vertex ids.
pub(crate) fn names(g: &Graph, out: &AlgoOutput) -> Vec<Vec<String>> {
    let ids = |p: &[u32]| p.iter().map(|&v| g.vertex_name(v).to_owned()).collect();
    match &out.rows {
        Rows::Vertices {
            key: "path",
            ids: p,
        } => vec![ids(p)],
        Rows::Paths { paths, .. } => paths.iter().map(|p| ids(p)).collect(),
        other => panic!("{other:?}"),
    }
}

/// Parses `vertex_filter` (and `edge_filter`) of a `filtered_shortest_path` request.
fn parse(filters: Value) -> Result<PathFilters> {
    let spec = find("filtered_shortest_path").unwrap();
    PathFilters::from_params(&Params::new(spec, filters.as_object().unwrap()))
}

fn err(filters: Value) -> String {
    parse(filters).unwrap_err().to_string()
}

/// The vertices (by id) that pass `vertex_filter`.
fn kept_vertices(filter: Value) -> Vec<String> {
    let g = network();
    let f = parse(json!({ "vertex_filter": filter })).unwrap();
    let mask = f.mask(&g, &JobControl::new()).unwrap();
    (0..g.vertex_count() as u32)
        .filter(|&v| mask.vertex(v))
        .map(|v| g.vertex_name(v).to_owned())
        .collect()
}

fn on(left: Value, predicate: &str, value: Value) -> Value {
    json!({"property_filter": {"leftvalue": left, "predicate": predicate,
                               "rightvalue": {"value": value}}})
}

#[test]
fn the_ges_samples_parse() {
    // The filtered_shortest_path sample of the GES docs: a label list and a property prefix.
    let f = parse(json!({
        "edge_filter": by_label("IN", json!(["xxx", "rate"])),
        "vertex_filter": on(json!({"property_name": "title"}), "PREFIX", json!("tr_")),
    }))
    .unwrap();
    assert_eq!(
        f.edge,
        Some(ElementFilter {
            operand: Operand::Label,
            test: Test::Query(Predicate::Has),
            values: vec!["xxx".into(), "rate".into()],
        })
    );
    assert_eq!(
        f.vertex,
        Some(ElementFilter {
            operand: Operand::Property("title".into()),
            test: Test::Prefix,
            values: vec!["tr_".into()],
        })
    );
    // Absent and null filters are no filters.
    assert_eq!(
        parse(json!({"vertex_filter": null})).unwrap(),
        PathFilters::default()
    );
}

/// Every word the run form offers (`rules::predicate::PATH_FILTER`) is one the engine reads,
/// with the arity the form sends it with (`takes_list`: a list).
#[test]
fn every_predicate_the_run_form_offers_is_read() {
    for word in rules::predicate::PATH_FILTER {
        let value = if rules::predicate::takes_list(word) {
            json!(["1", "2"])
        } else {
            json!("1")
        };
        let filter = on(json!({"property_name": "pop"}), word, value);
        assert!(parse(json!({"vertex_filter": filter})).is_ok(), "{word}");
    }
}

#[test]
fn every_predicate_on_vertices() {
    let pop = |p: &str, v: Value| kept_vertices(on(json!({"property_name": "pop"}), p, v));
    assert_eq!(pop("=", json!(50)), ["c"]);
    assert_eq!(pop("=", json!("50.0")), ["c"], "numeric equality");
    assert_eq!(pop("<", json!(60)), ["b", "c"], "numeric: 100 is not < 60");
    assert_eq!(pop("<=", json!([60])), ["b", "c", "d"], "one-element array");
    assert_eq!(pop(">", json!(60)), ["a", "e"]);
    assert_eq!(pop(">=", json!(60)), ["a", "d", "e"]);
    assert_eq!(pop("range", json!([50, 100])), ["a", "c", "d"]);
    assert_eq!(pop("RANGE", json!(["5", 5])), ["b"]);
    assert_eq!(pop("has", json!([5, 200])), ["b", "e"]);
    // hasNot keeps the depot, whose label has no pop.
    assert_eq!(pop("hasNot", json!([5, 200])), ["a", "c", "d", "x"]);
    assert_eq!(
        pop("<", json!("many")),
        Vec::<String>::new(),
        "not a number"
    );
    let tags = |p: &str, v: Value| kept_vertices(on(json!({"property_name": "tags"}), p, v));
    assert_eq!(tags("has", json!("river")), ["c", "d"]);
    assert_eq!(tags("in", json!(["small", "river"])), ["b", "c", "d"]);
    assert_eq!(tags("hasNot", json!("big")), ["b", "d", "x"]);
    assert_eq!(tags("prefix", json!("ri")), ["c", "d"]);
    let label = |p: &str, v: Value| kept_vertices(on(json!({"label_name": ""}), p, v));
    assert_eq!(label("=", json!("depot")), ["x"]);
    assert_eq!(label("hasNot", json!(["city"])), ["x"]);
    assert_eq!(label("=", json!("user")), Vec::<String>::new());
    let id = |p: &str, v: Value| kept_vertices(on(json!({"id": null}), p, v));
    assert_eq!(id(">=", json!("d")), ["d", "e", "x"], "ids compare as text");
    assert_eq!(id("IN", json!(["a", "x", "zz"])), ["a", "x"]);
}

#[test]
fn edge_filters_read_edge_labels_and_properties() {
    let g = network();
    let kept = |filter: Value| {
        let f = parse(json!({ "edge_filter": filter })).unwrap();
        let mask = f.mask(&g, &JobControl::new()).unwrap();
        let mut edges = Vec::new();
        for v in 0..g.vertex_count() as u32 {
            for (k, &w) in g.out_edge_range(v).zip(g.out_neighbors(v)) {
                if mask.edge(k) {
                    edges.push(format!("{}{}", g.vertex_name(v), g.vertex_name(w)));
                }
            }
        }
        edges
    };
    assert_eq!(kept(by_label("=", json!("rail"))), ["ae", "cd"]);
    let km = |p: &str, v: Value| kept(on(json!({"property_name": "km"}), p, v));
    assert_eq!(km(">", json!(2)), ["ae", "bd", "cd"]);
    assert_eq!(km("range", json!([2, 3])), ["ac", "bd", "cd", "de"]);
    // A filter that keeps everything needs no mask.
    let all = parse(json!({"edge_filter": by_label("PREFIX", json!("r"))})).unwrap();
    assert_eq!(all.mask(&g, &JobControl::new()).unwrap(), Mask::default());
}

#[test]
fn bad_filters_name_the_field() {
    let shape = "It must be {\"property_filter\": {\"leftvalue\": {…}, \"predicate\": …, \
                 \"rightvalue\": {\"value\": …}}}.";
    assert_eq!(
        err(json!({"vertex_filter": "pop > 3"})),
        format!("parameter [vertex_filter] is invalid! {shape}")
    );
    assert_eq!(
        err(json!({"edge_filter": {"property_filter": {}, "labels": ["road"]}})),
        format!("parameter [edge_filter] is invalid! {shape}")
    );
    assert_eq!(
        err(
            json!({"vertex_filter": {"property_filter": {"leftvalue": {"label_name": "x"},
            "predicate": "=", "rightvalue": {"value": "city"}, "type": "or"}}})
        ),
        "parameter [vertex_filter.property_filter] is invalid! It takes leftvalue, predicate and rightvalue, not [type]."
    );
    // GES's nested form (two conditions joined by &) is not in the reference.
    let nested = json!({"vertex_filter": {"property_filter": {
        "leftvalue": {"property_filter": {"leftvalue": {"property_name": "genres"},
                      "predicate": "PREFIX", "rightvalue": {"value": "A|"}}},
        "predicate": "&",
        "rightvalue": {"property_filter": {"leftvalue": {"label_name": "labelName"},
                       "predicate": "=", "rightvalue": {"value": "movie"}}}}}});
    assert_eq!(
        err(nested),
        "parameter [vertex_filter.property_filter.leftvalue] is invalid! Combined conditions (a property_filter inside leftvalue or rightvalue, joined by & or |) are not supported; give one condition."
    );
    let cond = |left: Value, predicate: Value, right: Value| {
        err(json!({"vertex_filter": {"property_filter": {
            "leftvalue": left, "predicate": predicate, "rightvalue": right}}}))
    };
    let pop = json!({"property_name": "pop"});
    let one = json!({"value": 1});
    assert_eq!(
        cond(
            json!({"label_name": "l", "id": "i"}),
            json!("="),
            one.clone()
        ),
        "parameter [vertex_filter.property_filter.leftvalue] is invalid! It must be an object with one of label_name, property_name or id."
    );
    assert_eq!(
        cond(json!({"property_name": ""}), json!("="), one.clone()),
        "parameter [vertex_filter.property_filter.leftvalue.property_name] is invalid! It must name a property."
    );
    assert_eq!(
        cond(pop.clone(), json!("!="), one.clone()),
        "parameter [vertex_filter.property_filter.predicate] is invalid! [!=] is not one of =, <, >, <=, >=, range, has, hasNot, IN, PREFIX."
    );
    assert_eq!(
        cond(pop.clone(), Value::Null, one.clone()),
        "parameter [vertex_filter.property_filter.predicate] is invalid! It is required."
    );
    assert_eq!(
        cond(pop.clone(), json!("range"), one.clone()),
        "parameter [vertex_filter.property_filter.rightvalue.value] is invalid! Predicate [range] takes exactly two values (low, high)."
    );
    assert_eq!(
        cond(pop.clone(), json!("<"), json!({"value": [1, 2]})),
        "parameter [vertex_filter.property_filter.rightvalue.value] is invalid! Predicate [<] takes exactly one value."
    );
    assert_eq!(
        cond(pop.clone(), json!("has"), json!({"value": []})),
        "parameter [vertex_filter.property_filter.rightvalue.value] is invalid! Predicate [has] takes at least one value."
    );
    assert_eq!(
        cond(pop.clone(), json!("="), json!({"value": {"n": 1}})),
        "parameter [vertex_filter.property_filter.rightvalue.value] is invalid! It must be a string, a number, a boolean or an array of them."
    );
    assert_eq!(
        cond(pop.clone(), json!("="), json!({"values": [1]})),
        "parameter [vertex_filter.property_filter.rightvalue] is invalid! It takes a value, not [values]."
    );
    assert_eq!(
        cond(pop, json!("="), json!(1)),
        "parameter [vertex_filter.property_filter.rightvalue] is invalid! It must be an object with a value."
    );
    assert_eq!(
        err(json!({"edge_filter": on(json!({"id": ""}), "=", json!("ab"))})),
        "parameter [edge_filter.property_filter.leftvalue] is invalid! Edges have no id to compare; use label_name or property_name."
    );
}

#[test]
fn filters_are_checked_against_the_schema() {
    let g = network();
    let mask_err = |filters: Value| {
        parse(filters)
            .unwrap()
            .mask(&g, &JobControl::new())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        mask_err(json!({"vertex_filter": on(json!({"property_name": "Pop"}), "=", json!(1))})),
        "parameter [vertex_filter.property_filter.leftvalue.property_name] is invalid! No label has a property [Pop]."
    );
    assert_eq!(
        mask_err(json!({"vertex_filter": on(json!({"property_name": "tags"}), "=", json!("big"))})),
        "parameter [vertex_filter.property_filter.leftvalue.property_name] is invalid! Property [tags] is a list or set: only has, hasNot, IN and PREFIX apply to it."
    );
    let ctl = JobControl::new();
    ctl.cancel();
    let f = parse(json!({"vertex_filter": by_label("=", json!("city"))})).unwrap();
    assert_eq!(f.mask(&g, &ctl), Err(AlgoError::Cancelled));
}
