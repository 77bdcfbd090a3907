//! What a client submits.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{JobKind, JobType};

/// A job to run on a graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobSpec {
    /// Graph to read or write.
    pub graph: String,
    /// The work.
    pub kind: JobKind,
    /// The original request body as received, kept for the job list's `rawRequest`; secrets
    /// are redacted by [`JobSpec::new`].
    pub request: Value,
}

impl JobSpec {
    /// A spec with the request body redacted (`obsParameters` → `"***"`).
    pub fn new(graph: impl Into<String>, kind: JobKind, mut request: Value) -> Self {
        redact(&mut request);
        Self {
            graph: graph.into(),
            kind,
            request,
        }
    }

    /// An algorithm job whose request is the GES execute-algorithm body.
    pub fn algorithm(
        graph: impl Into<String>,
        name: impl Into<String>,
        parameters: Map<String, Value>,
    ) -> Self {
        let name = name.into();
        let request = serde_json::json!({ "algorithmName": name, "parameters": parameters });
        Self::new(
            graph,
            JobKind::Algorithm {
                name,
                parameters,
                executor: crate::distributed::Executor::Local,
            },
            request,
        )
    }

    /// The job type of this spec.
    pub fn job_type(&self) -> JobType {
        self.kind.job_type()
    }
}

/// An import's inputs, as the service-plane import-graph body names them (REFERENCE §5.1),
/// with paths already resolved to local files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ImportSpec {
    /// Metadata (schema) files or directories.
    pub schema_paths: Vec<String>,
    /// Vertex CSV files or directories.
    pub vertex_paths: Vec<String>,
    /// Edge CSV files or directories.
    pub edge_paths: Vec<String>,
    /// Where rejected rows are written.
    pub log_dir: Option<String>,
    /// Field delimiter (default `,`).
    pub delimiter: Option<char>,
    /// Quote character (default `"`).
    pub trim_quote: Option<char>,
    /// `allow` | `ignore` | `override` (default `allow`).
    pub parallel_edge_action: Option<String>,
    /// Duplicates keyed on ⟨src,dst⟩ (true, default) or ⟨src,dst,label⟩.
    pub parallel_edge_ignore_label: Option<bool>,
    /// Import partitioned into this many parts (the body's `partitions`, a graphjobs
    /// extension; see [`crate::graph::import::partitioned`]); `None`: whole, unless the CSV
    /// would exceed `--graph-cache-bytes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitions: Option<u32>,
}

/// Replaces credentials anywhere in a request body with `"***"`.
fn redact(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                let key = k.to_ascii_lowercase();
                if key == "obsparameters"
                    || key == "secretkey"
                    || key == "accesskey"
                    || key == "obs_parameters"
                {
                    *val = Value::String("***".into());
                } else {
                    redact(val);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn obs_credentials_never_reach_the_stored_request() {
        let body = json!({"edgesetPath": "b/e.csv", "obsParameters": {"accessKey": "AK", "secretKey": "SK"},
                          "nested": [{"secretKey": "SK2"}]});
        let spec = JobSpec::new("g", JobKind::ImportGraph(ImportSpec::default()), body);
        let text = spec.request.to_string();
        assert!(!text.contains("SK") && !text.contains("AK"), "{text}");
        assert_eq!(spec.request["obsParameters"], "***");
        assert_eq!(spec.request["edgesetPath"], "b/e.csv");
    }
}
