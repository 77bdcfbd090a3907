//! Jobs: what is submitted ([`JobSpec`]), what is kept ([`JobRecord`]), and the machinery that
//! runs them durably ([`store`], [`runner`]).

pub mod bulk_cancel;
pub(crate) mod cluster_events;
pub mod control;
pub mod events;
mod failure;
pub mod finished;
mod heartbeat;
pub(crate) mod kind;
pub(crate) mod runner;
pub(crate) mod running;
mod spec;
pub mod state;
pub mod store;
pub mod submit;
pub mod sweeper;

pub use failure::FailKind;
pub use kind::JobKind;
pub use spec::{ImportSpec, JobSpec};
pub use state::JobState;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

/// A job id: a UUID plus a 9-digit numeric suffix, as GES service-plane ids look
/// (`4448c9fb-0b16-4a78-8d89-2a137c53454a001679122`, REFERENCE §1.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JobId(pub String);

impl JobId {
    /// A fresh id; `seq` feeds the numeric suffix.
    pub fn generate(seq: u64) -> Self {
        Self(format!(
            "{}{:09}",
            uuid::Uuid::new_v4(),
            seq % 1_000_000_000
        ))
    }
}

impl std::fmt::Display for JobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kind of work, as the job list's `taskType` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JobType {
    /// execute-algorithm.
    Algorithm,
    /// import-graph.
    ImportGraph,
    /// Management plane: create an (empty) graph.
    CreateGraph,
    /// Management plane: clear a graph's data (and optionally its schema).
    ClearGraph,
    /// Management plane: delete a graph.
    DeleteGraph,
    /// export-result: dump a job's result to OBS or a local path.
    ExportResult,
    /// export-graph: write a graph's schema, vertices and edges to OBS or a local path.
    ExportGraph,
    /// `vertices/action?action_id=query`.
    VertexQuery,
    /// `edges/action?action_id=query`.
    EdgeQuery,
    /// `action?action_id=filtered-query` (k-hop filtered query).
    FilteredQuery,
    /// `action?action_id=path-query` (Filtered Query V2).
    PathQuery,
    /// `vertices/action?action_id=delete` (delete the vertices a filter matches).
    DeleteVertices,
    /// HyG `sync`.
    HygSync,
    /// HyG `DELETE …/hyg/{graph}` (drops the view).
    HygDelete,
    /// A bulk cancel (HyG cancel-all-queued): a parent job whose sub-jobs are the jobs it
    /// cancelled. Recorded finished; it never queues.
    CancelJobs,
}

