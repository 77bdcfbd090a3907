//! The import form as the browser posts it, and its checks: graph name, single-character
//! delimiter and quote, parallel-edge mode, partition count, at least one data path, OBS keys
//! given together.
//! Pure. The server function runs every check; the browser only the graph name's, as the user
//! types. The engine checks the paths against the allowed import roots itself.

#[cfg(feature = "ssr")]
use std::fmt;

#[cfg(feature = "ssr")]
use api::console::graphs::ImportRequest;
#[cfg(feature = "ssr")]
use serde::{Deserialize, Serialize};

/// The parallel-edge modes the import job knows, in the order the form offers them.
pub(crate) const PARALLEL_EDGE: [&str; 3] = ["allow", "ignore", "override"];

/// The code the console gives its own refusals of the form, as the REST API gives the same ones
/// (the service plane's code for a bad parameter).
#[cfg(feature = "ssr")]
pub(crate) const CODE: &str = api::convert::errors::ges_refusal(engine::Refusal::BadParameter);

/// Every field of the import form as posted: raw text, `None` when the browser sent nothing.
/// The inputs are named `form[graph]`, `form[schema_path]`, … (the server function's argument).
/// Only the server reads it: the browser sends the form as multipart form data.
#[cfg(feature = "ssr")]
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct ImportForm {
    /// Target graph.
    pub(crate) graph: String,
    /// Schema file or directory.
    pub(crate) schema_path: Option<String>,
    /// Vertex file or directory.
    pub(crate) vertex_path: Option<String>,
    /// Edge file or directory.
    pub(crate) edge_path: Option<String>,
    /// Field delimiter.
    pub(crate) delimiter: Option<String>,
    /// Quote character.
    pub(crate) trim_quote: Option<String>,
    /// `allow`, `ignore` or `override`.
    pub(crate) parallel_edge: Option<String>,
    /// The "ignore labels" checkbox: present when ticked.
    pub(crate) ignore_label: Option<String>,
    /// Rejected-rows directory.
    pub(crate) log_dir: Option<String>,
    /// Parts to import the graph partitioned into (empty: whole).
    pub(crate) partitions: Option<String>,
    /// OBS access key (bucket paths only).
    pub(crate) access_key: Option<String>,
    /// OBS secret key (bucket paths only).
    pub(crate) secret_key: Option<String>,
}

#[cfg(feature = "ssr")]
impl fmt::Debug for ImportForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportForm")
            .field("graph", &self.graph)
            .field("schema_path", &self.schema_path)
            .field("vertex_path", &self.vertex_path)
            .field("edge_path", &self.edge_path)
            .field("secret_key", &self.secret_key.as_ref().map(|_| "***"))
            .finish_non_exhaustive()
    }
}

/// OBS access key and secret key, both given.
#[cfg(feature = "ssr")]
pub(crate) type ObsKeys = (String, String);

#[cfg(feature = "ssr")]
impl ImportForm {
    /// The checked import request and the OBS keys, or the first problem (with its code).
    pub(crate) fn check(&self) -> Result<(ImportRequest, Option<ObsKeys>), String> {
        let refuse = |msg: String| format!("{CODE}: {msg}");
        let graph = self.graph.trim().to_string();
        if let Some(problem) = graph_name_problem(&graph) {
            return Err(refuse(format!("Graph name: {problem}")));
        }
        let (vertex_path, edge_path) = (given(&self.vertex_path), given(&self.edge_path));
        if vertex_path.is_none() && edge_path.is_none() {
            return Err(refuse("Give a vertex path, an edge path or both.".into()));
        }
        let parallel_edge = given(&self.parallel_edge);
        if let Some(mode) = parallel_edge
            .as_deref()
            .filter(|m| !PARALLEL_EDGE.contains(m))
        {
            return Err(refuse(format!(
                "Parallel edges must be allow, ignore or override, not \"{mode}\"."
            )));
        }
        let keys = match (given(&self.access_key), given(&self.secret_key)) {
            (Some(ak), Some(sk)) => Some((ak, sk)),
            (None, None) => None,
            _ => return Err(refuse("Give both OBS keys or neither.".into())),
        };
        let request = ImportRequest {
            graph,
            schema_path: given(&self.schema_path),
            vertex_path,
            edge_path,
            delimiter: one_char(&self.delimiter, "Delimiter").map_err(refuse)?,
            trim_quote: one_char(&self.trim_quote, "Quote character").map_err(refuse)?,
            parallel_edge,
            ignore_label: self.ignore_label.is_some(),
            log_dir: given(&self.log_dir),
            partitions: partitions(&self.partitions).map_err(refuse)?,
        };
        Ok((request, keys))
    }
}

