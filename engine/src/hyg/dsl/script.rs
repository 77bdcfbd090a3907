//! Running a checked script: its module constants, its runs, and the stdout of each partition.
//!
//! HyG runs a script once per partition process (SPMD); graphjobs computes each run once and
//! then writes, for every one of [`PARTITIONS`] partitions, the stdout that partition's process
//! would print: every top-level `print` in order, with a run's result restricted to the
//! partition's vertices (vertex `v` belongs to partition [`owner`]`(v, PARTITIONS)`, the hash
//! the partitioned graph files use, each vertex with its out-edges as HyG's `oec` cut), and
//! debug-mode prints of a model where its run stands, in the partition of the vertex that
//! printed them.

use super::eval::Frame;
use super::ir::{PrintArg, Program, Top};
use super::pregel::{self, Finished, Stop};
use super::repr;
use super::value::Val;
use crate::graph::Graph;
use crate::graph::partition::owner;
use crate::job::control::JobControl;

/// How many partitions (stdout files) a dsl job writes.
pub const PARTITIONS: u32 = 2;

/// What a script printed, per partition.
#[derive(Debug)]
pub(crate) struct Output {
    /// Lines of each partition's stdout.
    pub(crate) partitions: Vec<Vec<String>>,
    /// Supersteps of all runs together.
    pub(crate) supersteps: u64,
    /// Whether every run stopped because all vertices halted (none at the superstep cap).
    pub(crate) converged: bool,
}

/// A run with the vertices its `result_filter` keeps.
struct RunResult {
    finished: Finished,
    keep: Vec<bool>,
}

/// Runs `program` on `graph`.
///
/// # Errors
/// [`Stop::Cancelled`] when `ctl` is cancelled, [`Stop::Failed`] with `"line N: …"` on a
/// runtime error.
pub(crate) fn execute(program: &Program, graph: &Graph, ctl: &JobControl) -> Result<Output, Stop> {
    let mut globals = vec![Val::Int(0); program.globals];
    for t in &program.top {
        if let Top::Global { line, slot, value } = t {
            let v = Frame::new(graph, &globals)
                .eval_free(value)
                .map_err(|e| Stop::Failed(format!("line {line}: {e}")))?;
            globals[*slot] = v;
        }
    }
    let mut runs = Vec::new();
    for t in &program.top {
        let Top::Run(run) = t else { continue };
        let finished = pregel::run(graph, &program.models[run.model], &globals, ctl)?;
        let keep = match &run.filter {
            None => vec![true; finished.values.len()],
            Some(filter) => {
                let mut frame = Frame::new(graph, &globals);
                let mut keep = Vec::with_capacity(finished.values.len());
                for (v, value) in finished.values.iter().enumerate() {
                    frame.nid = v as u32;
                    frame.value = value.clone();
                    let kept = frame.eval_free(filter).map_err(|e| {
                        Stop::Failed(format!("line {}: result_filter: {e}", run.line))
                    })?;
                    keep.push(kept.truthy());
                }
                keep
            }
        };
        runs.push(RunResult { finished, keep });
    }
    let mut partitions = Vec::with_capacity(PARTITIONS as usize);
    for k in 0..PARTITIONS {
        partitions.push(stdout(program, graph, &globals, &runs, k)?);
    }
    Ok(Output {
        partitions,
        supersteps: runs.iter().map(|r| r.finished.supersteps).sum(),
        converged: runs.iter().all(|r| r.finished.converged),
    })
}

/// Partition `k`'s stdout.
fn stdout(
    program: &Program,
    graph: &Graph,
    globals: &[Val],
    runs: &[RunResult],
    k: u32,
) -> Result<Vec<String>, Stop> {
    let mut lines = Vec::new();
    let mut run = 0;
    for t in &program.top {
        match t {
            Top::Global { .. } => {}
            Top::Run(_) => {
                let printed = &runs[run].finished.printed;
                lines.extend(
                    printed
                        .iter()
                        .filter(|(v, _)| owner(*v, PARTITIONS) == k)
                        .map(|(_, l)| l.clone()),
                );
                run += 1;
            }
            Top::Print(args) => {
                let mut words = Vec::with_capacity(args.len());
                for a in args {
                    words.push(print_arg(a, graph, globals, runs, k)?);
                }
                lines.push(words.join(" "));
            }
        }
    }
    Ok(lines)
}

/// The vertices of run `r` that partition `k` shows, in `nid` order.
fn slice(runs: &[RunResult], r: usize, k: u32) -> impl Iterator<Item = (u32, &Val)> {
    let run = &runs[r];
    run.finished
        .values
        .iter()
        .enumerate()
        .filter(move |(v, _)| run.keep[*v] && owner(*v as u32, PARTITIONS) == k)
        .map(|(v, val)| (v as u32, val))
}

fn print_arg(
    a: &PrintArg,
    graph: &Graph,
    globals: &[Val],
    runs: &[RunResult],
    k: u32,
) -> Result<String, Stop> {
    Ok(match a {
        PrintArg::Value(e) => {
            let v = Frame::new(graph, globals)
                .eval_free(e)
                .map_err(|e| Stop::Failed(format!("print: {e}")))?;
            repr::str(&v)
        }
        PrintArg::Result(r) => {
            repr::dict(slice(runs, *r, k).map(|(v, val)| (graph.vertex_name(v), val)))
        }
        PrintArg::Len(r) => slice(runs, *r, k).count().to_string(),
        PrintArg::TypeOf(inner) => {
            let name = match inner.as_ref() {
                PrintArg::Result(_) => "dict",
                PrintArg::Len(_) => "int",
                PrintArg::TypeOf(_) => "type",
                PrintArg::Value(e) => Frame::new(graph, globals)
                    .eval_free(e)
                    .map_err(|e| Stop::Failed(format!("print: {e}")))?
                    .type_name(),
            };
            format!("<class '{name}'>")
        }
    })
}
