//! The visualization job lifecycle as pure functions (DECISIONS.md "ModelArts" row):
//!
//! ```text
//! create / restart → INIT(1) → WAITING(7) → RUNNING(8) ─stop / schedule─→ KILLING(9) → COMPLETED(10)
//!                                                         (FAILED(11), KILLED(12): terminal)
//! ```
//!
//! The automatic steps ([`advance`]) are taken by the scheduler; the user actions ([`stop`],
//! [`restart`], [`delete`]) are refused with ModelArts' own wording ("This job can't be stop.
//! job status: 10"), which the REST layer sends as `ModelArts.0105`.

use std::fmt;

/// A visualization job's status, numbered as ModelArts' `JOBSTAT_*` codes (REFERENCE §9.8).
/// Only the codes graphjobs reaches are modelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VizState {
    /// 1: accepted, not yet queued.
    Init,
    /// 7: queued for a serving slot.
    Waiting,
    /// 8: serving its view at `service_url`.
    Running,
    /// 9: stopping.
    Killing,
    /// 10: stopped by a user or by its schedule.
    Completed,
    /// 11: could not serve.
    Failed,
    /// 12: cancelled before it ran.
    Killed,
}

impl VizState {
    /// Every state, for exhaustive tests and filters.
    pub const ALL: [VizState; 7] = [
        Self::Init,
        Self::Waiting,
        Self::Running,
        Self::Killing,
        Self::Completed,
        Self::Failed,
        Self::Killed,
    ];

    /// The ModelArts status integer.
    pub fn code(self) -> i64 {
        match self {
            Self::Init => 1,
            Self::Waiting => 7,
            Self::Running => 8,
            Self::Killing => 9,
            Self::Completed => 10,
            Self::Failed => 11,
            Self::Killed => 12,
        }
    }

    /// Inverse of [`VizState::code`]; `None` for codes graphjobs never uses.
    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the job stays here until a user acts.
    pub fn is_terminal(self) -> bool {
        matches!(self, Self::Completed | Self::Failed | Self::Killed)
    }
}

impl fmt::Display for VizState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

/// A user action refused in the job's current state; `Display` is ModelArts' message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    /// ModelArts' verb: `stop`, `resubmit` or `delete`.
    pub verb: &'static str,
    /// The state that refused it.
    pub state: VizState,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "This job can't be {}. job status: {}",
            self.verb, self.state
        )
    }
}

/// The step the scheduler takes on its own from `state`, if any.
pub fn advance(state: VizState) -> Option<VizState> {
    match state {
        VizState::Init => Some(VizState::Waiting),
        VizState::Waiting => Some(VizState::Running),
        VizState::Killing => Some(VizState::Completed),
        VizState::Running | VizState::Completed | VizState::Failed | VizState::Killed => None,
    }
}

/// `POST …/stop` (and the schedule's auto-stop): only a RUNNING job stops.
pub fn stop(state: VizState) -> Result<VizState, Refused> {
    match state {
        VizState::Running => Ok(VizState::Killing),
        other => Err(Refused {
            verb: "stop",
            state: other,
        }),
    }
}

/// `POST …/restart`: a finished job starts over from INIT.
pub fn restart(state: VizState) -> Result<VizState, Refused> {
    if state.is_terminal() {
        Ok(VizState::Init)
    } else {
        Err(Refused {
            verb: "resubmit",
            state,
        })
    }
}

/// `DELETE …`: refused only while the job is stopping (REFERENCE §9.5's sample).
pub fn delete(state: VizState) -> Result<(), Refused> {
    match state {
        VizState::Killing => Err(Refused {
            verb: "delete",
            state,
        }),
        _ => Ok(()),
    }
}

/// Whether any function of this module moves `from` to `to` (store writes are checked by it).
pub fn can_become(from: VizState, to: VizState) -> bool {
    advance(from) == Some(to)
        || stop(from) == Ok(to)
        || restart(from) == Ok(to)
        || (from == VizState::Waiting && to == VizState::Failed)
}

#[cfg(test)]
mod tests {
    use super::VizState::*;
    use super::*;

    #[test]
    fn codes_are_modelarts_jobstat_numbers_and_round_trip() {
        let codes: Vec<i64> = VizState::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, [1, 7, 8, 9, 10, 11, 12]);
        for s in VizState::ALL {
            assert_eq!(VizState::from_code(s.code()), Some(s));
        }
        for unused in [0, 2, 3, 4, 5, 6, 13, 21, -1, 99] {
            assert_eq!(VizState::from_code(unused), None, "{unused}");
        }
    }

    #[test]
    fn automatic_steps_for_every_state() {
        let want = [
            (Init, Some(Waiting)),
            (Waiting, Some(Running)),
            (Running, None),
            (Killing, Some(Completed)),
            (Completed, None),
            (Failed, None),
            (Killed, None),
        ];
        assert_eq!(want.len(), VizState::ALL.len());
        for (from, to) in want {
            assert_eq!(advance(from), to, "{from:?}");
        }
    }

    #[test]
    fn stop_only_from_running() {
        for s in VizState::ALL {
            match s {
                Running => assert_eq!(stop(s), Ok(Killing)),
                _ => assert_eq!(
                    stop(s).unwrap_err().to_string(),
                    format!("This job can't be stop. job status: {}", s.code())
                ),
            }
        }
        assert_eq!(
            stop(Completed).unwrap_err().to_string(),
            "This job can't be stop. job status: 10"
        );
    }

    #[test]
    fn restart_only_from_finished_states() {
        for s in VizState::ALL {
            match s {
                Completed | Failed | Killed => assert_eq!(restart(s), Ok(Init)),
                _ => assert_eq!(
                    restart(s).unwrap_err().to_string(),
                    format!("This job can't be resubmit. job status: {}", s.code())
                ),
            }
        }
        assert_eq!(
            restart(Running).unwrap_err().to_string(),
            "This job can't be resubmit. job status: 8"
        );
    }

    #[test]
    fn delete_refused_only_while_killing() {
        for s in VizState::ALL {
            match s {
                Killing => assert_eq!(
                    delete(s).unwrap_err().to_string(),
                    "This job can't be delete. job status: 9"
                ),
                _ => assert_eq!(delete(s), Ok(()), "{s:?}"),
            }
        }
    }

    #[test]
    fn the_transition_relation_is_exactly_the_documented_graph() {
        let allowed = [
            (Init, Waiting),
            (Waiting, Running),
            (Waiting, Failed),
            (Running, Killing),
            (Killing, Completed),
            (Completed, Init),
            (Failed, Init),
            (Killed, Init),
        ];
        for from in VizState::ALL {
            for to in VizState::ALL {
                assert_eq!(
                    can_become(from, to),
                    allowed.contains(&(from, to)),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn terminal_states_take_no_automatic_step() {
        for s in VizState::ALL.into_iter().filter(|s| s.is_terminal()) {
            assert_eq!(advance(s), None);
            assert!(stop(s).is_err());
        }
    }
}
