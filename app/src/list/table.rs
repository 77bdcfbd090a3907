//! The table every list draws: wrapped for horizontal scrolling, a caption for screen readers,
//! a header row from the list's columns, and the list's rows.

use leptos::prelude::*;

/// `<table>` of `columns` with `children` as its rows.
#[component]
pub(crate) fn DataTable(
    /// The table's classes, e.g. `data jobs`.
    class: &'static str,
    /// What the table is, for screen readers (none: the section's heading says it).
    #[prop(optional, into)]
    caption: Option<String>,
    /// The header row's texts.
    columns: &'static [&'static str],
    /// Which columns hold numbers (right-aligned), by index.
    #[prop(optional)]
    num: &'static [usize],
    /// Header cells before the columns, drawn by the list: the jobs table's select-all box, or
    /// (with no `columns`) a result's columns, known only at run time, with their sort links.
    #[prop(optional)]
    lead: Option<AnyView>,
    /// The `<tfoot>`'s rows, if any (totals).
    #[prop(optional)]
    foot: Option<AnyView>,
    /// The rows.
    children: Children,
) -> impl IntoView {
    let head = columns
        .iter()
        .enumerate()
        .map(|(i, &c)| match num.contains(&i) {
            true => view! { <th scope="col" class="num">{c}</th> }.into_any(),
            false => view! { <th scope="col">{c}</th> }.into_any(),
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class=class>
                {caption.map(|c| view! { <caption class="visually-hidden">{c}</caption> })}
                <thead>
                    <tr>{lead}{head}</tr>
                </thead>
                <tbody>{children()}</tbody>
                {foot.map(|f| view! { <tfoot>{f}</tfoot> })}
            </table>
        </div>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::prelude::*;

    use super::DataTable;
    use crate::test_markup::Markup;

    const COLUMNS: &[&str] = &["Name", "Size"];

    #[test]
    fn headers_caption_rows_and_foot_in_one_wrapped_table() {
        let html = Owner::new().with(|| {
            let foot = view! { <tr><td>"all"</td></tr> }.into_any();
            view! {
                <DataTable class="data shelf" caption="Books" columns=COLUMNS num=&[1] foot>
                    <tr><td>"<b>"</td><td class="num">"3"</td></tr>
                </DataTable>
            }
            .markup()
        });
        assert_eq!(
            html,
            concat!(
                r#"<div class="table-wrap"><table class="data shelf">"#,
                r#"<caption class="visually-hidden">Books</caption>"#,
                r#"<thead><tr><th scope="col">Name</th><th scope="col" class="num">Size</th></tr></thead>"#,
                r#"<tbody><tr><td>&lt;b&gt;</td><td class="num">3</td></tr></tbody>"#,
                r#"<tfoot><tr><td>all</td></tr></tfoot></table></div>"#
            )
        );
        // No caption and no foot: neither element; a lead cell comes before the columns.
        let html = Owner::new().with(|| {
            let lead = view! { <th scope="col" class="select"></th> }.into_any();
            view! { <DataTable class="data" columns=COLUMNS lead>""</DataTable> }.markup()
        });
        assert!(
            !html.contains("<caption") && !html.contains("<tfoot"),
            "{html}"
        );
        assert!(
            html.contains(r#"<tr><th scope="col" class="select"></th><th scope="col">Name</th>"#),
            "{html}"
        );
    }
}
