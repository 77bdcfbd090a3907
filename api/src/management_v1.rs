//! The legacy GES management plane v1 (`/v1.0/{project_id}/graphs…`, REFERENCE §6.3, listed by
//! the cloud under "Out-of-Date APIs"): the same resources as [`crate::management`] in camelCase.
//! Every type converts from its v2 twin, so the two planes can never disagree on content.
//!
//! Errors use the camelCase envelope `{"errorCode","errorMessage"}` (REFERENCE §1.3) plus
//! `errorMsg`, see [`ErrorBody`]. The cloud's v1 bodies also carry empty `errorCode`/
//! `errorMessage` on success; graphjobs leaves them out (the SDK models treat them as optional).

use serde::{Deserialize, Serialize};

use crate::management as v2;

/// The v1 error envelope: `{"errorCode","errorMessage","errorMsg"}`. REFERENCE §1.3 names
/// `errorCode`/`errorMessage`; the official SDKs' exception handler (huaweicloudsdkcore) only
/// reads a code paired with `errorMsg` (or `error_code` with `error_msg`), so without `errorMsg`
/// every v1 SDK error would surface as the bare HTTP status. Both names carry the same text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management_v1::ErrorBody))]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// e.g. `GES.7007`.
    pub error_code: String,
    /// Human-readable reason.
    pub error_message: String,
    /// The same reason, under the name the SDKs parse.
    pub error_msg: String,
}

impl ErrorBody {
    /// An error envelope.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            error_code: code.into(),
            error_msg: message.clone(),
            error_message: message,
        }
    }
}

/// `GET /v1.0/{project_id}/graphs/jobs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management_v1::JobList))]
#[serde(rename_all = "camelCase")]
pub struct JobList {
    /// Jobs matching the filter in all.
    pub job_count: u64,
    /// This page.
    pub job_list: Vec<Job>,
}

/// One job (also the flat body of `GET /v1.0/{project_id}/graphs/{graph_id}/jobs/{job_id}/status`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management_v1::Job))]
#[serde(rename_all = "camelCase")]
pub struct Job {
    /// Job id.
    pub job_id: String,
    /// `pending` | `running` | `success` | `failed` | `partiallyFailed`.
    pub status: String,
    /// `GraphManagement`.
    pub job_type: String,
    /// `ImportGraph`, …
    pub job_name: String,
    /// Graph name.
    pub related_graph: String,
    /// UTC `yyyy-MM-dd'T'HH:mm:ss`.
    pub begin_time: String,
    /// UTC `yyyy-MM-dd'T'HH:mm:ss`; empty while running.
    pub end_time: String,
    /// Only for `ImportGraph`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_detail: Option<ImportDetail>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_reason: Option<String>,
    /// Progress 0–100 (reserved and always 0 in the cloud).
    pub job_progress: f64,
}

/// Per-file import detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management_v1::ImportDetail))]
#[serde(rename_all = "camelCase")]
pub struct ImportDetail {
    /// Schema files.
    pub schema_path: Vec<ImportFile>,
    /// Edge files.
    pub edgeset_path: Vec<ImportFile>,
    /// Vertex files.
    pub vertexset_path: Vec<ImportFile>,
}

/// One imported file. v1 documents `path`, `log`, `status` and `cause`; the line counters are
/// the v2 extras, kept under camelCase names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management_v1::ImportFile))]
#[serde(rename_all = "camelCase")]
pub struct ImportFile {
    /// Path as given.
    pub path: String,
    /// Where its rejected rows were logged; `null` when nowhere.
    pub log: Option<String>,
    /// `success` | `failed` | `partFailed`.
    pub status: String,
    /// Failure cause; `null` when none.
    pub cause: Option<String>,
    /// Lines read.
    pub total_lines: i64,
    /// Lines rejected.
    pub failed_lines: i64,
    /// Lines imported.
    pub successful_lines: i64,
}

/// `GET /v1.0/{project_id}/graphs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management_v1::GraphList))]
#[serde(rename_all = "camelCase")]
pub struct GraphList {
    /// Graphs in all.
    pub graph_count: u64,
    /// This page.
    pub graphs: Vec<Graph>,
}

/// `GET /v1.0/{project_id}/graphs/{graph_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management_v1::GraphDetail))]
pub struct GraphDetail {
    /// The graph.
    pub graph: Graph,
}

/// A graph, as [`v2::Graph`] in camelCase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management_v1::Graph))]
#[serde(rename_all = "camelCase")]
pub struct Graph {
    /// Same as the name.
    pub id: String,
    /// Graph name.
    pub name: String,
    /// GES status code: `200` running.
    pub status: String,
    /// UTC `yyyy-MM-dd'T'HH:mm:ss`.
    pub created: String,
    /// UTC `yyyy-MM-dd'T'HH:mm:ss` of the last data change.
    pub updated: String,
    /// Engine version string.
    pub data_store_version: String,
    /// graphjobs extra: vertex count.
    pub vertex_num: u64,
    /// graphjobs extra: edge count.
    pub edge_num: u64,
    /// graphjobs extra: bumped on every write.
    pub version: i64,
    /// graphjobs extension, as [`v2::Graph::partitions`]; absent for a whole graph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitions: Option<u32>,
}