impl JobType {
    /// The `taskType` word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Algorithm => "Algorithm",
            Self::ImportGraph => "ImportGraph",
            Self::CreateGraph => "CreateGraph",
            Self::ClearGraph => "ClearGraph",
            Self::DeleteGraph => "DeleteGraph",
            Self::ExportResult => "ExportResult",
            Self::ExportGraph => "ExportGraph",
            Self::VertexQuery => "VertexQuery",
            Self::EdgeQuery => "EdgeQuery",
            Self::FilteredQuery => "FilteredQuery",
            Self::PathQuery => "PathQuery",
            Self::DeleteVertices => "DeleteVertices",
            Self::HygSync => "HygSync",
            Self::HygDelete => "HygDelete",
            Self::CancelJobs => "CancelJobs",
        }
    }

    /// The job types the management-plane job center lists (graph lifecycle, not computations).
    pub const MANAGEMENT: [JobType; 5] = [
        Self::ImportGraph,
        Self::CreateGraph,
        Self::ClearGraph,
        Self::DeleteGraph,
        Self::ExportGraph,
    ];

    /// Parses a `taskType` word.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Algorithm" => Some(Self::Algorithm),
            "ImportGraph" => Some(Self::ImportGraph),
            "CreateGraph" => Some(Self::CreateGraph),
            "ClearGraph" => Some(Self::ClearGraph),
            "DeleteGraph" => Some(Self::DeleteGraph),
            "ExportResult" => Some(Self::ExportResult),
            "ExportGraph" => Some(Self::ExportGraph),
            "VertexQuery" => Some(Self::VertexQuery),
            "EdgeQuery" => Some(Self::EdgeQuery),
            "FilteredQuery" => Some(Self::FilteredQuery),
            "PathQuery" => Some(Self::PathQuery),
            "DeleteVertices" => Some(Self::DeleteVertices),
            "HygSync" => Some(Self::HygSync),
            "HygDelete" => Some(Self::HygDelete),
            "CancelJobs" => Some(Self::CancelJobs),
            _ => None,
        }
    }

    /// Whether a succeeded job of this type has a result that pages through job status (rows,
    /// or for a delete by filter only its counts).
    pub fn has_result(self) -> bool {
        matches!(
            self,
            Self::Algorithm
                | Self::VertexQuery
                | Self::EdgeQuery
                | Self::FilteredQuery
                | Self::PathQuery
                | Self::DeleteVertices
        )
    }

    /// Whether a job of this type that was running at a crash may simply run again.
    /// Algorithms only read and create/clear/delete are idempotent; an import may already have
    /// committed (and would add its edges twice), so it is failed instead.
    pub fn rerunnable(self) -> bool {
        !matches!(self, Self::ImportGraph)
    }
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobRecord {
    /// Id.
    pub id: JobId,
    /// Owning project.
    pub project: String,
    /// Graph it reads or writes.
    pub graph: String,
    /// Kind of work.
    pub job_type: JobType,
    /// Algorithm name, for algorithm jobs.
    pub algorithm: Option<String>,
    /// Lifecycle state.
    pub state: JobState,
    /// 0–100, `None` while unknown.
    pub progress: Option<u8>,
    /// The original request body, secrets redacted.
    pub request: Value,
    /// Submission time.
    pub created_at: OffsetDateTime,
    /// When a worker took it.
    pub started_at: Option<OffsetDateTime>,
    /// When it reached a terminal state.
    pub ended_at: Option<OffsetDateTime>,
    /// Why it failed or was cancelled.
    pub fail_reason: Option<String>,
    /// What kind of failure it was (`None` unless failed; absent on jobs failed by an older
    /// version that recorded none).
    pub fail_kind: Option<FailKind>,
    /// Who asked for the cancel.
    pub cancel_actor: Option<String>,
    /// Why.
    pub cancel_reason: Option<String>,
    /// Graph version the job read (or, for an import, wrote).
    pub graph_version: Option<i64>,
    /// Number of result rows once succeeded.
    pub result_total: Option<u64>,
    /// Type-specific detail (import per-file counters), JSON.
    pub detail: Option<Value>,
    /// Succeeded, but some input rows were rejected (an import's `partiallyFailed`).
    pub partial: bool,
    /// Claim order: higher first, then oldest first (see [`crate::engine::SubmitOptions`]).
    #[serde(default)]
    pub priority: i64,
    /// Work counters reported while running (rows, vertices, iterations), each if applicable.
    #[serde(default)]
    pub counters: JobCounters,
    /// Expected end while running, estimated from the progress rate; `None` = unknown.
    #[serde(default)]
    pub eta: Option<OffsetDateTime>,
    /// When the running worker's lease ends unless renewed (its heartbeat renews it).
    #[serde(default)]
    pub lease_expires_at: Option<OffsetDateTime>,
    /// While `cancelling`: when the job is failed if it has not stopped
    /// (DECISIONS.md "Cancellation").
    #[serde(default)]
    pub cancel_deadline: Option<OffsetDateTime>,
    /// A HyG job (sync, algorithm or delete on a HyG view, REFERENCE §13): shown in HyG's
    /// status words (and run one at a time per graph: see [`JobKind::fifo_key`]).
    #[serde(default)]
    pub hyg: bool,
    /// Claims so far (1 while the first worker runs it): a running job's fencing epoch.
    #[serde(default)]
    pub attempt: u32,
    /// The claim whose result the job's success recorded; `None` for jobs finished before
    /// results were kept per claim (see [`crate::result::ResultKey`]).
    #[serde(default)]
    pub result_attempt: Option<u32>,
}

