//! The signed-in credential's role in the current project, as the console reads it to leave
//! out what the role may not do (the server refuses it anyway, with 403).

use serde::{Deserialize, Serialize};

/// What the credential may do in the project (`engine::auth::Role` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads only.
    Viewer,
    /// Also submits, cancels and dumps jobs and runs visualization jobs.
    Operator,
    /// Also imports, clears and deletes graphs.
    Admin,
}

impl Role {
    /// `viewer`, `operator` or `admin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Operator => "operator",
            Self::Admin => "admin",
        }
    }

    /// Whether it may submit, cancel, re-run and dump jobs, export graphs, and create, stop,
    /// restart and delete visualization jobs.
    pub fn may_operate(self) -> bool {
        self >= Self::Operator
    }

    /// Whether it may also import into, clear and delete graphs.
    pub fn may_administer(self) -> bool {
        self >= Self::Admin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_may_do_what_the_ones_below_may() {
        assert!(!Role::Viewer.may_operate() && !Role::Viewer.may_administer());
        assert!(Role::Operator.may_operate() && !Role::Operator.may_administer());
        assert!(Role::Admin.may_operate() && Role::Admin.may_administer());
        assert_eq!(
            serde_json::to_string(&Role::Operator).unwrap(),
            "\"operator\""
        );
        for r in [Role::Viewer, Role::Operator, Role::Admin] {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), r);
        }
    }
}
