//! The kernels, one per file, and the choice among them.

use engine::distributed::{ComputeTask, Kernel, Mode, Shard, ShardValues, progress_line};
use engine::graph::partition::Manifest;
use engine::objects::ObjectClient;
use timely::worker::Worker;

use crate::part::{self, LocalGraph};

mod kcore;
mod label_propagation;
mod levels;
mod pagerank;
mod resume;
mod simple_view;
mod sssp;
mod triangles;
mod wcc;

use resume::Checkpoints;

/// Where a kernel reports its supersteps: process 0 prints them for the engine.
pub(crate) struct Progress {
    print: bool,
}

impl Progress {
    /// Reports superstep `k` of `total` (0: unknown).
    pub(crate) fn step(&self, k: u64, total: u64) {
        if self.print {
            println!("{}", progress_line(k, total));
        }
    }
}

/// Which processes a vertex has already queued its message for, so that it sends one
/// message per process however many of its neighbours that process owns: per process, the
/// last vertex (local index) queued for it.
pub(crate) struct OncePerPeer(Vec<u32>);

impl OncePerPeer {
    pub(crate) fn new(peers: u32) -> Self {
        Self(vec![u32::MAX; peers as usize])
    }

    /// Whether vertex `i` has not queued a message for process `to` yet (and now has). The
    /// vertices of one pass must be taken one after the other; [`OncePerPeer::reset`] before
    /// the next pass.
    #[inline]
    pub(crate) fn first(&mut self, to: u32, i: u32) -> bool {
        std::mem::replace(&mut self.0[to as usize], i) != i
    }

    /// Forgets every vertex, for a new pass over them.
    pub(crate) fn reset(&mut self) {
        self.0.fill(u32::MAX);
    }
}

/// Per-destination batches of `(vertex, value)`, filled once per superstep.
pub(crate) fn batches<T>(peers: u32) -> Vec<Vec<T>> {
    (0..peers).map(|_| Vec::new()).collect()
}

/// Streams this process's part from `store` and runs `task`'s kernel on it; returns the
/// process's shard.
pub(crate) fn run(
    worker: &mut Worker,
    task: &ComputeTask,
    manifest: &Manifest,
    store: &ObjectClient,
) -> Result<Shard, String> {
    let with_in = match task.kernel {
        Kernel::PageRank { directed, .. } => !directed,
        Kernel::Wcc
        | Kernel::KCore { .. }
        | Kernel::Triangles { .. }
        | Kernel::LabelPropagation { .. } => true,
        Kernel::Sssp { directed, .. } | Kernel::Path { directed, .. } => !directed,
        Kernel::Levels { mode, .. } => mode != Mode::Out,
    };
    let g = part::load(worker, manifest, (store, &task.parts), with_in)?;
    let progress = Progress {
        print: worker.index() == 0,
    };
    let process = worker.index() as u32;
    let ck = Checkpoints::new(task, process, store);
    let (values, iterations, delta) = match task.kernel {
        Kernel::PageRank {
            alpha,
            convergence,
            max_iterations,
            directed,
        } => {
            let cfg = pagerank::Config {
                alpha,
                convergence,
                max_iterations,
                directed,
            };
            let r = pagerank::run(worker, &g, &cfg, &progress, &ck)?;
            (
                ShardValues::F64(owned_values(&g, &r.ranks)),
                r.iterations,
                r.delta,
            )
        }
        Kernel::Wcc => {
            let (labels, steps) = wcc::run(worker, &g, &progress, &ck)?;
            (ShardValues::U32(owned_values(&g, &labels)), steps, 0.0)
        }
        Kernel::KCore { .. } => {
            let (cores, steps) = kcore::run(worker, &g, &progress, &ck)?;
            (ShardValues::U32(owned_values(&g, &cores)), steps, 0.0)
        }
        Kernel::LabelPropagation {
            convergence,
            max_iterations,
            weighted,
            seeds,
        } => {
            let seeds = if seeds > 0 {
                let share = engine::distributed::seeds::read(store, &task.shards, process)
                    .map_err(|e| e.to_string())?;
                Some((share, seeds))
            } else {
                None
            };
            let cfg = label_propagation::Config {
                convergence,
                max_iterations,
                weighted,
                seeds,
            };
            let (labels, steps) = label_propagation::run(worker, &g, &cfg, &progress, &ck)?;
            (ShardValues::U32(owned_values(&g, &labels)), steps, 0.0)
        }
        Kernel::Triangles { .. } => {
            let through = triangles::run(worker, &g, &progress)?;
            (triangles::shard_values(&g, &through), 3, 0.0)
        }
        Kernel::Sssp {
            source,
            directed,
            weighted,
        } => {
            let search = sssp::Search {
                source,
                directed,
                weighted,
            };
            let found = sssp::run(worker, &g, &search, &progress, (&ck, false))?;
            (found.values(&g, false), found.steps, 0.0)
        }
        Kernel::Path {
            source,
            directed,
            weighted,
            ..
        } => {
            let search = sssp::Search {
                source,
                directed,
                weighted,
            };
            let found = sssp::run(worker, &g, &search, &progress, (&ck, true))?;
            (found.values(&g, true), found.steps, 0.0)
        }
        Kernel::Levels { source, k, mode } => {
            let (levels, steps) = levels::run(worker, &g, (source, k, mode), &progress, &ck)?;
            (ShardValues::U32(owned_values(&g, &levels)), steps, 0.0)
        }
    };
    Ok(Shard {
        process,
        iterations,
        delta,
        values,
    })
}

/// `(v, value)` for the vertices `g`'s process owns, from their values by local index.
fn owned_values<T: Copy>(g: &LocalGraph, values: &[T]) -> Vec<(u32, T)> {
    g.owned.iter().zip(values).map(|(&v, &x)| (v, x)).collect()
}
