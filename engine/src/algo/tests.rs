//! Catalogue-wide tests: names, sync flags, defaults, validation messages, and every
//! algorithm on a tiny graph with and without cancellation.

use super::*;
use serde_json::json;

fn map(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

#[test]
fn catalogue_is_consistent() {
    let names: Vec<_> = catalog().iter().map(|a| a.name).collect();
    assert_eq!(
        names,
        [
            "pagerank",
            "personalrank",
            "kcore",
            "k_hop",
            "shortest_path",
            "all_shortest_paths",
            "filtered_shortest_path",
            "sssp",
            "shortest_path_of_vertex_sets",
            "n_paths",
            "closeness",
            "label_propagation",
            "louvain",
            "link_prediction",
            "node2vec",
            "realtime_recommendation",
            "common_neighbors",
            "connected_component",
            "degree_correlation",
            "triangle_count",
            "cluster_coefficient",
            "common_neighbors_of_vertex_sets",
            "all_shortest_paths_of_vertex_sets",
            "filtered_circle_detection",
            "filtered_all_pairs_shortest_paths",
            "filtered_all_shortest_paths",
            "filtered_n_paths",
            "betweenness",
            "edge_betweenness",
            "od_betweenness",
            "topicrank",
            "pixie",
            "single_vertex_circles_detection",
        ]
    );
    let sync: Vec<_> = catalog()
        .iter()
        .filter(|a| a.sync)
        .map(|a| a.name)
        .collect();
    assert_eq!(
        sync,
        [
            "k_hop",
            "shortest_path",
            "all_shortest_paths",
            "filtered_shortest_path",
            "shortest_path_of_vertex_sets",
            "n_paths",
            "realtime_recommendation"
        ],
        "REFERENCE §3.1: only path algorithms run sync"
    );
    for a in catalog() {
        assert_eq!(find(a.name), Some(a));
        for p in a.params {
            assert!(
                !(p.required && p.default.is_some()),
                "{}.{}",
                a.name,
                p.name
            );
            // Every default is itself valid.
            if let Some(d) = p.default {
                let mut m = Map::new();
                m.insert(p.name.into(), Value::String(d.into()));
                let v = Params::new(a, &m);
                assert!(v.check(p).is_ok(), "{}.{} default {d}", a.name, p.name);
            }
        }
        // Validation and kernels agree on the catalogue's order: a parameterless call is
        // either valid or names one of the algorithm's own parameters (a required one, or
        // one of an either-or pair such as od_betweenness' OD_pairs/seeds) or filters.
        match validate(a.name, &Map::new()) {
            Ok(()) => {}
            Err(AlgoError::Param(msg)) => assert!(
                a.params
                    .iter()
                    .map(|p| p.name)
                    .chain(a.filters.iter().copied())
                    .any(|p| msg.starts_with(&format!("parameter [{p}]"))),
                "{}: {msg}",
                a.name
            ),
            Err(other) => panic!("{}: {other}", a.name),
        }
    }
    assert!(find("PageRank").is_none());
    assert_eq!(
        validate("bfs", &Map::new()).unwrap_err(),
        AlgoError::Unknown("bfs".into())
    );
    assert_eq!(
        validate("bfs", &Map::new()).unwrap_err().to_string(),
        "unknown algorithm [bfs]"
    );
}

#[test]
fn every_algorithm_runs_on_a_tiny_graph_and_honours_cancellation() {
    let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)]);
    let params = json!({
        "source": "0", "target": "3", "k": 1, "sources": "0", "targets": "3",
        "OD_pairs": "0,3"
    });
    let params = map(params);
    for a in catalog() {
        // Only filtered_circle_detection takes (and needs) `filters`: the 3-cycle 0 -> 1 -> 2.
        let mut params = params.clone();
        if a.filters.contains(&"filters") {
            params.insert("filters".into(), json!([{}, {"times": 3}]));
        }
        let out = run(&g, a.name, &params, &JobControl::new())
            .unwrap_or_else(|e| panic!("{}: {e}", a.name));
        let mut rows = 0;
        out.rows
            .render(&g, |_| -> Result<(), ()> {
                rows += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(rows, out.rows.len(), "{}", a.name);
        let ctl = JobControl::new();
        ctl.cancel();
        assert_eq!(
            run(&g, a.name, &params, &ctl),
            Err(AlgoError::Cancelled),
            "{}",
            a.name
        );
    }
}

#[test]
fn validate_names_the_parameter() {
    let err = |name: &str, v: Value| validate(name, &map(v)).unwrap_err().to_string();
    assert_eq!(
        err("k_hop", json!({"k": 2})),
        "parameter [source] is invalid! It is required."
    );
    assert_eq!(
        err("k_hop", json!({"source": "a", "k": 101})),
        "parameter [k] is invalid! It must be an integer in [1, 100]."
    );
    assert_eq!(
        err("k_hop", json!({"source": "a", "k": "two"})),
        "parameter [k] is invalid! It must be an integer in [1, 100]."
    );
    assert_eq!(
        err("k_hop", json!({"source": "a", "k": 2, "mode": "UP"})),
        "parameter [mode] is invalid! It must be one of OUT, IN, ALL."
    );
    assert_eq!(
        err("pagerank", json!({"alpha": 1})),
        "parameter [alpha] is invalid! It must be a number in (0, 1)."
    );
    assert_eq!(
        err("pagerank", json!({"directed": "yes"})),
        "parameter [directed] is invalid! It must be true or false."
    );
    assert_eq!(
        err("shortest_path", json!({"source": "a", "target": "a"})),
        "parameter [target] is invalid! It must differ from source."
    );
    assert_eq!(
        err(
            "shortest_path",
            json!({"source": "a", "target": "b", "timeWindow": {"filterType": "E"}})
        ),
        "parameter [timeWindow.filterName] is invalid! It is required."
    );
    assert_eq!(
        err("kcore", json!({})),
        "parameter [k] is invalid! It is required."
    );
    assert_eq!(
        err("n_paths", json!({"source": "a", "target": "b", "k": 11})),
        "parameter [k] is invalid! It must be an integer in [1, 10]."
    );
    assert_eq!(
        err("node2vec", json!({"dim": 201})),
        "parameter [dim] is invalid! It must be an integer in [1, 200]."
    );
    assert_eq!(
        err("louvain", json!({"max_iterations": 0})),
        "parameter [max_iterations] is invalid! It must be an integer in [1, 2147483647]."
    );
    assert_eq!(
        err("betweenness", json!({"k": 100001})),
        "parameter [k] is invalid! It must be an integer in [1, 100000]."
    );
    assert_eq!(
        err("common_neighbors_of_vertex_sets", json!({"sources": "a"})),
        "parameter [targets] is invalid! It is required."
    );
}

#[test]
fn validate_accepts_strings_nulls_aliases_and_clamps() {
    let ok = |name: &str, v: Value| validate(name, &map(v));
    assert_eq!(
        ok(
            "pagerank",
            json!({"alpha": "0.5", "max_iterations": "10", "directed": "false"})
        ),
        Ok(())
    );
    assert_eq!(
        ok(
            "pagerank",
            json!({"alpha": null, "convergence": null, "num_thread": 400})
        ),
        Ok(())
    );
    assert_eq!(
        ok("pagerank", json!({"coveragence": 0.001, "unknown": [1, 2]})),
        Ok(())
    );
    assert_eq!(
        ok(
            "k_hop",
            json!({"source": 42, "k": 3.0, "mode": "all", "statistics": "TRUE"})
        ),
        Ok(())
    );
    assert_eq!(ok("connected_component", json!({})), Ok(()));
    assert_eq!(
        ok("label_propagation", json!({"coveragence": "0.01"})),
        Ok(())
    );
    assert_eq!(
        ok(
            "shortest_path_of_vertex_sets",
            json!({"sources": ["a", "b"], "targets": "c,d"})
        ),
        Ok(())
    );
    assert!(
        ok("pagerank", json!({"coveragence": 2}))
            .unwrap_err()
            .to_string()
            .contains("[convergence]")
    );
}

#[test]
fn vertex_sets_resolve_and_dedupe() {
    let g = Graph::from_edges(3, &[(0, 1)]);
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        vertex_set(&g, "sources", &names(&["2", "0", "2"])),
        Ok(vec![2, 0])
    );
    assert_eq!(
        vertex_set(&g, "targets", &names(&["0", "x"])),
        Err(AlgoError::Param(
            "parameter [targets] is invalid! Vertex [x] does not exist.".into()
        ))
    );
}

