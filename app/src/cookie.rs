//! The `gj_session` cookie: it carries the API token the user signed in with. `HttpOnly` keeps
//! it away from scripts, `SameSite=Strict` from other sites' requests.

/// Name of the session cookie.
pub(crate) const SESSION: &str = "gj_session";
/// Name of the cookie holding the project chosen in the switcher (for tokens with several).
pub(crate) const PROJECT: &str = "gj_project";

/// The value of cookie `name` in a `Cookie` request header (`a=1; gj_session=tok`).
pub(crate) fn value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name && !v.is_empty()).then_some(v)
    })
}

/// The session token among a request's `Cookie` headers.
pub(crate) fn session_token(headers: &axum::http::HeaderMap) -> Option<&str> {
    named(headers, SESSION)
}

/// The value of cookie `name` among a request's `Cookie` headers.
pub(crate) fn named<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .find_map(|h| value(h, name))
}

/// The current project among those a token may use: the one the switcher chose (`wanted`, the
/// project cookie) while the token may still use it, else the first in sorted order.
pub(crate) fn choose(projects: &[String], wanted: Option<&str>) -> Option<String> {
    match wanted {
        Some(w) if projects.iter().any(|p| p == w) => Some(w.to_owned()),
        _ => projects.iter().min().cloned(),
    }
}

/// The current project of a request's session ([`choose`]), for the plain axum routes next to
/// the server functions; `None` without a valid session.
pub(crate) async fn session_project(
    engine: &engine::Engine,
    headers: &axum::http::HeaderMap,
) -> Option<String> {
    let token = session_token(headers)?;
    let grants = engine.authenticate(token).await.ok()?;
    let projects: Vec<String> = grants.into_iter().map(|g| g.project).collect();
    choose(&projects, named(headers, PROJECT))
}

/// `Set-Cookie` value that makes `project` the current one.
pub(crate) fn choose_project(project: &str) -> String {
    format!("{PROJECT}={project}; HttpOnly; SameSite=Strict; Path=/")
}

/// `Set-Cookie` value that forgets the chosen project.
pub(crate) fn forget_project() -> String {
    format!("{PROJECT}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}

/// Whether `token` can be stored as a cookie value verbatim (RFC 6265 `cookie-octet`s only).
/// Anything else cannot be a valid token, so it is refused before asking the engine.
pub(crate) fn storable(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 1024
        && token
            .bytes()
            .all(|b| matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E))
}

/// `Set-Cookie` value that starts a session.
pub(crate) fn start(token: &str) -> String {
    format!("{SESSION}={token}; HttpOnly; SameSite=Strict; Path=/")
}

/// `Set-Cookie` value that ends the session.
pub(crate) fn end() -> String {
    format!("{SESSION}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_project_counts_only_while_the_token_may_use_it() {
        let both = || vec!["zeta".to_string(), "alpha".to_string()];
        assert_eq!(choose(&both(), None).as_deref(), Some("alpha"));
        assert_eq!(choose(&both(), Some("zeta")).as_deref(), Some("zeta"));
        assert_eq!(choose(&both(), Some("other")).as_deref(), Some("alpha"));
        assert_eq!(choose(&[], Some("zeta")), None);
        let mut h = axum::http::HeaderMap::new();
        h.append(
            axum::http::header::COOKIE,
            "gj_session=t; gj_project=zeta".parse().unwrap(),
        );
        assert_eq!(named(&h, PROJECT), Some("zeta"));
        assert_eq!(named(&h, SESSION), Some("t"));
    }

    #[test]
    fn finds_the_session_among_other_cookies() {
        assert_eq!(value("gj_session=abc", SESSION), Some("abc"));
        assert_eq!(
            value("theme=dark; gj_session=abc-123; x=y", SESSION),
            Some("abc-123")
        );
        assert_eq!(value("xgj_session=abc", SESSION), None);
        assert_eq!(value("gj_session=", SESSION), None);
        assert_eq!(value("", SESSION), None);
    }

    #[test]
    fn only_cookie_safe_tokens_are_storable() {
        assert!(storable("gj_0123456789abcdef"));
        assert!(storable("a.b-c_d~e"));
        for bad in ["", "a b", "a;b", "a,b", "a\"b", "a\\b", "é", "a\nb"] {
            assert!(!storable(bad), "{bad:?}");
        }
    }

    #[test]
    fn set_cookie_values() {
        assert_eq!(
            start("tok"),
            "gj_session=tok; HttpOnly; SameSite=Strict; Path=/"
        );
        assert!(end().starts_with("gj_session=;") && end().ends_with("Max-Age=0"));
    }
}
