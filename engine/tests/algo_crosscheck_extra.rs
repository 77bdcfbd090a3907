//! Cross-check against networkx of the algorithms issue 20 added, on `algo_crosscheck.rs`'s
//! graphs (a 2000-vertex planted-community graph and a 200-vertex one):
//! `scripts/data/crosscheck/reference_extra.py` computes networkx's answers while the catalogue runs
//! the same questions through `engine::algo::run`.
//!
//! - `topicrank` against `pagerank` with a personalization vector (weights `actived_p` on the
//!   sources, `default_p` elsewhere), directed and undirected, to 1e-9.
//! - `realtime_recommendation`, statistically: with restarts at one source, a vertex's share
//!   of 200000 steps estimates its personalized PageRank (networkx, `personalization` on the
//!   source); every vertex within 0.002 (the seeded walk is off by 0.0004 at worst), and the
//!   shares sum to 1 minus the source's rank.
//! - `single_vertex_circles_detection` against `simple_cycles(length_bound)` on the small graph:
//!   the same circles through each source (rotated to start there), ours shortest first.
//! - `filtered_all_pairs_shortest_paths` against `all_shortest_paths` on the filtered subgraph
//!   (vertices 4 mod 9 and edges heavier than 6 dropped), pairs within `cutoff` hops, both
//!   directions.
//! - `od_betweenness` against every trip's shortest paths enumerated by networkx
//!   (`all_shortest_paths`), each carrying its share of the trip: 25 OD pairs (directed,
//!   undirected, weighted) and three seeds with IN/OUT modes and attendees (directed,
//!   undirected), to 1e-9.
//!
//! Skipped (with a note on stderr) without python3 and networkx, as `algo_crosscheck.rs` is.

mod crosscheck;

use std::collections::HashMap;
use std::time::Instant;

use crosscheck::*;
use engine::algo::Rows;
use engine::graph::Graph;
use serde_json::{Value, json};

