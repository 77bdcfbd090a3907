//! Roles: what a credential may do in one project.
//!
//! Every token and access key carries a [`Role`] per project it may use (a [`Grant`]). The
//! roles are ordered, each one allowing what the one below allows and more:
//!
//! | role | may |
//! |---|---|
//! | [`Role::Viewer`] | read: jobs, results, graphs, visualization jobs, the console's pages |
//! | [`Role::Operator`] | also submit jobs (algorithms, queries, HyG algorithms and scripts, re-runs), cancel them (one, selected, all matching, all queued), dump results and export graphs, and create, update, stop, restart and delete visualization jobs |
//! | [`Role::Admin`] | also import into, create, clear and delete graphs (and delete vertices by filter, create, sync and delete HyG views), and manage tokens and access keys |
//!
//! The engine stores roles and tells who holds which; the web layers decide what each
//! operation needs (the server's REST access table and the console's server functions) and
//! refuse the rest with 403. Tokens and access keys are managed with the `graphjobs` CLI on the
//! server's host, which needs the data dir (or the PostgreSQL store), not a role. A credential
//! made before roles existed is an admin ([`Role::DEFAULT`]), as is a new one unless its
//! creator says otherwise, so existing tokens keep what they could do.

use std::fmt;
use std::str::FromStr;

/// What a credential may do in a project. Ordered: `Viewer < Operator < Admin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads only.
    Viewer,
    /// Reads, submits, cancels, dumps and runs visualization jobs.
    Operator,
    /// Everything, including changing graphs and managing credentials.
    Admin,
}

impl Role {
    /// Every role, lowest first.
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Operator, Role::Admin];

    /// The role of a credential made without one (and of every credential made before roles
    /// existed): admin, which can do what every token could do then.
    pub const DEFAULT: Role = Role::Admin;

    /// The role's word, as stored and as the CLI takes it: `viewer`, `operator`, `admin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Operator => "operator",
            Self::Admin => "admin",
        }
    }

    /// The role named `word` (lower case, as [`Role::as_str`] spells it).
    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == word)
    }

    /// Whether this role may do what `needed` may do (it is `needed` or above).
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or_else(|| format!("unknown role [{s}]: viewer, operator or admin"))
    }
}

/// One project a credential may use, and its role there.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Grant {
    /// The project id.
    pub project: String,
    /// The credential's role in it.
    pub role: Role,
}

impl Grant {
    /// `project` with `role`.
    pub fn new(project: impl Into<String>, role: Role) -> Self {
        Self {
            project: project.into(),
            role,
        }
    }
}

/// The role `grants` give in `project`, if any of them is for it.
pub fn role_in(grants: &[Grant], project: &str) -> Option<Role> {
    grants.iter().find(|g| g.project == project).map(|g| g.role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_and_each_allows_those_below() {
        assert!(Role::Viewer < Role::Operator && Role::Operator < Role::Admin);
        assert!(Role::Admin.allows(Role::Viewer) && Role::Admin.allows(Role::Admin));
        assert!(Role::Operator.allows(Role::Viewer) && !Role::Operator.allows(Role::Admin));
        assert!(Role::Viewer.allows(Role::Viewer) && !Role::Viewer.allows(Role::Operator));
    }

    #[test]
    fn words_round_trip_and_unknown_ones_are_refused() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(r.to_string().parse::<Role>(), Ok(r));
        }
        assert_eq!(Role::parse("Admin"), None);
        assert!("root".parse::<Role>().unwrap_err().contains("[root]"));
        assert_eq!(Role::DEFAULT, Role::Admin);
    }

    #[test]
    fn the_role_in_a_project_is_its_grants() {
        let grants = [
            Grant::new("a", Role::Viewer),
            Grant::new("b", Role::Operator),
        ];
        assert_eq!(role_in(&grants, "b"), Some(Role::Operator));
        assert_eq!(role_in(&grants, "c"), None);
    }
}