#[test]
fn only_the_filtered_algorithms_take_filters() {
    let filtered: Vec<_> = catalog()
        .iter()
        .filter(|a| !a.filters.is_empty())
        .map(|a| (a.name, a.filters))
        .collect();
    let both: &[&str] = &["vertex_filter", "edge_filter"];
    assert_eq!(
        filtered,
        [
            ("filtered_shortest_path", both),
            ("filtered_circle_detection", &["filters"][..]),
            ("filtered_all_pairs_shortest_paths", both),
            ("filtered_all_shortest_paths", both),
            ("filtered_n_paths", both),
            ("topicrank", &["vertex_filter"][..]),
        ]
    );
    let filter = json!({"property_filter": {"leftvalue": {"label_name": "labelName"},
                        "predicate": "=", "rightvalue": {"value": "road"}}});
    let err = |name: &str, key: &str| {
        let mut p = map(json!({"source": "0", "target": "3", "k": 1}));
        p.insert(key.into(), filter.clone());
        let g = Graph::from_edges(4, &[(0, 1), (1, 3)]);
        let ran = run(&g, name, &p, &JobControl::new()).unwrap_err();
        let checked = validate(name, &p).unwrap_err();
        assert_eq!(ran, checked, "run refuses as validate does");
        checked.to_string()
    };
    assert_eq!(
        err("shortest_path", "vertex_filter"),
        "parameter [vertex_filter] is invalid! Algorithm [shortest_path] does not take \
         vertex_filter; only filtered_shortest_path, filtered_all_pairs_shortest_paths, \
         filtered_all_shortest_paths, filtered_n_paths and topicrank take it."
    );
    assert_eq!(
        err("pagerank", "edge_filter"),
        "parameter [edge_filter] is invalid! Algorithm [pagerank] does not take edge_filter; \
         only filtered_shortest_path, filtered_all_pairs_shortest_paths, \
         filtered_all_shortest_paths and filtered_n_paths take it."
    );
    // `filters` belongs to filtered_circle_detection.
    for name in ["k_hop", "filtered_n_paths"] {
        assert_eq!(
            err(name, "filters"),
            format!(
                "parameter [filters] is invalid! Algorithm [{name}] does not take filters; only \
                 filtered_circle_detection takes it."
            )
        );
    }
    // Every other algorithm refuses them too; null is no filter.
    for a in catalog().iter().filter(|a| a.filters.is_empty()) {
        let p = map(json!({"vertex_filter": {}, "edge_filter": null}));
        assert!(
            matches!(validate(a.name, &p), Err(AlgoError::Param(m)) if m.contains("[vertex_filter]")),
            "{}",
            a.name
        );
    }
    let p = map(json!({"source": "0", "target": "3", "vertex_filter": null, "filters": null}));
    assert_eq!(validate("shortest_path", &p), Ok(()));
    assert_eq!(
        validate(
            "filtered_shortest_path",
            &map(
                json!({"source": "0", "target": "3", "vertex_filter": filter.clone(),
                        "edge_filter": filter})
            )
        ),
        Ok(())
    );
}