/// Work counters of a job; each is `None` where it does not apply or is not known yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobCounters {
    /// Rows read (imports) or written (results).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
    /// Vertices of the graph the job works on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vertices: Option<u64>,
    /// Iterations done by an iterative algorithm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u64>,
    /// Milliseconds spent loading the graph into the node's memory, when it was not there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graph_load_ms: Option<u64>,
}

impl JobCounters {
    /// Whether no counter is known.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl JobRecord {
    /// A job queued now for `spec` (`algorithm`: the name the job list shows).
    pub fn queued(
        id: JobId,
        project: &str,
        spec: &JobSpec,
        algorithm: Option<String>,
        priority: i64,
    ) -> Self {
        Self {
            algorithm,
            priority,
            hyg: spec.kind.is_hyg(),
            ..Self::new(
                id,
                project,
                &spec.graph,
                spec.job_type(),
                spec.request.clone(),
            )
        }
    }

    /// A job that succeeded the moment it was made (a bulk action done by its request),
    /// started at `started` and ended now.
    pub fn finished(
        id: JobId,
        project: &str,
        graph: &str,
        job_type: JobType,
        request: serde_json::Value,
        started: OffsetDateTime,
    ) -> Self {
        Self {
            state: JobState::Succeeded,
            progress: Some(100),
            created_at: started,
            started_at: Some(started),
            ended_at: Some(crate::time_fmt::now()),
            ..Self::new(id, project, graph, job_type, request)
        }
    }

    /// A queued job created now, with nothing else known yet (what stores and their tests
    /// start from; the engine makes its jobs with [`Self::queued`]).
    pub fn new(id: JobId, project: &str, graph: &str, job_type: JobType, request: Value) -> Self {
        Self {
            id,
            project: project.to_owned(),
            graph: graph.to_owned(),
            job_type,
            algorithm: None,
            state: JobState::Queued,
            progress: None,
            request,
            created_at: crate::time_fmt::now(),
            started_at: None,
            ended_at: None,
            fail_reason: None,
            fail_kind: None,
            cancel_actor: None,
            cancel_reason: None,
            graph_version: None,
            result_total: None,
            detail: None,
            partial: false,
            priority: 0,
            counters: Default::default(),
            eta: None,
            lease_expires_at: None,
            cancel_deadline: None,
            hyg: false,
            attempt: 0,
            result_attempt: None,
        }
    }
    /// Whether a cancel can still change anything.
    pub fn can_cancel(&self) -> bool {
        matches!(self.state, JobState::Queued | JobState::Running)
    }
}

/// Filter and page for job listings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobFilter {
    /// Only this graph.
    pub graph: Option<String>,
    /// Only these states (empty = all).
    pub states: Vec<JobState>,
    /// Only these types (empty = all).
    pub job_types: Vec<JobType>,
    /// Only jobs created at or after this time.
    pub created_from: Option<OffsetDateTime>,
    /// Only jobs created before this time.
    pub created_before: Option<OffsetDateTime>,
    /// Only succeeded jobs with (true) or without (false) rejected input rows.
    pub partial: Option<bool>,
    /// Only jobs whose id starts with this text, or whose graph or algorithm contains it,
    /// ignoring ASCII case (the console's search box). Empty matches everything. Ids are
    /// matched by prefix so that the search is an index lookup (`store/sqlite_list.rs`).
    pub text: Option<String>,
    /// Skip this many (newest first).
    pub offset: u64,
    /// At most this many.
    pub limit: u64,
}

/// A page of jobs and how many match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct JobPage {
    /// Newest first.
    pub jobs: Vec<JobRecord>,
    /// Total matching the filter.
    pub total: u64,
}
