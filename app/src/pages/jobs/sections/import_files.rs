//! An import's input files with their line counters.

use api::console::ImportFile;
use leptos::prelude::*;

use crate::list::DataTable;

/// The files table (nothing for jobs that read no files).
#[component]
pub(crate) fn ImportFiles(
    /// Per-file counters.
    files: Vec<ImportFile>,
) -> impl IntoView {
    (!files.is_empty()).then(|| {
        let rows = files
            .into_iter()
            .map(|f| {
                let failed_class = if f.failed_lines > 0 { "failure" } else { "" };
                view! {
                    <tr>
                        <td>{f.kind}</td>
                        <td class="mono wrap">{f.name}</td>
                        <td class="num">{f.total_lines}</td>
                        <td class="num">{f.successful_lines}</td>
                        <td class=format!("num {failed_class}")>{f.failed_lines}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="files-heading">
                <h2 id="files-heading">"Input files"</h2>
                <DataTable class="data" columns=&["Kind", "File", "Lines", "Imported", "Rejected"]>{rows}</DataTable>
            </section>
        }
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use crate::test_markup::Markup;
    use api::console::ImportFile;
    use leptos::prelude::*;

    use super::ImportFiles;

    #[test]
    fn names_from_the_user_render_as_text_never_as_markup() {
        let files = vec![ImportFile {
            kind: "vertex".into(),
            name: "/in/<img src=x onerror=alert(1)>.csv".into(),
            total_lines: 3,
            successful_lines: 2,
            failed_lines: 1,
        }];
        let html = Owner::new().with(|| view! { <ImportFiles files/> }.markup());
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains(r#"class="num failure""#), "{html}");
    }
}
