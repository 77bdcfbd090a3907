//! The merge of shards, on hand-made shards.

use super::*;

fn shard(process: u32, values: ShardValues) -> Shard {
    Shard {
        process,
        iterations: 3,
        delta: 0.25,
        values,
    }
}

#[test]
fn components_merge_with_the_largest_and_gaps_are_refused() {
    let g = Graph::from_edges(5, &[(1, 0), (3, 2), (4, 2)]);
    let shards = [
        shard(0, ShardValues::U32(vec![(0, 0), (2, 2), (4, 2)])),
        shard(1, ShardValues::U32(vec![(1, 0), (3, 2)])),
    ];
    let out = merge(&g, &Kernel::Wcc, &Map::new(), &[], &shards).unwrap();
    assert_eq!(out.scalars["Max_WCC_size"], 3);
    assert_eq!(out.scalars["Max_WCC_id"], "2");
    let short = &shards[..1];
    assert_eq!(
        merge(&g, &Kernel::Wcc, &Map::new(), &[], short).unwrap_err(),
        "no shard holds vertex 1"
    );
    let twice = [shards[0].clone(), shards[0].clone()];
    assert!(merge(&g, &Kernel::Wcc, &Map::new(), &[], &twice).is_err());
}

#[test]
fn levels_list_the_k_hop_neighbours_level_by_level() {
    let g = Graph::from_edges(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
    let m = u32::MAX;
    let shards = [shard(
        0,
        ShardValues::U32(vec![(0, 1), (1, 0), (2, 1), (3, 2), (4, m)]),
    )];
    let kernel = Kernel::Levels {
        source: 1,
        k: 2,
        mode: super::super::Mode::All,
    };
    let params: Map<String, Value> = serde_json::from_str(r#"{"source": 1}"#).unwrap();
    let out = merge(&g, &kernel, &params, &[], &shards).unwrap();
    assert_eq!(
        out.rows,
        Rows::Vertices {
            key: "vertices",
            ids: vec![0, 2, 3]
        }
    );
    assert_eq!(out.scalars["source"], "1");
    assert_eq!(out.scalars["k_hop_neighbors"], 3);
}

#[test]
fn a_path_is_walked_back_along_the_parents_and_a_broken_tree_is_an_error() {
    let g = Graph::from_edges(5, &[(0, 1), (1, 2), (2, 3)]);
    let (m, inf) = (u32::MAX, f64::INFINITY);
    let tree = |three: u32| {
        [
            shard(
                0,
                ShardValues::Paths(vec![(0, 0.0, m), (2, 2.0, 1), (4, inf, m)]),
            ),
            shard(1, ShardValues::Paths(vec![(1, 1.0, 0), (3, 3.0, three)])),
        ]
    };
    let params: Map<String, Value> =
        serde_json::from_str(r#"{"source": "0", "target": "3"}"#).unwrap();
    let path = |target: u32, shards: &[Shard]| {
        let kernel = Kernel::Path {
            source: 0,
            target,
            directed: true,
            weighted: false,
        };
        merge(&g, &kernel, &params, &[], shards)
    };
    let out = path(3, &tree(2)).unwrap();
    assert_eq!(
        out.rows,
        Rows::Vertices {
            key: "path",
            ids: vec![0, 1, 2, 3]
        }
    );
    assert_eq!(
        (&out.scalars["source"], &out.scalars["target"]),
        (&Value::from("0"), &Value::from("3"))
    );
    // Not reached: an empty path, as the single-node kernel answers.
    let none = path(4, &tree(2)).unwrap();
    assert_eq!(
        none.rows,
        Rows::Vertices {
            key: "path",
            ids: vec![]
        }
    );
    // Reached, but the parents lead nowhere: the shards are wrong, said so.
    assert!(path(3, &tree(m)).is_err());
}

#[test]
fn communities_are_named_after_their_smallest_vertex() {
    let g = Graph::from_edges(5, &[(0, 1), (2, 3), (3, 4)]);
    // The processes' final labels: {0, 1} labelled 1, {2, 3, 4} labelled 4.
    let shards = [
        shard(0, ShardValues::U32(vec![(0, 1), (2, 4), (4, 4)])),
        shard(1, ShardValues::U32(vec![(1, 1), (3, 4)])),
    ];
    let kernel = Kernel::LabelPropagation {
        convergence: 0.0001,
        max_iterations: 10,
        weighted: false,
        seeds: 0,
    };
    let out = merge(&g, &kernel, &Map::new(), &[], &shards).unwrap();
    assert_eq!(
        out.rows,
        Rows::VertexMetric {
            key: "results",
            metric: "community",
            values: MetricValues::Vertex(vec![0, 0, 2, 2, 2]),
        }
    );
    assert_eq!(out.scalars["community_num"], 2);
    assert_eq!(out.scalars["iterations"], 3);
    // A label that is no vertex: the shards are wrong, said so.
    let bad = [
        shard(0, ShardValues::U32(vec![(0, 9), (2, 4), (4, 4)])),
        shards[1].clone(),
    ];
    assert!(merge(&g, &kernel, &Map::new(), &[], &bad).is_err());
}
