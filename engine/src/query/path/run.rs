//! Evaluates a [`PathQuerySpec`] over a graph, layer by layer.

use serde_json::Map;

use super::PathQuerySpec;
use crate::algo::AlgoError;
use crate::algo::path_filter::{Mask, PathFilters};
use crate::graph::Graph;
use crate::job::control::JobControl;
use crate::query::filtered::{Answer, start_frontier, step};
use crate::query::run::vertex_row;
use crate::{Error, Result};

/// Runs the query: its vertex rows and scalars (`matched`, `truncated`); `None` when cancelled
/// (checked before every hop and while a filter is evaluated). Progress is hops done of
/// `times`.
///
/// # Errors
/// `InvalidArgument` for an unknown start vertex or a filter naming a property no
/// label defines.
///
/// # Complexity
/// O(n + m) per distinct `repeat` element and for `until` (each filter is evaluated once into
/// a mask), plus O(m) per hop: a layer visits each vertex at most once.
pub fn run(g: &Graph, spec: &PathQuerySpec, ctl: &JobControl) -> Result<Option<Answer>> {
    let mut frontier = start_frontier(g, &spec.vertices)?;
    let stop = match &spec.until {
        None => None,
        Some(u) => {
            let filters =
                PathFilters::from_values(u.vertex_filter.as_ref(), u.edge_filter.as_ref());
            let Some(mask) = mask(g, filters, "until[0]", ctl)? else {
                return Ok(None);
            };
            Some(mask)
        }
    };
    // Each element's mask, made when its first hop comes.
    let mut masks: Vec<Option<Mask>> = spec.repeat.iter().map(|_| None).collect();
    let mut met = Vec::new();
    let mut stopped = Vec::new();
    let times = u64::from(spec.times);
    for hop in 0..times {
        if ctl.is_cancelled() {
            return Ok(None);
        }
        ctl.set_progress(hop, times);
        if frontier.is_empty() {
            break;
        }
        let i = hop as usize % spec.repeat.len();
        let element = &spec.repeat[i];
        if masks[i].is_none() {
            let at = format!("repeat[{i}]");
            let Some(m) = mask(g, element.filters(), &at, ctl)? else {
                return Ok(None);
            };
            masks[i] = Some(m);
        }
        let kept = masks[i].as_ref().expect("made just above");
        let (mut hits, mut goes_on) = (Vec::new(), Vec::new());
        let reached = step(g, &frontier, element.operator, kept, |_, (_, k), w| {
            if let Some(stop) = &stop {
                if stop.edge(k) && stop.vertex(w) {
                    hits.push(w);
                } else {
                    goes_on.push(w);
                }
            }
        });
        if spec.emit {
            met.extend_from_slice(&reached);
        }
        frontier = if stop.is_some() {
            // A vertex reached over two edges may both stop one walker and let another go on.
            stopped.append(&mut hits);
            goes_on.sort_unstable();
            goes_on.dedup();
            goes_on
        } else {
            reached
        };
    }
    ctl.set_progress(times, times);
    let mut answer = if spec.emit {
        met
    } else if stop.is_some() {
        stopped
    } else {
        frontier
    };
    answer.sort_unstable();
    answer.dedup();
    let matched = answer.len();
    let limit = usize::try_from(spec.limit).unwrap_or(usize::MAX);
    let rows = answer
        .iter()
        .take(limit)
        .map(|&v| vertex_row(g, v))
        .collect();
    let mut scalars = Map::new();
    scalars.insert("matched".into(), matched.into());
    scalars.insert("truncated".into(), (matched > limit).into());
    Ok(Some((rows, scalars)))
}

/// Evaluates one filter pair (`at` names it in errors); `None` when cancelled.
fn mask(
    g: &Graph,
    filters: std::result::Result<PathFilters, AlgoError>,
    at: &str,
    ctl: &JobControl,
) -> Result<Option<Mask>> {
    match filters.and_then(|f| f.mask(g, ctl)) {
        Ok(mask) => Ok(Some(mask)),
        Err(AlgoError::Cancelled) => Ok(None),
        Err(e) => Err(Error::invalid(format!("{e} (in {at})"))),
    }
}
