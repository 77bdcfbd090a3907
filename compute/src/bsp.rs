//! Bulk-synchronous rounds over one timely exchange.
//!
//! A [`Channel`] is a tiny dataflow: an input of `(destination, sender, message)` records,
//! exchanged by destination, consumed into an inbox. A round sends this process's messages,
//! closes the round's timestamp and steps the worker until the probe shows that every process
//! has closed it and every message of it has been delivered: the frontier is the superstep
//! barrier. Messages are batches (one `Vec` per destination and round), so the records timely
//! moves are few and large.

use std::cell::RefCell;
use std::rc::Rc;

use timely::ExchangeData;
use timely::container::CapacityContainerBuilder;
use timely::dataflow::channels::pact::Exchange;
use timely::dataflow::operators::Probe;
use timely::dataflow::operators::generic::operator::Operator;
use timely::dataflow::{InputHandle, ProbeHandle};
use timely::worker::Worker;

type Record<M> = (u32, u32, M);

/// Rounds of messages between the processes of a group.
pub(crate) struct Channel<M: ExchangeData + Clone> {
    input: InputHandle<u64, CapacityContainerBuilder<Vec<Record<M>>>>,
    probe: ProbeHandle<u64>,
    inbox: Rc<RefCell<Vec<(u32, M)>>>,
    me: u32,
    peers: u32,
    round: u64,
}

impl<M: ExchangeData + Clone> Channel<M> {
    /// Builds the channel's dataflow on `worker` (every process must build its channels in the
    /// same order).
    pub(crate) fn new(worker: &mut Worker) -> Self {
        let mut input = InputHandle::new();
        let probe = ProbeHandle::new();
        let inbox: Rc<RefCell<Vec<(u32, M)>>> = Rc::default();
        let sink = inbox.clone();
        worker.dataflow::<u64, _, _>(|scope| {
            input
                .to_stream(scope)
                .unary::<CapacityContainerBuilder<Vec<()>>, _, _, _>(
                    Exchange::new(|r: &Record<M>| u64::from(r.0)),
                    "Inbox",
                    |_, _| {
                        move |input, _output| {
                            input.for_each(|_, data| {
                                let mut inbox = sink.borrow_mut();
                                inbox.extend(data.drain(..).map(|(_, from, m)| (from, m)));
                            });
                        }
                    },
                )
                .probe_with(&probe);
        });
        Self {
            input,
            probe,
            inbox,
            me: worker.index() as u32,
            peers: worker.peers() as u32,
            round: 0,
        }
    }

    /// The number of processes.
    pub(crate) fn peers(&self) -> u32 {
        self.peers
    }

    /// Sends `out` (`(destination process, message)`), waits for every process to finish the
    /// round, and returns the messages this process received, as `(sender, message)` in sender
    /// order (messages from one sender in the order it sent them).
    pub(crate) fn round(
        &mut self,
        worker: &mut Worker,
        out: impl IntoIterator<Item = (u32, M)>,
    ) -> Vec<(u32, M)> {
        for (dest, m) in out {
            self.input.send((dest, self.me, m));
        }
        self.round += 1;
        self.input.advance_to(self.round);
        while self.probe.less_than(&self.round) {
            // Parked until something arrives: timely's network threads wake the worker when
            // a queue of theirs turns non-empty (a timed park cost a millisecond per round).
            worker.step_or_park(None);
        }
        let mut got = std::mem::take(&mut *self.inbox.borrow_mut());
        got.sort_by_key(|(from, _)| *from);
        got
    }
}

/// Element-wise sums of one vector per process, the same on every process.
pub(crate) struct AllReduce(Channel<Vec<f64>>);

impl AllReduce {
    /// Builds the all-reduce's dataflow (see [`Channel::new`]).
    pub(crate) fn new(worker: &mut Worker) -> Self {
        Self(Channel::new(worker))
    }

    /// The sums of `local` over all processes. They are added in process order, so every
    /// process gets bit-identical sums and takes the same decisions from them.
    pub(crate) fn sum(&mut self, worker: &mut Worker, local: &[f64]) -> Vec<f64> {
        let peers = self.0.peers();
        let got = self
            .0
            .round(worker, (0..peers).map(|d| (d, local.to_vec())));
        let mut total = vec![0.0; local.len()];
        for (_, v) in got {
            for (t, x) in total.iter_mut().zip(v) {
                *t += x;
            }
        }
        total
    }
}
