//! What graphjobs does with each algorithm name HyG documents (REFERENCE §13, the 2025 list):
//! run the memory edition's kernel of the same name, run another kernel under the HyG name, or
//! refuse it with the reason.
//!
//! - `all_pairs_shortest_paths` is `filtered_all_pairs_shortest_paths` without filters: HyG's
//!   own page (en-us_topic_0000001662548265) gives it the same parameters (`sources`,
//!   `targets`, `directed` false, `cutoff` 1–100 default 6, `path_limit` 1–1000000 default
//!   1000000) and REFERENCE §3.3 the same `batch_paths` records. Its id lists keep the memory
//!   edition's cap of 10,000 each (HyG's page allows 100,000): one search per source makes
//!   100,000 of them a job no single machine answers in useful time.
//! - `bigclam`, `cesna`, `infomap`, `subgraph_matching` and `mccis` are refused by name:
//!   REFERENCE §13 lists only their names, and no parameters, defaults or output keys are
//!   written down to build them against.

/// The memory-edition kernel behind `all_pairs_shortest_paths`.
const ALL_PAIRS_KERNEL: &str = crate::algo::filtered_all_pairs_shortest_paths::NAME;

/// Why a documented HyG algorithm is refused.
const NO_SPEC: &str = "REFERENCE §13 lists only its name: no parameters, defaults or output \
                       are documented to build it against";

/// The HyG algorithms graphjobs refuses, with the reason.
const REFUSED: &[(&str, &str)] = &[
    ("bigclam", NO_SPEC),
    ("cesna", NO_SPEC),
    ("infomap", NO_SPEC),
    ("subgraph_matching", NO_SPEC),
    ("mccis", NO_SPEC),
];

/// The catalogue kernel that runs the HyG algorithm `name` (its own name for most).
pub(crate) fn kernel(name: &str) -> &str {
    match name {
        "all_pairs_shortest_paths" => ALL_PAIRS_KERNEL,
        other => other,
    }
}

/// Why graphjobs refuses the documented HyG algorithm `name`; `None` when it runs it.
pub(crate) fn refusal(name: &str) -> Option<&'static str> {
    REFUSED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, why)| *why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo;
    use crate::hyg::DOCUMENTED_ALGORITHMS;

    #[test]
    fn every_documented_name_runs_a_kernel_or_is_refused_with_a_reason() {
        for name in DOCUMENTED_ALGORITHMS {
            match refusal(name) {
                Some(why) => {
                    assert!(why.contains("REFERENCE"), "{name}: {why}");
                    assert!(algo::find(kernel(name)).is_none(), "{name} has a kernel");
                }
                None => assert!(algo::find(kernel(name)).is_some(), "{name} runs nothing"),
            }
        }
        assert_eq!(kernel("all_pairs_shortest_paths"), ALL_PAIRS_KERNEL);
        assert_eq!(kernel("pagerank"), "pagerank");
    }
}