/// `POST /v1.0/{project_id}/graphs` response. v1 answers `{id, name}`; graphjobs adds the
/// creation job's id, since creation is a job here too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management_v1::CreateGraphResponse))]
#[serde(rename_all = "camelCase")]
pub struct CreateGraphResponse {
    /// Graph id (= name).
    pub id: String,
    /// Graph name.
    pub name: String,
    /// The creation job in the job center.
    pub job_id: String,
}

/// Responses that only name the job they queued (import, clear, delete, export).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = management_v1::JobIdResponse))]
#[serde(rename_all = "camelCase")]
pub struct JobIdResponse {
    /// The job in the job center.
    pub job_id: String,
}

impl From<v2::JobList> for JobList {
    fn from(l: v2::JobList) -> Self {
        Self {
            job_count: l.job_count,
            job_list: l.job_list.into_iter().map(Job::from).collect(),
        }
    }
}

impl From<v2::Job> for Job {
    fn from(j: v2::Job) -> Self {
        Self {
            job_id: j.job_id,
            status: j.status,
            job_type: j.job_type,
            job_name: j.job_name,
            related_graph: j.related_graph,
            begin_time: j.begin_time,
            end_time: j.end_time,
            job_detail: j.job_detail.map(ImportDetail::from),
            fail_reason: j.fail_reason,
            job_progress: j.job_progress,
        }
    }
}

impl From<v2::ImportDetail> for ImportDetail {
    fn from(d: v2::ImportDetail) -> Self {
        let files = |v: Vec<v2::ImportFile>| v.into_iter().map(ImportFile::from).collect();
        Self {
            schema_path: files(d.schema_path),
            edgeset_path: files(d.edgeset_path),
            vertexset_path: files(d.vertexset_path),
        }
    }
}

impl From<v2::ImportFile> for ImportFile {
    fn from(f: v2::ImportFile) -> Self {
        Self {
            path: f.path,
            log: f.log,
            status: f.status,
            cause: f.cause,
            total_lines: f.total_lines,
            failed_lines: f.failed_lines,
            successful_lines: f.successful_lines,
        }
    }
}

impl From<v2::GraphList> for GraphList {
    fn from(l: v2::GraphList) -> Self {
        Self {
            graph_count: l.graph_count,
            graphs: l.graphs.into_iter().map(Graph::from).collect(),
        }
    }
}

impl From<v2::GraphDetail> for GraphDetail {
    fn from(d: v2::GraphDetail) -> Self {
        Self {
            graph: d.graph.into(),
        }
    }
}

impl From<v2::Graph> for Graph {
    fn from(g: v2::Graph) -> Self {
        Self {
            id: g.id,
            name: g.name,
            status: g.status,
            created: g.created,
            updated: g.updated,
            data_store_version: g.data_store_version,
            vertex_num: g.vertex_num,
            edge_num: g.edge_num,
            version: g.version,
            partitions: g.partitions,
        }
    }
}

impl From<v2::CreateGraphResponse> for CreateGraphResponse {
    fn from(r: v2::CreateGraphResponse) -> Self {
        Self {
            id: r.id,
            name: r.name,
            job_id: r.job_id,
        }
    }
}

impl From<v2::JobIdResponse> for JobIdResponse {
    fn from(r: v2::JobIdResponse) -> Self {
        Self { job_id: r.job_id }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_renders_camel_case_with_the_v2_content() {
        let v2 = v2::Job {
            job_id: "j1".into(),
            status: "success".into(),
            job_type: "GraphManagement".into(),
            job_name: "ImportGraph".into(),
            related_graph: "movie".into(),
            begin_time: "2026-11-22T10:00:00".into(),
            end_time: "2026-11-22T10:00:01".into(),
            job_detail: Some(v2::ImportDetail {
                schema_path: vec![],
                edgeset_path: vec![v2::ImportFile {
                    path: "e.csv".into(),
                    log: None,
                    status: "success".into(),
                    cause: None,
                    total_lines: 3,
                    failed_lines: 0,
                    successful_lines: 3,
                }],
                vertexset_path: vec![],
            }),
            fail_reason: None,
            job_progress: 100.0,
        };
        let json = serde_json::to_value(JobList::from(v2::JobList {
            job_count: 1,
            job_list: vec![v2],
        }))
        .unwrap();
        assert_eq!(json["jobCount"], 1);
        let job = &json["jobList"][0];
        assert_eq!(job["jobId"], "j1");
        assert_eq!(job["relatedGraph"], "movie");
        assert_eq!(job["beginTime"], "2026-11-22T10:00:00");
        assert_eq!(job["jobProgress"], 100.0);
        assert_eq!(job["jobDetail"]["edgesetPath"][0]["successfulLines"], 3);
        assert!(job.get("job_id").is_none() && job.get("failReason").is_none());
    }
}
