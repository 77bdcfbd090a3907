//! Dumping a job's result by its id alone (the console's "Dump to OBS",
//! [`Engine::dump_result`](crate::Engine::dump_result)): the graph is the
//! source job's own, and the request is recorded as the REST body would have been, with
//! `obsParameters` redacted like every stored request.

use serde_json::json;

use super::result::ExportResultSpec;
use crate::job::{JobKind, JobSpec};

/// The export-result job that dumps `source_job` (of graph `graph`) to `export_path`, its
/// request recorded as the REST body would have been, `obsParameters` redacted when `keyed`.
pub(crate) fn spec(
    graph: String,
    source_job: &str,
    export_path: &str,
    erase: bool,
    keyed: bool,
) -> JobSpec {
    let request = json!({
        "exportPath": export_path,
        "erase": erase,
        "obsParameters": keyed.then(|| json!({"accessKey": "***", "secretKey": "***"})),
    });
    let kind = JobKind::ExportResult(ExportResultSpec {
        source_job: source_job.to_owned(),
        export_path: export_path.to_owned(),
        file_name: None,
        erase,
    });
    JobSpec::new(graph, kind, request)
}
