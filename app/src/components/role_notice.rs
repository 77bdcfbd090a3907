//! What a page shows instead of a form its role may not use: the role, and the role it needs.

use api::console::Role;
use leptos::prelude::*;

/// "Your role in this project is viewer: it cannot run algorithms; that needs the operator or
/// admin role." Nothing is hidden for safety's sake here: the server refuses the action anyway.
#[component]
pub(crate) fn RoleNotice(
    /// The signed-in token's role.
    role: Role,
    /// The least role the page's form needs.
    needs: Role,
    /// What the form does, e.g. "run algorithms".
    what: &'static str,
) -> impl IntoView {
    let needs = match needs {
        Role::Admin => "the admin role".to_owned(),
        other => format!("the {} or admin role", other.as_str()),
    };
    view! {
        <p class="notice role-notice" role="status">
            {format!(
                "Your role in this project is {}: it cannot {what}; that needs {needs}.",
                role.as_str()
            )}
        </p>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::test_markup::Markup;

    #[test]
    fn names_the_role_and_the_one_needed() {
        let html = Owner::new().with(|| {
            view! { <RoleNotice role=Role::Viewer needs=Role::Operator what="run algorithms"/> }
                .markup()
        });
        assert!(
            html.contains(
                "Your role in this project is viewer: it cannot run algorithms; that needs the \
                 operator or admin role."
            ),
            "{html}"
        );
    }
}
