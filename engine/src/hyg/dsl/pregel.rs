//! `graph.run_pregel(Model)`: bulk-synchronous supersteps over the CSR graph.
//!
//! - Every vertex starts with the zero of `ntype` (`0`, `0.0`, `False`); `init(ctx, nid)` then
//!   runs on every vertex (at superstep 0; its sends arrive in superstep 0, its `halt` has no
//!   effect).
//! - Superstep 0 runs `compute(ctx, nid, msgs)` on every vertex; each later superstep on
//!   every vertex that has not voted to halt or has messages (a message reactivates a halted
//!   vertex). Vertices run in `nid` order, one at a time, and a message sent in superstep `s`
//!   is seen in `s + 1`.
//! - With a `combiner` each vertex's messages are folded into one as they arrive, so `msgs`
//!   holds at most one; without one all are delivered, in send order.
//! - The run stops once every vertex has halted and no message is pending (`converged`), or
//!   after [`MAX_SUPERSTEPS`] supersteps, HyG's documented "maximum iteration count" (not
//!   settable, as in HyG): the result is then what the vertices hold, and the job succeeds.
//! - The cancel flag is checked between supersteps and every [`CHECK_EVERY`] vertices; progress
//!   is supersteps out of [`MAX_SUPERSTEPS`].

use super::eval::{Frame, extreme};
use super::ir::{BinOp, Combiner, Method, Model};
use super::value::{self, Val};
use crate::graph::Graph;
use crate::job::control::JobControl;

/// The superstep cap: HyG's default iteration cap for its catalogue (pagerank's 1000).
pub const MAX_SUPERSTEPS: u64 = 1000;
/// Vertices between cancellation checks.
const CHECK_EVERY: usize = 4096;

/// Why a run stopped early.
#[derive(Debug, PartialEq)]
pub(crate) enum Stop {
    /// The job was cancelled (or timed out).
    Cancelled,
    /// A runtime error (`"line N: …"`).
    Failed(String),
}

/// A finished run.
#[derive(Debug)]
pub(crate) struct Finished {
    /// Each vertex's final value.
    pub(crate) values: Vec<Val>,
    /// Supersteps run.
    pub(crate) supersteps: u64,
    /// Whether it stopped because everything halted (not at the cap).
    pub(crate) converged: bool,
    /// Debug-mode prints, by vertex, in order.
    pub(crate) printed: Vec<(u32, String)>,
}

/// Messages waiting for the next superstep.
enum Inbox {
    Combined(Vec<Option<Val>>, Combiner),
    Lists(Vec<Vec<Val>>),
}

impl Inbox {
    fn new(n: usize, combiner: Option<Combiner>) -> Self {
        match combiner {
            Some(c) => Inbox::Combined(vec![None; n], c),
            None => Inbox::Lists(vec![Vec::new(); n]),
        }
    }

    fn put(&mut self, dst: u32, msg: Val) -> Result<(), String> {
        match self {
            Inbox::Lists(l) => l[dst as usize].push(msg),
            Inbox::Combined(slots, c) => {
                let slot = &mut slots[dst as usize];
                *slot = Some(match slot.take() {
                    None => msg,
                    Some(old) => match c {
                        Combiner::Min => extreme(true, &[old, msg])?,
                        Combiner::Max => extreme(false, &[old, msg])?,
                        Combiner::Sum => value::binop(BinOp::Add, &old, &msg)?,
                    },
                });
            }
        }
        Ok(())
    }

    fn has(&self, v: usize) -> bool {
        match self {
            Inbox::Combined(s, _) => s[v].is_some(),
            Inbox::Lists(l) => !l[v].is_empty(),
        }
    }

    fn take(&mut self, v: usize) -> Vec<Val> {
        match self {
            Inbox::Combined(s, _) => s[v].take().into_iter().collect(),
            Inbox::Lists(l) => std::mem::take(&mut l[v]),
        }
    }
}

/// Buffers reused between method calls.
#[derive(Default)]
struct Bufs {
    sends: Vec<(u32, Val)>,
    printed: Vec<String>,
    locals: Vec<Option<Val>>,
}

