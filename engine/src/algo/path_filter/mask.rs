//! Evaluating [`PathFilters`] on a graph into the [`Mask`] the traversals take.
//!
//! A condition is resolved once per label first: a label test, or a property the label does
//! not define, has the same answer for every element of the label, so only property values and
//! vertex ids are read element by element (in parallel chunks, checking for cancellation).

use std::cmp::Ordering;

use rayon::prelude::*;

use super::{ElementFilter, Mask, Operand, PathFilters, Test};
use crate::algo::{AlgoError, Result};
use crate::graph::{Cardinality, Graph};
use crate::job::control::{Cancelled, JobControl};
use crate::query::{Predicate, compare};

/// Elements evaluated between cancellation checks.
const CHUNK: usize = 4096;

/// How one label's elements answer a condition.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// The same for all of them.
    Fixed(bool),
    /// Read property column `col` (compared numerically when `numeric`).
    Read { col: usize, numeric: bool },
    /// Read the vertex id.
    Id,
}

/// Vertices or edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Vertices,
    Edges,
}

impl PathFilters {
    /// The vertices and edges of `g` that pass the filters.
    ///
    /// # Errors
    /// [`AlgoError::Param`] when a filter names a property no label defines, or compares a list
    /// or set property; [`AlgoError::Cancelled`].
    ///
    /// # Complexity
    /// O(n + m) condition evaluations, in parallel.
    pub fn mask(&self, g: &Graph, ctl: &JobControl) -> Result<Mask> {
        ctl.check()?;
        let side = |f: &Option<ElementFilter>, key: &str, side: Side| {
            f.as_ref()
                .map(|f| keep(g, f, key, side, ctl))
                .transpose()
                .map(Option::flatten)
        };
        Ok(Mask {
            vertices: side(&self.vertex, "vertex_filter", Side::Vertices)?,
            edges: side(&self.edge, "edge_filter", Side::Edges)?,
        })
    }
}

/// Which elements of `side` pass `f`; `None` when all of them do.
fn keep(
    g: &Graph,
    f: &ElementFilter,
    key: &str,
    side: Side,
    ctl: &JobControl,
) -> Result<Option<Vec<bool>>> {
    let plans = plans(g, f, key)?;
    if plans.iter().all(|p| matches!(p, Plan::Fixed(true))) {
        return Ok(None);
    }
    let schema = g.schema();
    let pass = |i: usize| -> bool {
        let label = match side {
            Side::Vertices => g.vertex_label(i as u32),
            Side::Edges => g.edge_label(i),
        };
        let Some(plan) = schema.label_id(label).map(|l| plans[l as usize]) else {
            return false;
        };
        match plan {
            Plan::Fixed(pass) => pass,
            Plan::Id => f.matches(Some(&[g.vertex_name(i as u32)][..]), false),
            Plan::Read { col, numeric } => {
                let props = match side {
                    Side::Vertices => g.vertex_properties(i as u32),
                    Side::Edges => g.edge_properties(i),
                };
                let values = props.get(col).map_or(&[][..], |(_, v)| v.as_slice());
                f.matches(Some(values), numeric)
            }
        }
    };
    let len = match side {
        Side::Vertices => g.vertex_count(),
        Side::Edges => g.edge_count(),
    };
    let mut out = vec![false; len];
    out.par_chunks_mut(CHUNK)
        .enumerate()
        .try_for_each(|(c, chunk)| {
            ctl.check()?;
            for (i, slot) in chunk.iter_mut().enumerate() {
                *slot = pass(c * CHUNK + i);
            }
            Ok::<_, Cancelled>(())
        })?;
    // A condition every element passes (say, on labels only the other side uses) needs no mask.
    Ok((!out.iter().all(|&pass| pass)).then_some(out))
}

/// How each label of the schema (by id) answers `f`.
///
/// # Errors
/// A property no label defines, or a comparison on a list or set property.
fn plans(g: &Graph, f: &ElementFilter, key: &str) -> Result<Vec<Plan>> {
    let labels = g.schema().labels();
    match &f.operand {
        Operand::Label => Ok(labels
            .iter()
            .map(|l| Plan::Fixed(f.matches(Some(&[l.name.as_str()][..]), false)))
            .collect()),
        Operand::Id => Ok(vec![Plan::Id; labels.len()]),
        Operand::Property(name) => {
            let invalid = |why: String| {
                AlgoError::Param(format!(
                    "parameter [{key}.property_filter.leftvalue.property_name] is invalid! {why}"
                ))
            };
            let defs: Vec<_> = labels
                .iter()
                .map(|l| l.property_index(name).map(|c| (c, &l.properties[c])))
                .collect();
            if defs.iter().all(Option::is_none) {
                return Err(invalid(format!("No label has a property [{name}].")));
            }
            let compares = matches!(f.test, Test::Query(p) if p.is_comparison());
            if compares
                && defs
                    .iter()
                    .flatten()
                    .any(|(_, p)| p.cardinality != Cardinality::Single)
            {
                return Err(invalid(format!(
                    "Property [{name}] is a list or set: only has, hasNot, IN and PREFIX apply to it."
                )));
            }
            Ok(defs
                .iter()
                .map(|d| match d {
                    None => Plan::Fixed(f.matches::<&str>(None, false)),
                    Some((col, p)) => Plan::Read {
                        col: *col,
                        numeric: p.data_type.is_numeric(),
                    },
                })
                .collect())
        }
    }
}

impl ElementFilter {
    /// Whether an element whose operand holds `values` (`None`: its label lacks the property)
    /// passes. The same rules as the vertex/edge filter queries' filters, plus `PREFIX`.
    pub(crate) fn matches<S: AsRef<str>>(&self, values: Option<&[S]>, numeric: bool) -> bool {
        let Some(values) = values else {
            return self.test == Test::Query(Predicate::HasNot);
        };
        let holds = |wanted: &str| {
            values
                .iter()
                .any(|v| compare(v.as_ref(), wanted, numeric) == Some(Ordering::Equal))
        };
        let p = match self.test {
            Test::Prefix => {
                return values
                    .iter()
                    .any(|v| v.as_ref().starts_with(&self.values[0]));
            }
            Test::Query(p) => p,
        };
        let Some(first) = values.first().map(AsRef::as_ref) else {
            // No value: only `hasNot` holds.
            return p == Predicate::HasNot;
        };
        let cmp = |i: usize| compare(first, &self.values[i], numeric);
        use Ordering::{Equal, Greater, Less};
        match p {
            Predicate::Has => self.values.iter().any(|w| holds(w)),
            Predicate::HasNot => !self.values.iter().any(|w| holds(w)),
            Predicate::Eq => cmp(0) == Some(Equal),
            Predicate::Lt => cmp(0) == Some(Less),
            Predicate::Gt => cmp(0) == Some(Greater),
            Predicate::Le => matches!(cmp(0), Some(Less | Equal)),
            Predicate::Ge => matches!(cmp(0), Some(Greater | Equal)),
            Predicate::Range => {
                matches!(cmp(0), Some(Greater | Equal)) && matches!(cmp(1), Some(Less | Equal))
            }
        }
    }
}
