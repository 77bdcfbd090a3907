//! The checks a HyG algorithm job passes before it is queued.

use super::{DOCUMENTED_ALGORITHMS, HygAlgorithm, HygView, names};
use crate::{Error, Refusal, Result, algo};

/// Refuses a HyG algorithm job that is wrong whatever the graph holds: not a documented HyG
/// algorithm, one graphjobs does not build (with the reason, [`names::refusal`]), a view not
/// yet synced, bad parameters (filters given to `all_pairs_shortest_paths`, which takes none),
/// or `k_hop` with mode IN or ALL on a view created without in-edges.
pub(crate) fn algorithm(view: &HygView, spec: &HygAlgorithm) -> Result<()> {
    let name = spec.name.as_str();
    let bad = |m: String| Error::invalid(format!("Running algorithm [{name}] error: {m}"));
    if !DOCUMENTED_ALGORITHMS.contains(&name) {
        return Err(bad(format!("[{name}] is not a HyG algorithm")));
    }
    if !view.synced {
        return Err(Error::refused(
            Refusal::WrongState,
            format!(
                "Running algorithm [{name}] error: HyG graph [{}] has not been synced; run sync first",
                view.name
            ),
        ));
    }
    if let Some(why) = names::refusal(name) {
        return Err(bad(format!(
            "[{name}] is not supported by graphjobs: {why}"
        )));
    }
    if names::kernel(name) != name {
        // The kernel takes filters; HyG's algorithm of this name documents none.
        let given = algo::path_filter::ALL_KEYS
            .iter()
            .find(|&&key| spec.parameters.get(key).is_some_and(|v| !v.is_null()));
        if let Some(key) = given {
            return Err(bad(format!(
                "parameter [{key}] is invalid! HyG's {name} takes no filters; \
                 execute-algorithm's {} does.",
                names::kernel(name)
            )));
        }
    }
    algo::validate(names::kernel(name), &spec.parameters).map_err(|e| bad(e.to_string()))?;
    if name == "k_hop" && !view.in_edge {
        let mode = spec
            .parameters
            .get("mode")
            .and_then(|v| v.as_str())
            .map(str::to_ascii_uppercase);
        if matches!(mode.as_deref(), Some("IN" | "ALL")) {
            return Err(bad(
                "mode IN or ALL needs the HyG graph created with inEdge: true".into(),
            ));
        }
    }
    Ok(())
}
