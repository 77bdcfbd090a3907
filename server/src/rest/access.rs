//! Roles on the REST surfaces: the least role each route needs, and the refusal of a
//! credential whose role in the path's project is below it.
//!
//! The rule of a route is the `role` column of its row in [`crate::openapi::operations`], so
//! what `/openapi.json` documents is what is enforced. A route that dispatches on `action_id`
//! has a row per action; an action it does not know (or none) needs the highest role of its
//! actions, so only a caller that may use every action reaches the handler's 400. A method a
//! route's rows do not name answers 405, as axum would; a route with no row at all is refused
//! for everyone (and logged as the bug it is): a new route or method cannot be forgotten open.
//! `server/tests/api/roles.rs` walks every route of the router with every role.
//!
//! The refusal is HTTP 403 in the surface's envelope with code `GES.8020`, the service plane's
//! "no permission (fine-grained authorisation)" (REFERENCE §8); the management planes list no
//! authorisation code of their own and share the GES numbering, so they answer `GES.8020` too,
//! as does the cloud job query (which has no route a viewer may not use). ModelArts answers
//! `ModelArts.0108` ("not authorised", 403), which `ApiError::on` translates it to. A
//! credential of another project stays `GES.8006` (the tenancy check comes first, so a
//! refusal never says whether another project's resource exists).

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::http::{Method, StatusCode, Uri};
use engine::auth::Role;

use crate::error::{ApiError, Surface};

/// The GES code of a role refusal (see the module docs).
pub const ROLE_REFUSED: &str = "GES.8020";

/// The rule of one route (method and path template).
#[derive(Debug, Default)]
struct Rule {
    /// The role of a route that does not dispatch on `action_id`.
    plain: Option<Role>,
    /// The role of each action of a route that does.
    actions: Vec<(&'static str, Role)>,
}

/// The operations table by method and template, built once: it is read on every request and
/// never changes.
static RULES: LazyLock<HashMap<(Method, &'static str), Rule>> = LazyLock::new(|| {
    let mut rules: HashMap<(Method, &'static str), Rule> = HashMap::new();
    for op in crate::openapi::operations() {
        let (template, action) = match op.path.split_once("#action_id=") {
            Some((template, action)) => (template, Some(action)),
            None => (op.path, None),
        };
        let rule = rules.entry((op.method, template)).or_default();
        match action {
            Some(action) => rule.actions.push((action, op.role)),
            None => rule.plain = Some(op.role),
        }
    }
    rules
});

/// What the route `template` (the router's matched path) asks of a caller of `method` with the
/// request's `uri` (its `action_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// The least role that may call it.
    Needs(Role),
    /// The route has no such method: axum's 405 fallback, answered here with the route's
    /// methods in `Allow` (the fallback runs behind the credential check, and a method
    /// without a row must not reach a handler either).
    WrongMethod(String),
    /// The route has no rule at all: refused (a route added without its row).
    NoRule,
}

/// What `method` on `template` with `uri` needs.
pub fn needed(method: &Method, template: &str, uri: &Uri) -> Access {
    // axum answers HEAD with the GET handler.
    let method = if method == Method::HEAD {
        Method::GET
    } else {
        method.clone()
    };
    let Some(rule) = RULES.get(&(method, template)) else {
        let mut allow: Vec<&str> = RULES
            .keys()
            .filter(|(_, t)| *t == template)
            .map(|(m, _)| m.as_str())
            .collect();
        if allow.is_empty() {
            return Access::NoRule;
        }
        if allow.contains(&"GET") {
            allow.push("HEAD");
        }
        allow.sort_unstable();
        return Access::WrongMethod(allow.join(","));
    };
    if rule.actions.is_empty() {
        return rule.plain.map_or(Access::NoRule, Access::Needs);
    }
    // Read as the handlers read it (`Query<HashMap<…>>`), so both see the same action.
    let action = axum::extract::Query::<HashMap<String, String>>::try_from_uri(uri)
        .ok()
        .and_then(|q| q.0.get("action_id").cloned());
    let known = action.and_then(|action| {
        rule.actions
            .iter()
            .find(|(name, _)| *name == action)
            .map(|(_, role)| *role)
    });
    let strictest = rule.actions.iter().map(|(_, role)| *role).max();
    known.or(strictest).map_or(Access::NoRule, Access::Needs)
}