/// Runs `model` on `graph` with module constants `globals`.
///
/// # Errors
/// [`Stop::Cancelled`] when `ctl` is cancelled; [`Stop::Failed`] on a runtime error.
///
/// # Complexity
/// O(supersteps · (n + messages)) method runs, sequential.
pub(crate) fn run(
    graph: &Graph,
    model: &Model,
    globals: &[Val],
    ctl: &JobControl,
) -> Result<Finished, Stop> {
    let n = graph.vertex_count();
    let mut values = vec![Val::zero(model.ntype); n];
    let mut halted = vec![false; n];
    let mut printed = Vec::new();
    let mut inbox = Inbox::new(n, model.combiner);
    let mut bufs = Bufs::default();
    let cx = Step {
        graph,
        globals,
        model,
    };
    if let Some(init) = &model.init {
        for (v, value) in values.iter_mut().enumerate() {
            if v % CHECK_EVERY == 0 && ctl.is_cancelled() {
                return Err(Stop::Cancelled);
            }
            cx.call(0, init, v as u32, value, &[], &mut bufs)?;
            deliver(v as u32, &mut bufs, &mut inbox, &mut printed)?;
        }
    }
    for superstep in 0..MAX_SUPERSTEPS {
        if ctl.is_cancelled() {
            return Err(Stop::Cancelled);
        }
        ctl.set_iterations(superstep);
        ctl.set_progress(superstep, MAX_SUPERSTEPS);
        let mut next = Inbox::new(n, model.combiner);
        let mut pending = false;
        let mut awake = 0usize;
        for v in 0..n {
            if v % CHECK_EVERY == CHECK_EVERY - 1 && ctl.is_cancelled() {
                return Err(Stop::Cancelled);
            }
            if superstep > 0 && halted[v] && !inbox.has(v) {
                continue;
            }
            let msgs = inbox.take(v);
            halted[v] = match &model.compute {
                Some(compute) => cx.call(
                    superstep,
                    compute,
                    v as u32,
                    &mut values[v],
                    &msgs,
                    &mut bufs,
                )?,
                // No compute: nothing to do, every vertex halts at once.
                None => true,
            };
            pending |= !bufs.sends.is_empty();
            deliver(v as u32, &mut bufs, &mut next, &mut printed)?;
            awake += usize::from(!halted[v]);
        }
        inbox = next;
        if awake == 0 && !pending {
            return Ok(Finished {
                values,
                supersteps: superstep + 1,
                converged: true,
                printed,
            });
        }
    }
    Ok(Finished {
        values,
        supersteps: MAX_SUPERSTEPS,
        converged: false,
        printed,
    })
}

/// What every method call of a run shares.
struct Step<'a> {
    graph: &'a Graph,
    globals: &'a [Val],
    model: &'a Model,
}

impl Step<'_> {
    /// Runs `method` for vertex `v`; returns whether it voted to halt.
    fn call(
        &self,
        superstep: u64,
        method: &Method,
        v: u32,
        value: &mut Val,
        msgs: &[Val],
        bufs: &mut Bufs,
    ) -> Result<bool, Stop> {
        let mut f = Frame {
            graph: self.graph,
            globals: self.globals,
            superstep,
            nid: v,
            value: std::mem::replace(value, Val::Int(0)),
            ntype: self.model.ntype,
            mtype: self.model.mtype,
            msgs,
            sends: std::mem::take(&mut bufs.sends),
            halted: false,
            printed: std::mem::take(&mut bufs.printed),
            locals: std::mem::take(&mut bufs.locals),
        };
        let out = f.run(method);
        *value = f.value;
        bufs.sends = f.sends;
        bufs.printed = f.printed;
        bufs.locals = f.locals;
        out.map(|()| f.halted).map_err(Stop::Failed)
    }
}

/// Moves vertex `v`'s sends into `inbox` and its prints into `printed`.
fn deliver(
    v: u32,
    bufs: &mut Bufs,
    inbox: &mut Inbox,
    printed: &mut Vec<(u32, String)>,
) -> Result<(), Stop> {
    for (dst, msg) in bufs.sends.drain(..) {
        inbox.put(dst, msg).map_err(Stop::Failed)?;
    }
    printed.extend(bufs.printed.drain(..).map(|l| (v, l)));
    Ok(())
}
