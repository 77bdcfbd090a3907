//! Shortest path between two vertices (GES `shortest_path`).
//!
//! Without `weight`: bidirectional BFS (always expanding the smaller frontier, stopping at the
//! first meeting vertex, which is provably on a shortest path). With `weight`: Dijkstra with a
//! binary heap and early exit at the target; a missing weight value counts as 1 and a weight
//! that is not > 0 is an error. `directed: false` (the GES default) follows edges both ways.
//! One path is returned; when there is none the path is empty (not an error). Ties between
//! equally short paths are broken deterministically: the same graph and parameters always give
//! the same path.
//! With `timeWindow` (exclusive with `weight`): a breadth-first search over the vertices and
//! edges the window keeps (see [`super::time_window`]).

mod bfs;
mod dijkstra;
mod windowed;

use super::time_window::TimeWindow;
use super::{AlgoError, AlgoOutput, AlgorithmSpec, ParamKind, ParamSpec, Params, Result, vertex};
use crate::graph::Graph;
use crate::job::control::JobControl;
pub use bfs::{bfs_path, bfs_path_between};
pub use dijkstra::dijkstra_path;
pub use windowed::windowed_path;

/// The GES algorithm name.
pub const NAME: &str = "shortest_path";

/// "No parent yet" in the search trees.
const NONE: u32 = u32::MAX;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::new("source", ParamKind::String, "Id of the start vertex.").required(),
    ParamSpec::new(
        "target",
        ParamKind::String,
        "Id of the end vertex (different from source).",
    )
    .required(),
    ParamSpec::new(
        "weight",
        ParamKind::String,
        "Numeric edge property used as length (missing values count as 1; must be > 0). Empty: every edge has length 1.",
    ),
    ParamSpec::new(
        "directed",
        ParamKind::Bool,
        "Follow edge directions; false follows edges both ways.",
    )
    .default("false"),
];

/// Catalogue entry.
pub const SPEC: AlgorithmSpec = AlgorithmSpec {
    name: NAME,
    description: "Shortest path: one shortest path from source to target, by hop count or by \
                  the sum of a numeric edge property. An empty path means the target is not \
                  reachable.",
    params: PARAMS,
    sync: true,
    result_key: "path",
    filters: &[],
};

/// shortest_path settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ShortestPathConfig {
    /// Start vertex id (external name).
    pub source: String,
    /// End vertex id (external name).
    pub target: String,
    /// Edge property holding lengths; `None` for hop count.
    pub weight: Option<String>,
    /// Whether to follow edge directions.
    pub directed: bool,
    /// Keep the path inside this window.
    pub window: Option<TimeWindow>,
}

impl ShortestPathConfig {
    /// Reads and validates the request's parameters.
    ///
    /// # Errors
    /// Missing source or target, equal source and target, an invalid `timeWindow` or one given
    /// with `weight`, or a parameter of the wrong type.
    pub fn from_params(p: &Params<'_>) -> Result<Self> {
        let window = TimeWindow::from_params(p, true)?;
        let weight = p.string("weight")?.filter(|w| !w.is_empty());
        if window.is_some() && weight.is_some() {
            return Err(AlgoError::Param(
                "parameter [timeWindow] is invalid! It cannot be combined with weight.".into(),
            ));
        }
        let source = p.required_string("source")?;
        let target = p.required_string("target")?;
        if source == target {
            return Err(AlgoError::Param(
                "parameter [target] is invalid! It must differ from source.".into(),
            ));
        }
        Ok(Self {
            source,
            target,
            weight,
            directed: p.bool("directed")?,
            window,
        })
    }
}

/// Checks `shortest_path`'s parameters.
pub(super) fn validate(p: &Params<'_>) -> Result<()> {
    ShortestPathConfig::from_params(p).map(drop)
}

