//! The graph's sizes, version, memory and times.

use api::console::graphs::GraphDetail;
use leptos::prelude::*;

use crate::format::short_time;

/// A definition list of what the catalogue and the loaded graph say about it.
#[component]
pub(crate) fn GraphFacts(
    /// The graph.
    detail: GraphDetail,
) -> impl IntoView {
    let g = detail.row;
    let time = |t: String| view! { <time datetime=t.clone()>{short_time(&t)}</time> };
    view! {
        <section class="card" aria-labelledby="graph-facts-heading">
            <h2 id="graph-facts-heading" class="visually-hidden">"Facts"</h2>
            <dl class="facts">
                <dt>"Vertices"</dt>
                <dd>{g.vertices}</dd>
                <dt>"Edges"</dt>
                <dd>{g.edges}</dd>
                <dt>"Labels"</dt>
                <dd>{detail.labels.len()}</dd>
                <dt>"Version"</dt>
                <dd>{g.version}</dd>
                <dt>"Memory"</dt>
                <dd title=format!("{} bytes", detail.memory_bytes)>{bytes(detail.memory_bytes)}</dd>
                {detail.partitions.map(|p| view! {
                    <dt>"Partitioned"</dt>
                    <dd title="Only its distributed algorithms run on it">{p} " parts"</dd>
                })}
                <dt>"Created"</dt>
                <dd>{time(g.created_at)}</dd>
                <dt>"Updated"</dt>
                <dd>{time(g.updated_at)}</dd>
            </dl>
        </section>
    }
    .into_any()
}

/// A byte count in binary units with one decimal: `512 B`, `1.5 KiB`, `12.0 MiB`, `2.3 GiB`.
pub(crate) fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::bytes;

    #[test]
    fn bytes_use_binary_units() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1024), "1.0 KiB");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(12 * 1024 * 1024), "12.0 MiB");
        assert_eq!(bytes(5 * 1024_u64.pow(3) / 2), "2.5 GiB");
        assert_eq!(bytes(u64::MAX), "16384.0 PiB");
    }
}
