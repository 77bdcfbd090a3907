//! How many jobs are in each state, each linking to the jobs table filtered on it.

use api::console::graphs::StateCount;
use leptos::prelude::*;

use crate::components::StateBadge;
use crate::jobs_query::JobsQuery;
use crate::list::ListUrl;

/// One tile per state, in lifecycle order.
#[component]
pub(crate) fn StateCounts(
    /// Jobs per state.
    counts: Vec<StateCount>,
) -> impl IntoView {
    let total: u64 = counts.iter().map(|c| c.count).sum();
    let tiles = counts
        .into_iter()
        .map(|c| {
            let href = JobsQuery {
                state: c.state.clone(),
                ..Default::default()
            }
            .href(1);
            let label = format!("{} {}", c.count, c.state);
            view! {
                <li>
                    <a class="state-count" href=href aria-label=label>
                        <span class="state-count-number">{c.count}</span>
                        <StateBadge state=c.state/>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="state-counts-heading">
            <div class="section-head">
                <h2 id="state-counts-heading">"Jobs by state"</h2>
                <a href="/jobs">{format!("All jobs ({total})")}</a>
            </div>
            <ul class="state-counts">{tiles}</ul>
        </section>
    }
    .into_any()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::test_markup::Markup;

    #[test]
    fn each_count_links_to_the_jobs_of_its_state() {
        let counts = vec![
            StateCount {
                state: "running".into(),
                count: 3,
            },
            StateCount {
                state: "failed".into(),
                count: 0,
            },
        ];
        let html = Owner::new().with(|| view! { <StateCounts counts/> }.markup());
        assert!(
            html.contains(r#"href="/jobs?state=running" aria-label="3 running""#),
            "{html}"
        );
        assert!(
            html.contains(r#"href="/jobs?state=failed" aria-label="0 failed""#),
            "{html}"
        );
        assert!(html.contains("All jobs (3)"), "{html}");
    }
}
