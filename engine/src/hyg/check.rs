//! The checks a HyG algorithm job passes before it is queued.

use super::{DOCUMENTED_ALGORITHMS, HygAlgorithm, HygView};
use crate::{Error, Refusal, Result, algo};

/// Refuses a HyG algorithm job that is wrong whatever the graph holds: not a documented HyG
/// algorithm, a view not yet synced, bad parameters, or `k_hop` with mode IN or ALL on a view
/// created without in-edges.
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
    algo::validate(name, &spec.parameters).map_err(|e| match e {
        algo::AlgoError::Unknown(_) => bad(format!("[{name}] is not supported by graphjobs yet")),
        e => bad(e.to_string()),
    })?;
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