/// The refusal of a credential whose `role` is below `needed` (`None`: the route has no rule),
/// in `surface`'s envelope.
pub fn refused(role: Role, needed: Option<Role>, surface: Surface) -> ApiError {
    let message = match needed {
        Some(Role::Admin) => {
            format!("this operation needs the admin role; the credential is {role} in this project")
        }
        Some(needed) => format!(
            "this operation needs the {needed} or admin role; the credential is {role} in this project"
        ),
        None => "this operation has no access rule and is refused".to_owned(),
    };
    ApiError::bad_request(ROLE_REFUSED, message)
        .with_status(StatusCode::FORBIDDEN)
        .on(surface)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(method: Method, uri: &str) -> Access {
        let uri: Uri = uri.parse().unwrap();
        let template = uri.path().to_owned();
        needed(&method, &template, &uri)
    }

    #[test]
    fn reads_are_for_viewers_and_actions_have_their_own_role() {
        use Access::Needs;
        let g = "/ges/v1.0/{project_id}/graphs/{graph_name}";
        assert_eq!(
            need(Method::GET, &format!("{g}/jobs/status")),
            Needs(Role::Viewer)
        );
        assert_eq!(
            need(Method::HEAD, &format!("{g}/jobs/status")),
            Needs(Role::Viewer)
        );
        let action = |a: &str| need(Method::POST, &format!("{g}/action?action_id={a}"));
        assert_eq!(action("execute-algorithm"), Needs(Role::Operator));
        assert_eq!(action("export-graph"), Needs(Role::Operator));
        assert_eq!(action("import-graph"), Needs(Role::Admin));
        // Percent-encoded as the handler decodes it.
        assert_eq!(action("import%2Dgraph"), Needs(Role::Admin));
        // Unknown or missing: the strictest of the route's actions.
        assert_eq!(action("no-such-action"), Needs(Role::Admin));
        assert_eq!(
            need(Method::POST, &format!("{g}/action")),
            Needs(Role::Admin)
        );
        let edges = need(Method::POST, &format!("{g}/edges/action?action_id=x"));
        assert_eq!(edges, Needs(Role::Operator));
        let cancel = format!("{g}/jobs/{{job_id}}");
        assert_eq!(need(Method::DELETE, &cancel), Needs(Role::Operator));
        assert_eq!(
            need(Method::PATCH, &cancel),
            Access::WrongMethod("DELETE".into())
        );
        let viz = "/v1/{project_id}/visualization-jobs/{job_id}";
        let allow = "DELETE,GET,HEAD,PUT".to_owned();
        assert_eq!(need(Method::POST, viz), Access::WrongMethod(allow));
        assert_eq!(
            need(Method::GET, "/ges/v1.0/{project_id}/nothing"),
            Access::NoRule
        );
    }

    #[test]
    fn refusals_use_each_surface_s_code() {
        let ges = refused(Role::Viewer, Some(Role::Operator), Surface::Ges);
        assert_eq!(
            (ges.status, ges.code),
            (StatusCode::FORBIDDEN, ROLE_REFUSED)
        );
        assert!(ges.message.contains("operator or admin"), "{}", ges.message);
        let ma = refused(Role::Operator, Some(Role::Admin), Surface::ModelArts);
        assert_eq!(
            (ma.status, ma.code),
            (StatusCode::FORBIDDEN, "ModelArts.0108")
        );
        let mgmt = refused(Role::Viewer, None, Surface::Management);
        assert_eq!(
            (mgmt.status, mgmt.code),
            (StatusCode::FORBIDDEN, ROLE_REFUSED)
        );
    }
}
