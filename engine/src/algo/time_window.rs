//! `timeWindow` of `shortest_path` and `shortest_path_of_vertex_sets` (REFERENCE §3.2):
//! `{filterName, filterType: V|E|BOTH, startTime, endTime}` keeps the path to the vertices
//! (`V`), the edges (`E`) or both (`BOTH`, the default) whose property `filterName` lies in
//! `[startTime, endTime]`.
//!
//! The cloud docs leave the details open; the choices, for the record:
//! - `filterName` names a numeric or date property. An element whose label does not define it
//!   is not filtered (so `BOTH` on a graph with times on its edges only filters the edges); an
//!   element whose label defines it but that has no value is outside every window.
//! - `startTime`/`endTime` are each optional (an open end), inclusive, and either a date string
//!   (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, UTC) or a number. Against a date property a number
//!   is a Unix timestamp, in seconds, or in milliseconds when above 10^11 (13-digit
//!   timestamps); against a numeric property it is compared as it is, and a date string is
//!   read as seconds since the epoch.
//! - `filterName` is required by `shortest_path`, a property no label defines as a number or
//!   date is an error, and the window cannot be combined with `weight` (as documented).
//!   `shortest_path_of_vertex_sets` documents `filterName` as optional: without it the window
//!   filters nothing.

use serde_json::Value;

/// The elements a window keeps (shared with the `filtered_*` algorithms' filters).
pub use super::traversal::Mask;
use super::{AlgoError, Params, Result};
use crate::graph::{Graph, Instant, parse_date};

/// Numbers above this, compared with a date, are milliseconds.
const MILLIS_ABOVE: f64 = 1e11;

/// Which elements the window filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// `V`.
    Vertices,
    /// `E`.
    Edges,
    /// `BOTH`.
    Both,
}

/// A bound as given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// A date string, in seconds since the epoch.
    Date(f64),
    /// A number.
    Number(f64),
}

/// A parsed `timeWindow`.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeWindow {
    /// The property compared (`filterName`); `None` filters nothing.
    pub property: Option<String>,
    /// `filterType`.
    pub applies: Applies,
    /// `startTime`, inclusive.
    pub start: Option<Bound>,
    /// `endTime`, inclusive.
    pub end: Option<Bound>,
}

fn invalid(what: &str, why: &str) -> AlgoError {
    AlgoError::Param(format!("parameter [timeWindow.{what}] is invalid! {why}"))
}

fn bound(obj: &serde_json::Map<String, Value>, key: &str) -> Result<Option<Bound>> {
    let why = "It must be a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS) or a timestamp.";
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|x| x.is_finite())
            .map(|x| Some(Bound::Number(x)))
            .ok_or_else(|| invalid(key, why)),
        Some(Value::String(s)) => {
            let s = s.trim();
            if let Some(secs) = parse_date(s) {
                return Ok(Some(Bound::Date(secs as f64)));
            }
            s.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(|x| Some(Bound::Number(x)))
                .ok_or_else(|| invalid(key, why))
        }
        Some(_) => Err(invalid(key, why)),
    }
}

impl TimeWindow {
    /// Reads `timeWindow` from the parameters; `Ok(None)` when absent.
    ///
    /// # Errors
    /// Not an object, a missing `filterName` where `name_required`, an unknown `filterType`, a
    /// bound that is neither a date nor a number, or a start after the end.
    pub fn from_params(p: &Params<'_>, name_required: bool) -> Result<Option<Self>> {
        let Some(raw) = p.raw("timeWindow") else {
            return Ok(None);
        };
        let obj = raw.as_object().ok_or_else(|| {
            AlgoError::Param(
                "parameter [timeWindow] is invalid! It must be an object with filterName, filterType, startTime and endTime.".into(),
            )
        })?;
        let property = match obj.get("filterName") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            None | Some(Value::Null) if !name_required => None,
            Some(Value::String(_)) | None | Some(Value::Null) => {
                return Err(invalid("filterName", "It is required."));
            }
            Some(_) => return Err(invalid("filterName", "It must be a property name.")),
        };
        let applies = match obj.get("filterType") {
            None | Some(Value::Null) => Applies::Both,
            Some(Value::String(s)) => match s.trim().to_ascii_uppercase().as_str() {
                "V" => Applies::Vertices,
                "E" => Applies::Edges,
                "BOTH" => Applies::Both,
                _ => return Err(invalid("filterType", "It must be V, E or BOTH.")),
            },
            Some(_) => return Err(invalid("filterType", "It must be V, E or BOTH.")),
        };
        let (start, end) = (bound(obj, "startTime")?, bound(obj, "endTime")?);
        // Bounds of two kinds (a date and a number) are only comparable once the property's
        // type is known; `mask` resolves them.
        if let (Some(Bound::Date(a)), Some(Bound::Date(b)))
        | (Some(Bound::Number(a)), Some(Bound::Number(b))) = (start, end)
            && a > b
        {
            return Err(invalid("startTime", "It must not be after endTime."));
        }
        Ok(Some(Self {
            property,
            applies,
            start,
            end,
        }))
    }

    /// The vertices and edges of `g` the window keeps.
    ///
    /// # Errors
    /// No label of the filtered elements defines `filterName` as a number or a date.
    pub fn mask(&self, g: &Graph) -> Result<Mask> {
        let Some(property) = &self.property else {
            return Ok(Mask::default());
        };
        let at = g.instants(property);
        let (on_v, on_e) = (
            self.applies != Applies::Edges && at.on_vertices(),
            self.applies != Applies::Vertices && at.on_edges(),
        );
        if !on_v && !on_e {
            let whose = match self.applies {
                Applies::Vertices => "vertex",
                Applies::Edges => "edge",
                Applies::Both => "vertex or edge",
            };
            return Err(invalid(
                "filterName",
                &format!("No {whose} label has a numeric or date property [{property}]."),
            ));
        }
        let resolve = |b: Bound| match b {
            Bound::Number(x) if at.is_date() && x.abs() > MILLIS_ABOVE => x / 1000.0,
            Bound::Date(x) | Bound::Number(x) => x,
        };
        let (lo, hi) = (
            self.start.map_or(f64::NEG_INFINITY, resolve),
            self.end.map_or(f64::INFINITY, resolve),
        );
        let keeps = |i: Instant| match i {
            Instant::NotDefined => true,
            Instant::Absent => false,
            Instant::At(x) => lo <= x && x <= hi,
        };
        Ok(Mask {
            vertices: on_v.then(|| {
                (0..g.vertex_count() as u32)
                    .map(|v| keeps(at.vertex(v)))
                    .collect()
            }),
            edges: on_e.then(|| (0..g.edge_count()).map(|k| keeps(at.edge(k))).collect()),
        })
    }
}

#[cfg(test)]
mod tests;
