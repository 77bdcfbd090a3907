//! Each API surface's words for the one job lifecycle (DECISIONS.md "One job model, many
//! renderings"). The engine knows only [`JobState`]; the wire vocabulary lives here. (The job
//! center's words stay in the engine, beside their inverse, the `status` filter its store
//! queries use: [`JobState::management_status`], [`JobState::management_filter`].)
//!
//! Which service-plane answers speak HyG's words: REFERENCE §13 #2 polls a HyG sync through
//! the service plane's job status (§2.1, "HyG job status and results come from §2.1") and
//! gets `{"status":"complete","result":"success"}`; §1.6 lists HyG's words as
//! `pending|running|complete`, the 2025 DB-edition job list mixes `complete` with
//! `success`/`failed`, and DECISIONS.md renders the HyG job list (the DB edition's
//! `request{command,url,body}` items) as `complete` + `result`. So a HyG job (sync, algorithm,
//! delete) answers in HyG's words on both the job status and the job list; every other job in
//! GES's.

use engine::JobState;

/// Whose words a service-plane job answer (job status, job list item) is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    /// GES's own jobs: `pending | running | success | failed`, no `result`.
    Ges,
    /// HyG jobs (sync, algorithm, delete of a HyG view): `pending | running | complete`, and
    /// once complete `result: success | failed`.
    Hyg,
}

impl Vocabulary {
    /// HyG's words for a HyG job, GES's for any other.
    pub fn of(hyg_job: bool) -> Self {
        if hyg_job { Self::Hyg } else { Self::Ges }
    }

    /// `(status, result)` of a job in `state`; `result` only where this vocabulary has one.
    pub fn render(self, state: JobState) -> (&'static str, Option<&'static str>) {
        match self {
            Self::Ges => (ges_status(state), None),
            Self::Hyg => hyg_status(state),
        }
    }
}

/// GES service-plane job status / job list word (`pending|running|success|failed`); a
/// cancelled job shows `failed` with a failReason starting "cancelled:".
pub fn ges_status(state: JobState) -> &'static str {
    match state {
        JobState::Queued => "pending",
        JobState::Running | JobState::Cancelling => "running",
        JobState::Succeeded => "success",
        JobState::Failed | JobState::Cancelled => "failed",
    }
}

/// HyG's `(status, result)`: `result` only once complete; a cancelled job is complete and
/// failed.
pub fn hyg_status(state: JobState) -> (&'static str, Option<&'static str>) {
    match state {
        JobState::Queued => ("pending", None),
        JobState::Running | JobState::Cancelling => ("running", None),
        JobState::Succeeded => ("complete", Some("success")),
        JobState::Failed | JobState::Cancelled => ("complete", Some("failed")),
    }
}

/// Generic cloud job query word (`INIT|RUNNING|SUCCESS|FAIL`).
pub fn cloud_status(state: JobState) -> &'static str {
    match state {
        JobState::Queued => "INIT",
        JobState::Running | JobState::Cancelling => "RUNNING",
        JobState::Succeeded => "SUCCESS",
        JobState::Failed | JobState::Cancelled => "FAIL",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::JobState::*;

    #[test]
    fn each_surface_renders_its_own_vocabulary() {
        assert_eq!(ges_status(Queued), "pending");
        assert_eq!(ges_status(Cancelling), "running");
        assert_eq!(ges_status(Cancelled), "failed");
        assert_eq!(hyg_status(Succeeded), ("complete", Some("success")));
        assert_eq!(hyg_status(Cancelled), ("complete", Some("failed")));
        assert_eq!(cloud_status(Queued), "INIT");
        assert_eq!(cloud_status(Succeeded), "SUCCESS");
    }

    #[test]
    fn hyg_jobs_are_complete_with_a_result_once_finished_and_ges_jobs_never_have_one() {
        for state in JobState::ALL {
            let (status, result) = Vocabulary::Hyg.render(state);
            assert_eq!(result.is_some(), state.is_terminal(), "{state}");
            assert_eq!(status == "complete", state.is_terminal(), "{state}");
            assert_eq!(Vocabulary::Ges.render(state), (ges_status(state), None));
        }
        assert_eq!(Vocabulary::of(true), Vocabulary::Hyg);
        assert_eq!(Vocabulary::of(false), Vocabulary::Ges);
    }
}
