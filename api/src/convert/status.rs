//! Each API surface's words for the one job lifecycle (DECISIONS.md "One job model, many
//! renderings"). The engine knows only [`JobState`]; the wire vocabulary lives here, one
//! function per surface: [`ges_status`] (service plane), [`hyg_status`] (HyG), [`cloud_status`]
//! (generic cloud job query), [`management_status`] (the job center, with its inverse
//! [`management_filter`] for its `status` filter). ModelArts' words for visualization jobs are
//! in [`super::viz`]; the error codes of every surface in [`super::errors`].
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

/// Management-plane job center word (`pending|running|success|failed`; imports with rejected
/// lines become `partiallyFailed`, [`super::management_status`]).
pub fn management_status(state: JobState) -> &'static str {
    match state {
        JobState::Queued => "pending",
        JobState::Running | JobState::Cancelling => "running",
        JobState::Succeeded => "success",
        JobState::Failed | JobState::Cancelled => "failed",
    }
}

/// The inverse of [`management_status`] for the job center's `status` filter
/// ([`crate::management::STATUS_FILTERS`]): the states it matches and, for succeeded imports,
/// whether some rows were rejected (`partiallyFailed`). `waiting` is the documented word for
/// `pending`. `None` for an unknown word.
pub fn management_filter(word: &str) -> Option<(Vec<JobState>, Option<bool>)> {
    Some(match word {
        "waiting" | "pending" => (vec![JobState::Queued], None),
        "running" => (vec![JobState::Running, JobState::Cancelling], None),
        "success" => (vec![JobState::Succeeded], Some(false)),
        "partiallyFailed" => (vec![JobState::Succeeded], Some(true)),
        "failed" => (vec![JobState::Failed, JobState::Cancelled], None),
        _ => return None,
    })
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
    fn every_management_word_filters_back_to_the_states_that_render_as_it() {
        for word in crate::management::STATUS_FILTERS {
            let (states, partial) = management_filter(word).unwrap();
            for s in &states {
                let shown = match (management_status(*s), partial) {
                    ("success", Some(true)) => "partiallyFailed",
                    ("pending", _) => "waiting",
                    (w, _) => w,
                };
                assert_eq!(shown, word, "{s:?}");
            }
        }
        assert_eq!(management_filter("pending").unwrap().0, vec![Queued]);
        assert!(management_filter("done").is_none());
    }

    #[test]
    fn the_job_center_renders_cancelled_as_failed_and_queued_as_pending() {
        assert_eq!(management_status(Queued), "pending");
        assert_eq!(management_status(Cancelling), "running");
        assert_eq!(management_status(Cancelled), "failed");
        assert_eq!(management_status(Succeeded), "success");
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
