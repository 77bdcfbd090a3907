//! # graphjobs compute
//!
//! The distributed executor's processes: algorithm kernels as timely-dataflow computations over
//! a partitioned graph ([`engine::graph::partition`]), one timely worker per process, process
//! `I` holding part `I` (the edges whose source it owns, [`engine::graph::partition::owner`]).
//!
//! The engine never links this crate: a node starts `P` processes of `graphjobs
//! compute-worker` (the server binary's subcommand, [`worker_main`]) or of this crate's own
//! `graphjobs-compute` binary, and reads back the [`engine::distributed::Shard`]s they write
//! (see [`engine::distributed`] for the whole protocol).
//!
//! Kernels are bulk-synchronous: each superstep, every process sends what its vertices have
//! to say to the owners of their neighbours through one timely exchange ([`bsp`]), and a
//! process's state lives in dense arrays sized by its own share of the graph: its vertices by
//! local index, its edges' neighbours by slot ([`part`]), never by the whole graph's vertex
//! count. Only contributions travel, never
//! the graph: a process loads its own part, streaming, and, when a kernel needs edges in both
//! directions, receives the reverse of the edges that point at its vertices once, at load.
//!
//! Every process takes the same decisions (convergence, end of a traversal) from values summed
//! over all processes in process order, in the superstep's own round, so all of them stop at
//! the same superstep.

mod args;
mod bsp;
mod group;
mod kernels;
mod part;
mod store_fault;
mod worker;

pub use args::{DEFAULT_CONNECT_TIMEOUT_SECS, StoreArgs, WorkerArgs};
pub use store_fault::STORE_UNAVAILABLE;
pub use worker::{ORPHANED, UNREACHABLE, worker_main};
