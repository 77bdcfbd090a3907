//! The path-query body as GES sends it → a [`PathQuerySpec`], refusing bad input with a message
//! naming the field (the k-hop filtered query's wording).

use serde_json::{Map, Value};

use super::{DEFAULT_LIMIT, DEFAULT_TIMES, MAX_LIMIT, MAX_TIMES, PathQuerySpec, Until};
use crate::algo::path_filter::PathFilters;
use crate::query::filtered::{Hop, Operator, invalid, start_ids};
use crate::{Error, Result};

/// Fields GES documents that graphjobs does not answer (see the module docs), refused by name.
const UNSUPPORTED: [&str; 4] = ["select", "by", "as", "statistics"];

impl PathQuerySpec {
    /// Reads a path-query body (`executionMode` is the caller's).
    ///
    /// # Errors
    /// `InvalidArgument` naming the field that is missing or wrong, including a
    /// filter that is not one condition (checked here, so a bad filter never becomes a job),
    /// `queryType` `Tree` and the output fields graphjobs does not support.
    pub fn parse(raw: &Value) -> Result<Self> {
        let body = raw
            .as_object()
            .ok_or_else(|| invalid("body", "It must be a JSON object."))?;
        if let Some(field) = UNSUPPORTED
            .iter()
            .find(|f| body.get(**f).is_some_and(|v| !v.is_null()))
        {
            return Err(invalid(field, "It is not supported by graphjobs."));
        }
        if body.get("query_type").is_some_and(|v| !v.is_null()) {
            return Err(invalid(
                "query_type",
                "Filtered Query V2 names it queryType (Default).",
            ));
        }
        match body.get("queryType") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if s == "Default" => {}
            Some(Value::String(s)) if s == "Tree" => {
                return Err(invalid(
                    "queryType",
                    "[Tree] is not supported by graphjobs; use Default.",
                ));
            }
            Some(other) => {
                return Err(invalid(
                    "queryType",
                    format!("[{other}] is not one of Default, Tree."),
                ));
            }
        }
        let vertices = start_ids(body)?;
        let repeat = match body.get("repeat") {
            Some(Value::Array(steps)) if !steps.is_empty() => steps
                .iter()
                .enumerate()
                .map(|(i, step)| element(i, step))
                .collect::<Result<Vec<_>>>()?,
            _ => {
                return Err(invalid("repeat", "It must be a non-empty array of hops."));
            }
        };
        let until = match body.get("until") {
            None | Some(Value::Null) => None,
            Some(Value::Array(conds)) => match conds.as_slice() {
                [] => None,
                [cond] => Some(until(cond)?),
                _ => {
                    return Err(invalid(
                        "until",
                        "It takes one stop condition (as GES 2.2.22 does).",
                    ));
                }
            },
            Some(_) => return Err(invalid("until", "It must be an array.")),
        };
        let times = int(body, "times", DEFAULT_TIMES.into(), 1, MAX_TIMES.into())? as u32;
        let emit = match body.get("emit") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => return Err(invalid("emit", format!("[{other}] is not a boolean."))),
        };
        let limit = int(body, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)?;
        if repeat.len() > times as usize {
            return Err(invalid(
                "repeat",
                format!(
                    "It has {} elements but times is {times}: the hops past times would never run.",
                    repeat.len()
                ),
            ));
        }
        Ok(Self {
            vertices,
            repeat,
            until,
            times,
            emit,
            limit,
        })
    }
}

/// Keeps the keys of `obj` to `allowed`, naming the first other one.
fn only(obj: &Map<String, Value>, at: &str, allowed: &[&str]) -> Result<()> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(other) => Err(invalid(
            &format!("{at}.{other}"),
            format!("It takes {}.", allowed.join(", ")),
        )),
        None => Ok(()),
    }
}

/// Checks a filter pair now, so that a bad one is refused before it becomes a job.
fn check_filters(at: &str, vertex: Option<&Value>, edge: Option<&Value>) -> Result<()> {
    PathFilters::from_values(vertex, edge)
        .map(drop)
        .map_err(|e| Error::invalid(format!("{e} (in {at})")))
}

fn element(i: usize, step: &Value) -> Result<Hop> {
    let at = format!("repeat[{i}]");
    let step = step
        .as_object()
        .ok_or_else(|| invalid(&at, "It must be an object."))?;
    only(step, &at, &["operator", "vertex_filter", "edge_filter"])?;
    let operator = match step.get("operator").and_then(Value::as_str) {
        Some("outV" | "out") => Operator::Out,
        Some("inV" | "in") => Operator::In,
        Some("bothV" | "both") => Operator::Both,
        Some(other) => {
            return Err(invalid(
                &format!("{at}.operator"),
                format!("[{other}] is not supported; use outV, inV or bothV."),
            ));
        }
        None => {
            return Err(invalid(
                &format!("{at}.operator"),
                "It is required: outV, inV or bothV.",
            ));
        }
    };
    let raw = |key: &str| step.get(key).filter(|v| !v.is_null()).cloned();
    let hop = Hop {
        operator,
        vertex_filter: raw("vertex_filter"),
        edge_filter: raw("edge_filter"),
    };
    check_filters(&at, hop.vertex_filter.as_ref(), hop.edge_filter.as_ref())?;
    Ok(hop)
}

fn until(cond: &Value) -> Result<Until> {
    let at = "until[0]";
    let cond = cond
        .as_object()
        .ok_or_else(|| invalid(at, "It must be an object."))?;
    only(cond, at, &["vertex_filter", "edge_filter"])?;
    let raw = |key: &str| cond.get(key).filter(|v| !v.is_null()).cloned();
    let until = Until {
        vertex_filter: raw("vertex_filter"),
        edge_filter: raw("edge_filter"),
    };
    if until.vertex_filter.is_none() && until.edge_filter.is_none() {
        return Err(invalid(at, "It needs a vertex_filter or an edge_filter."));
    }
    check_filters(at, until.vertex_filter.as_ref(), until.edge_filter.as_ref())?;
    Ok(until)
}

/// An integer field in `min..=max` (a number or a numeric string, as GES samples send both).
fn int(body: &Map<String, Value>, name: &str, default: u64, min: u64, max: u64) -> Result<u64> {
    let n = match body.get(name) {
        None | Some(Value::Null) => return Ok(default),
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
        Some(_) => None,
    };
    n.filter(|n| (min..=max).contains(n))
        .ok_or_else(|| invalid(name, format!("It must be an integer from {min} to {max}.")))
}