/// Runs `shortest_path` for the catalogue: scalars `source`, `target`, rows `path` (empty when
/// unreachable).
pub(super) fn run(g: &Graph, p: &Params<'_>, ctl: &JobControl) -> Result<AlgoOutput> {
    let cfg = ShortestPathConfig::from_params(p)?;
    let s = vertex(g, "source", &cfg.source)?;
    let t = vertex(g, "target", &cfg.target)?;
    let path = match (&cfg.weight, &cfg.window) {
        (_, Some(window)) => windowed_path(g, &[s], &[t], cfg.directed, &window.mask(g)?, ctl)?,
        (None, None) => bfs_path(g, s, t, cfg.directed, ctl)?,
        (Some(prop), None) => {
            let weights = g.edge_weights(prop).ok_or_else(|| {
                AlgoError::Param(format!(
                    "parameter [weight] is invalid! No edge label has a numeric property [{prop}]."
                ))
            })?;
            dijkstra_path(g, s, t, &weights, cfg.directed, ctl)?.map(|(path, _)| path)
        }
    };
    Ok(AlgoOutput::one_path(cfg.source, cfg.target, path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::Rows;
    use crate::algo::run as run_algo;
    use serde_json::{Value, json};

    fn names(g: &Graph, out: &AlgoOutput) -> Vec<String> {
        match &out.rows {
            Rows::Vertices { key: "path", ids } => {
                ids.iter().map(|&v| g.vertex_name(v).to_string()).collect()
            }
            other => panic!("{other:?}"),
        }
    }

    fn sp(g: &Graph, params: Value) -> Result<Vec<String>> {
        run_algo(
            g,
            "shortest_path",
            params.as_object().unwrap(),
            &JobControl::new(),
        )
        .map(|o| names(g, &o))
    }

    /// 0 -> 1 -> 2 -> 3 (weights 1 each) and a heavy shortcut 0 -> 3 (weight 10); 4 -> 0.
    fn weighted() -> Graph {
        Graph::from_weighted_edges(
            5,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (2, 3, 1.0),
                (0, 3, 10.0),
                (4, 0, 2.0),
            ],
        )
    }

    #[test]
    fn unweighted_takes_fewest_hops_weighted_takes_least_weight() {
        let g = weighted();
        assert_eq!(
            sp(&g, json!({"source": "0", "target": "3"})).unwrap(),
            ["0", "3"]
        );
        assert_eq!(
            sp(
                &g,
                json!({"source": "0", "target": "3", "weight": "weight"})
            )
            .unwrap(),
            ["0", "1", "2", "3"]
        );
    }

    #[test]
    fn direction_matters_only_when_directed() {
        let g = weighted();
        assert_eq!(
            sp(&g, json!({"source": "3", "target": "4"})).unwrap(),
            ["3", "0", "4"]
        );
        assert!(
            sp(&g, json!({"source": "3", "target": "4", "directed": true}))
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            sp(
                &g,
                json!({"source": "3", "target": "4", "weight": "weight"})
            )
            .unwrap(),
            ["3", "2", "1", "0", "4"],
            "undirected Dijkstra reads in-edge weights"
        );
        assert!(
            sp(
                &g,
                json!({"source": "3", "target": "4", "weight": "weight", "directed": "true"})
            )
            .unwrap()
            .is_empty()
        );
        assert_eq!(
            sp(&g, json!({"source": "4", "target": "2", "directed": true})).unwrap(),
            ["4", "0", "1", "2"]
        );
    }

    #[test]
    fn bidirectional_bfs_finds_shortest_paths_on_a_grid() {
        // 6x6 grid, edges right and down; every monotone path from corner to corner is shortest.
        let side = 6u32;
        let id = |r: u32, c: u32| r * side + c;
        let mut edges = Vec::new();
        for r in 0..side {
            for c in 0..side {
                if c + 1 < side {
                    edges.push((id(r, c), id(r, c + 1)));
                }
                if r + 1 < side {
                    edges.push((id(r, c), id(r + 1, c)));
                }
            }
        }
        let g = Graph::from_edges((side * side) as usize, &edges);
        for (s, t) in [(0, 35), (0, 5), (7, 28), (35, 0)] {
            for directed in [true, false] {
                let path = bfs_path(&g, s, t, directed, &JobControl::new()).unwrap();
                let (rs, cs, rt, ct) = (s / side, s % side, t / side, t % side);
                if directed && (rt < rs || ct < cs) {
                    assert_eq!(path, None);
                    continue;
                }
                let path = path.unwrap();
                assert_eq!(
                    path.len() as u32,
                    rs.abs_diff(rt) + cs.abs_diff(ct) + 1,
                    "{s}->{t}"
                );
                assert_eq!((path[0], *path.last().unwrap()), (s, t));
                for w in path.windows(2) {
                    let joined = g.out_neighbors(w[0]).contains(&w[1])
                        || (!directed && g.in_neighbors(w[0]).contains(&w[1]));
                    assert!(joined, "{w:?} is not an edge");
                }
            }
        }
    }

    #[test]
    fn missing_weights_count_as_one() {
        use crate::graph::{GraphBuilder, ParallelEdge, Schema};
        let schema = Schema::from_xml(
            r#"<PMML><labels><label name="city"/>
               <label name="road"><properties>
                 <property name="km" cardinality="single" dataType="int"/></properties></label>
               <label name="ferry"/></labels></PMML>"#,
        )
        .unwrap();
        let mut b = GraphBuilder::new(schema);
        for c in ["a", "b", "c", "d"] {
            b.add_vertex(c, "city", &[]).unwrap();
        }
        b.add_edge("a", "b", "road", &["5"]).unwrap();
        b.add_edge("b", "d", "road", &["5"]).unwrap();
        b.add_edge("a", "c", "ferry", &[]).unwrap(); // no km: length 1
        b.add_edge("c", "d", "road", &[""]).unwrap(); // absent km: length 1
        let g = b.build(ParallelEdge::Allow);
        assert_eq!(
            sp(
                &g,
                json!({"source": "a", "target": "d", "weight": "km", "directed": true})
            )
            .unwrap(),
            ["a", "c", "d"]
        );
    }

    #[test]
    fn bad_weights_fail_naming_the_parameter() {
        let g = Graph::from_weighted_edges(3, &[(0, 1, 0.0), (1, 2, 1.0)]);
        let err = sp(
            &g,
            json!({"source": "0", "target": "2", "weight": "weight"}),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("parameter [weight] is invalid! Edge weights must be > 0, found 0"),
            "{err}"
        );
        let err = sp(&g, json!({"source": "0", "target": "2", "weight": "cost"})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter [weight] is invalid! No edge label has a numeric property [cost]."
        );
        // An empty weight means unweighted.
        assert_eq!(
            sp(&g, json!({"source": "0", "target": "2", "weight": ""})).unwrap(),
            ["0", "1", "2"]
        );
    }

    #[test]
    fn errors_and_unreachable() {
        let g = Graph::from_edges(3, &[(0, 1)]);
        assert_eq!(
            sp(&g, json!({"source": "x", "target": "1"})).unwrap_err(),
            AlgoError::Param("parameter [source] is invalid!".into())
        );
        assert_eq!(
            sp(&g, json!({"source": "0", "target": "9"})).unwrap_err(),
            AlgoError::Param("parameter [target] is invalid!".into())
        );
        let out = run_algo(
            &g,
            "shortest_path",
            json!({"source": "0", "target": 2}).as_object().unwrap(),
            &JobControl::new(),
        )
        .unwrap();
        assert_eq!(
            out.scalars,
            json!({"source": "0", "target": "2"})
                .as_object()
                .unwrap()
                .clone()
        );
        assert_eq!(
            out.rows,
            Rows::Vertices {
                key: "path",
                ids: vec![]
            }
        );
        let ctl = JobControl::new();
        ctl.cancel();
        let p = json!({"source": "0", "target": "1"});
        assert_eq!(
            run_algo(&g, "shortest_path", p.as_object().unwrap(), &ctl),
            Err(AlgoError::Cancelled)
        );
    }
}