#[test]
fn issue_20_algorithms_match_networkx() {
    if skip_without_networkx("algo_crosscheck_extra") {
        return;
    }
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let (n, ns) = (2000u32, 200u32);
    let big_edges = planted(n, 20, 10_000, 0x9e37_79b9_7f4a_7c15);
    let small_edges = planted(ns, 4, 800, 0x2545_f491_4f6c_dd1d);
    write_edges(&dir.path().join("big.edges"), n, &big_edges);
    write_edges(&dir.path().join("small.edges"), ns, &small_edges);
    let topicrank = [
        json!({"sources": [3, 400, 1999], "actived_p": 5.0, "default_p": 1.0, "directed": true}),
        json!({"sources": [17], "actived_p": 1.0, "default_p": 0.0, "directed": false}),
        json!({"sources": [0, 1, 2, 3], "actived_p": 0.0, "default_p": 2.5, "directed": true}),
    ];
    let circle_sources = [0u32, 7, 55, 120, 199];
    let circle_lengths = [3u32, 6];
    let all_pairs = json!({
        "sources": [0, 10, 4, 100, 1500], "targets": [1, 1500, 13, 199, 7, 0],
        "cutoff": 4, "max_weight": 6,
        "dropped": (0..n).filter(|v| v % 9 == 4).collect::<Vec<_>>(),
    });
    let walk_source = 5u32;
    let od_pairs: Vec<[u32; 2]> = (0..25).map(|i| [i * 37 % ns, (i * 91 + 13) % ns]).collect();
    // (name, weighted, directed)
    let od_runs = [
        ("pairs directed", false, true),
        ("pairs undirected", false, false),
        ("pairs weighted", true, true),
        ("seeds directed", false, true),
        ("seeds undirected", false, false),
    ];
    let od = json!({
        "pairs": od_pairs, "seeds": [3, 50, 150], "modes": ["IN", "OUT", "IN"],
        "attendees": [10.0, 20.0, 30.0], "runs": od_runs,
    });
    let queries = json!({
        "topicrank": topicrank, "circle_sources": circle_sources,
        "circle_lengths": circle_lengths, "all_pairs": all_pairs, "od": od,
        "walk_source": walk_source,
    });
    std::fs::write(dir.path().join("queries.json"), queries.to_string()).unwrap();
    let reference = spawn_python("reference_extra.py", "reference", dir.path());

    let big = Graph::from_weighted_edges(n as usize, &big_edges);
    let small = Graph::from_weighted_edges(ns as usize, &small_edges);
    let ours_topicrank: Vec<Vec<f64>> = topicrank
        .iter()
        .map(|t| {
            let sources: Vec<u32> = serde_json::from_value(t["sources"].clone()).unwrap();
            let mut p = t.clone();
            p["sources"] = json!(csv(&sources));
            p["convergence"] = json!(1e-13);
            p["max_iterations"] = json!(100_000);
            dense(&run(&big, "topicrank", p))
        })
        .collect();
    let ours_circles: Vec<Vec<Vec<u32>>> = circle_sources
        .iter()
        .map(|s| {
            let p = json!({"source": s.to_string(), "min_circle_length": circle_lengths[0],
                           "max_circle_length": circle_lengths[1], "limit_circle_number": 100_000});
            paths(&run(&small, "single_vertex_circles_detection", p))
        })
        .collect();
    let ours_all_pairs: Vec<Vec<Value>> = [false, true]
        .iter()
        .map(|&directed| {
            let ids = |key: &str| {
                let v: Vec<u32> = serde_json::from_value(all_pairs[key].clone()).unwrap();
                csv(&v)
            };
            let dropped: Vec<String> = all_pairs["dropped"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.to_string())
                .collect();
            let p = json!({
                "sources": ids("sources"), "targets": ids("targets"), "directed": directed,
                "cutoff": all_pairs["cutoff"],
                "vertex_filter": {"property_filter": {"leftvalue": {"id": "id"},
                    "predicate": "hasNot", "rightvalue": {"value": dropped}}},
                "edge_filter": {"property_filter": {"leftvalue": {"property_name": "weight"},
                    "predicate": "<=", "rightvalue": {"value": all_pairs["max_weight"]}}},
            });
            let Rows::PathGroups { groups, .. } =
                run(&big, "filtered_all_pairs_shortest_paths", p).rows
            else {
                panic!("not path groups")
            };
            groups
                .into_iter()
                .map(|gr| json!([gr.source, gr.target, gr.paths]))
                .collect()
        })
        .collect();
    let ours_od: Vec<HashMap<(u32, u32), f64>> = od_runs
        .iter()
        .map(|&(name, weighted, directed)| {
            let mut p = if name.starts_with("pairs") {
                let lines: Vec<String> = od_pairs.iter().map(|[o, d]| format!("{o},{d}")).collect();
                json!({"OD_pairs": lines.join("\n")})
            } else {
                json!({"seeds": "3,50,150", "modes": "IN,OUT,IN", "attendees": "10,20,30"})
            };
            p["directed"] = json!(directed);
            if weighted {
                p["weight"] = json!("weight");
            }
            let Rows::EdgeMetric { values, .. } = run(&small, "od_betweenness", p).rows else {
                panic!("not an edge metric")
            };
            let mut map = HashMap::new();
            for u in 0..ns {
                for (k, &v) in small.out_edge_range(u).zip(small.out_neighbors(u)) {
                    let key = if directed {
                        (u, v)
                    } else {
                        (u.min(v), u.max(v))
                    };
                    map.insert(key, values[k]);
                }
            }
            map
        })
        .collect();
    let walk = run(
        &big,
        "realtime_recommendation",
        json!({"sources": walk_source.to_string(), "N": 200_000, "nv": 10, "np": 2000}),
    );
    let ours_done = started.elapsed();

    let r = finish_python(reference, &dir.path().join("reference.json"));
    let mut report = Report::default();
    for (i, ours) in ours_topicrank.iter().enumerate() {
        let theirs = json_floats(&r["topicrank"][i]);
        report.close(&format!("topicrank {}", topicrank[i]), ours, &theirs, EPS);
    }
    for (i, ours) in ours_circles.iter().enumerate() {
        let what = format!("single_vertex_circles_detection from {}", circle_sources[i]);
        report.check(
            &format!("{what}: shortest first"),
            ours.windows(2).all(|w| w[0].len() <= w[1].len()),
            || format!("{ours:?}"),
        );
        let mut sorted = ours.clone();
        sorted.sort();
        report.equal(&what, sorted, json_paths(&r["circles"][i]));
    }
    for (i, mode) in ["undirected", "directed"].iter().enumerate() {
        let theirs = r["all_pairs"][mode].as_array().unwrap();
        report.check(
            &format!("filtered_all_pairs_shortest_paths {mode} finds paths"),
            theirs.len() >= 5,
            || format!("only {} pairs joined", theirs.len()),
        );
        report.equal(
            &format!("filtered_all_pairs_shortest_paths {mode}"),
            &ours_all_pairs[i],
            theirs,
        );
    }
    for (i, (name, _, _)) in od_runs.iter().enumerate() {
        let theirs: HashMap<(u32, u32), f64> = r["od"][name]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                let key = (
                    row[0].as_u64().unwrap() as u32,
                    row[1].as_u64().unwrap() as u32,
                );
                (key, row[2].as_f64().unwrap())
            })
            .collect();
        let keys: Vec<(u32, u32)> = ours_od[i].keys().copied().collect();
        let ours: Vec<f64> = keys.iter().map(|k| ours_od[i][k]).collect();
        let theirs_v: Vec<f64> = keys
            .iter()
            .map(|k| theirs.get(k).copied().unwrap_or(0.0))
            .collect();
        report.close(&format!("od_betweenness {name}"), &ours, &theirs_v, EPS);
        let total: f64 = ours.iter().sum();
        report.check(
            &format!("od_betweenness {name} carries trips"),
            total > 10.0,
            || format!("only {total}"),
        );
    }
    let ppr = json_floats(&r["walk_personalrank"]);
    let shares = sparse(&walk);
    let ours_walk: Vec<f64> = (0..n)
        .map(|v| shares.get(&v).copied().unwrap_or(0.0))
        .collect();
    let mut theirs_walk = ppr.clone();
    theirs_walk[walk_source as usize] = 0.0;
    report.close(
        "realtime_recommendation ~ personalrank",
        &ours_walk,
        &theirs_walk,
        0.002,
    );
    let total: f64 = ours_walk.iter().sum();
    report.close(
        "realtime_recommendation shares",
        &[total],
        &[1.0 - ppr[walk_source as usize]],
        0.01,
    );
    let found: usize = ours_circles.iter().map(Vec::len).sum();
    report.check(
        "single_vertex_circles_detection finds circles",
        found > 100,
        || format!("only {found} circles: the check would prove little"),
    );
    eprintln!(
        "algo_crosscheck_extra: {} checks; ours {ours_done:.1?}, total {:.1?}",
        report.checks,
        started.elapsed()
    );
    assert!(
        report.failures.is_empty(),
        "{} of {} cross-checks failed:\n{}",
        report.failures.len(),
        report.checks,
        report.failures.join("\n")
    );
}
