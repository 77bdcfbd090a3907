//! Why a job failed, in the engine's own terms ([`FailKind`]). It is kept with the job (the
//! `jobs.error_code` column holds [`FailKind::as_str`]); each API surface shows it as a code of
//! its own, numbered in the `api` crate (`api::convert::errors`), never here.

use serde::{Deserialize, Serialize};

/// What kind of failure ended a job; [`crate::JobRecord::fail_reason`] says what happened. Not
/// `#[non_exhaustive]`, so that a new kind fails to build until every surface has a code for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailKind {
    /// Refused when it ran, as its submit would have been had the graph been as it is now: the
    /// graph or its HyG view is gone, a graph of that name exists already, a sync names a label
    /// the graph lacks, a query refuses its filters.
    Refused,
    /// The store gave up on it: the node running it stopped and running it again is unsafe (an
    /// import may have partly run) or was tried [`MAX_ATTEMPTS`](super::store::MAX_ATTEMPTS)
    /// times, or it outlived its cancel deadline.
    Abandoned,
    /// Its algorithm or dsl script failed on the graph's data, or its run met an internal error.
    RunFailed,
    /// An export (export-result, export-graph) could not be written.
    ExportFailed,
    /// An import could not be read or built.
    ImportFailed,
}

impl FailKind {
    /// Every kind.
    pub const ALL: [FailKind; 5] = [
        Self::Refused,
        Self::Abandoned,
        Self::RunFailed,
        Self::ExportFailed,
        Self::ImportFailed,
    ];

    /// The name kept in the job store (and the serde name).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Refused => "refused",
            Self::Abandoned => "abandoned",
            Self::RunFailed => "run_failed",
            Self::ExportFailed => "export_failed",
            Self::ImportFailed => "import_failed",
        }
    }

    /// Parses [`as_str`](Self::as_str) output; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for FailKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::FailKind;

    #[test]
    fn names_round_trip_and_match_serde() {
        for k in FailKind::ALL {
            assert_eq!(FailKind::parse(k.as_str()), Some(k));
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::Value::from(k.as_str())
            );
        }
        assert_eq!(FailKind::parse("failed"), None);
    }
}