/// Why `name` cannot be a graph name (the engine's rule, [`::rules::graph::graph_name_problem`]:
/// 1–64 letters, digits, `_` or `-`, starting with a letter), or `None` when it can.
pub(crate) fn graph_name_problem(name: &str) -> Option<&'static str> {
    use ::rules::graph::GraphNameProblem;
    Some(match ::rules::graph::graph_name_problem(name)? {
        GraphNameProblem::Empty => "required.",
        GraphNameProblem::TooLong => "at most 64 characters.",
        GraphNameProblem::Start => "must start with a letter.",
        GraphNameProblem::Chars => "only letters, digits, _ and - are allowed.",
    })
}

/// The trimmed text, `None` when empty.
#[cfg(feature = "ssr")]
fn given(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A partition count in 1–256, `None` when empty.
#[cfg(feature = "ssr")]
fn partitions(v: &Option<String>) -> Result<Option<u32>, String> {
    let Some(text) = given(v) else {
        return Ok(None);
    };
    let max = engine::graph::partition::MAX_PARTS;
    match text.parse::<u32>() {
        Ok(p) if (1..=max).contains(&p) => Ok(Some(p)),
        _ => Err(format!(
            "Partitions must be a whole number from 1 to {max}."
        )),
    }
}

/// One ASCII character, `None` when empty. Trimmed, except that a lone space or tab is kept
/// (both are valid delimiters).
#[cfg(feature = "ssr")]
fn one_char(v: &Option<String>, field: &str) -> Result<Option<char>, String> {
    let raw = v.as_deref().unwrap_or_default();
    let text = if raw == " " || raw == "\t" {
        raw
    } else {
        raw.trim()
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Ok(None),
        (Some(c), None) if c.is_ascii() => Ok(Some(c)),
        _ => Err(format!("{field} must be one ASCII character.")),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn form() -> ImportForm {
        ImportForm {
            graph: " movie_copy ".into(),
            schema_path: Some("file:///data/demo/movie/schema.xml".into()),
            vertex_path: Some("file:///data/demo/movie/vertices.csv".into()),
            edge_path: Some("".into()),
            delimiter: Some("".into()),
            parallel_edge: Some("ignore".into()),
            ignore_label: Some("true".into()),
            ..Default::default()
        }
    }

    #[test]
    fn graph_names_follow_the_engine_rule() {
        for ok in ["g", "movie_copy", "A-1", &"x".repeat(64)] {
            assert_eq!(graph_name_problem(ok), None, "{ok}");
        }
        assert_eq!(graph_name_problem(""), Some("required."));
        assert_eq!(
            graph_name_problem(&"x".repeat(65)),
            Some("at most 64 characters.")
        );
        assert_eq!(
            graph_name_problem("1abc"),
            Some("must start with a letter.")
        );
        assert_eq!(
            graph_name_problem("_abc"),
            Some("must start with a letter.")
        );
        assert!(graph_name_problem("a b").unwrap().contains("only letters"));
        assert!(graph_name_problem("añb").is_some());
    }

    #[test]
    fn a_valid_form_becomes_a_request_with_empty_fields_left_out() {
        let (req, keys) = form().check().unwrap();
        assert_eq!(req.graph, "movie_copy");
        assert_eq!(
            req.schema_path.as_deref(),
            Some("file:///data/demo/movie/schema.xml")
        );
        assert_eq!(req.edge_path, None);
        assert_eq!(req.delimiter, None);
        assert_eq!(req.parallel_edge.as_deref(), Some("ignore"));
        assert!(req.ignore_label);
        assert_eq!(keys, None);
        let unticked = ImportForm {
            ignore_label: None,
            delimiter: Some("|".into()),
            trim_quote: Some("'".into()),
            ..form()
        };
        let (req, _) = unticked.check().unwrap();
        assert!(!req.ignore_label);
        assert_eq!((req.delimiter, req.trim_quote), (Some('|'), Some('\'')));
        let tab = ImportForm {
            delimiter: Some("\t".into()),
            ..form()
        };
        assert_eq!(tab.check().unwrap().0.delimiter, Some('\t'));
    }

    #[test]
    fn each_problem_is_refused_with_its_field_named() {
        let refused = |f: ImportForm| f.check().unwrap_err();
        let e = refused(ImportForm {
            graph: "9lives".into(),
            ..form()
        });
        assert_eq!(e, "GES.8000: Graph name: must start with a letter.");
        let e = refused(ImportForm {
            vertex_path: None,
            ..form()
        });
        assert!(e.contains("vertex path, an edge path"), "{e}");
        let e = refused(ImportForm {
            delimiter: Some(";;".into()),
            ..form()
        });
        assert_eq!(e, "GES.8000: Delimiter must be one ASCII character.");
        let e = refused(ImportForm {
            trim_quote: Some("«".into()),
            ..form()
        });
        assert!(e.contains("Quote character"), "{e}");
        let e = refused(ImportForm {
            parallel_edge: Some("merge".into()),
            ..form()
        });
        assert!(e.contains("\"merge\""), "{e}");
        let e = refused(ImportForm {
            access_key: Some("AK".into()),
            ..form()
        });
        assert!(e.contains("both OBS keys"), "{e}");
        for bad in ["0", "257", "two"] {
            let e = refused(ImportForm {
                partitions: Some(bad.into()),
                ..form()
            });
            assert_eq!(
                e,
                "GES.8000: Partitions must be a whole number from 1 to 256."
            );
        }
        let split = ImportForm {
            partitions: Some(" 3 ".into()),
            ..form()
        };
        assert_eq!(split.check().unwrap().0.partitions, Some(3));
        let with_keys = ImportForm {
            access_key: Some("AK".into()),
            secret_key: Some("SK".into()),
            ..form()
        };
        assert_eq!(
            with_keys.check().unwrap().1,
            Some(("AK".into(), "SK".into()))
        );
        assert!(!format!("{with_keys:?}").contains("SK"));
    }

    #[test]
    fn the_import_job_carries_the_request_as_a_ges_body() {
        let (req, _) = form().check().unwrap();
        let spec = api::convert::graphs::import_job(&req);
        assert_eq!(spec.graph, "movie_copy");
        let engine::JobKind::ImportGraph(import) = &spec.kind else {
            panic!("not an import: {:?}", spec.kind);
        };
        assert_eq!(
            import.vertex_paths,
            ["file:///data/demo/movie/vertices.csv"]
        );
        assert!(import.edge_paths.is_empty());
        assert_eq!(import.parallel_edge_action.as_deref(), Some("ignore"));
        assert_eq!(import.parallel_edge_ignore_label, Some(true));
        assert_eq!(
            spec.request["vertexsetPath"],
            "file:///data/demo/movie/vertices.csv"
        );
        assert_eq!(spec.request["parallelEdge"]["action"], "ignore");
        assert!(spec.request.get("edgesetPath").is_none());
        assert!(spec.request.get("partitions").is_none());
        let (split, _) = ImportForm {
            partitions: Some("2".into()),
            ..form()
        }
        .check()
        .unwrap();
        let spec = api::convert::graphs::import_job(&split);
        assert_eq!(spec.request["partitions"], 2);
    }
}
