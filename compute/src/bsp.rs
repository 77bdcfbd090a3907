//! Bulk-synchronous rounds over one timely exchange.
//!
//! A [`Channel`] is a tiny dataflow: an input of `(destination, sender, message)` records,
//! exchanged by destination, consumed into an inbox. A round sends this process's messages,
//! closes the round's timestamp and steps the worker until the probe shows that every process
//! has closed it and every message of it has been delivered: the frontier is the superstep
//! barrier. Messages are batches (one `Vec` per destination and round), so the records timely
//! moves are few and large.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use timely::ExchangeData;
use timely::container::CapacityContainerBuilder;
use timely::dataflow::channels::pact::Exchange;
use timely::dataflow::operators::Probe;
use timely::dataflow::operators::generic::operator::Operator;
use timely::dataflow::{InputHandle, ProbeHandle};
use timely::worker::Worker;

type Record<M> = (u32, u32, M);

/// Messages received, by round: a peer already in round `r + 1` may deliver before this
/// process has taken round `r`'s messages.
type Inbox<M> = Rc<RefCell<BTreeMap<u64, Vec<(u32, M)>>>>;

/// Rounds of messages between the processes of a group.
pub(crate) struct Channel<M: ExchangeData + Clone> {
    input: InputHandle<u64, CapacityContainerBuilder<Vec<Record<M>>>>,
    probe: ProbeHandle<u64>,
    inbox: Inbox<M>,
    me: u32,
    round: u64,
}

impl<M: ExchangeData + Clone> Channel<M> {
    /// Builds the channel's dataflow on `worker` (every process must build its channels in the
    /// same order).
    pub(crate) fn new(worker: &mut Worker) -> Self {
        let mut input = InputHandle::new();
        let probe = ProbeHandle::new();
        let inbox: Inbox<M> = Rc::default();
        let sink = inbox.clone();
        worker.dataflow::<u64, _, _>(|scope| {
            input
                .to_stream(scope)
                .unary::<CapacityContainerBuilder<Vec<()>>, _, _, _>(
                    Exchange::new(|r: &Record<M>| u64::from(r.0)),
                    "Inbox",
                    |_, _| {
                        move |input, _output| {
                            input.for_each(|cap, data| {
                                // Our inputs always send under a capability: a time.
                                let Some(&time) = cap.least() else { return };
                                let mut inbox = sink.borrow_mut();
                                let round = inbox.entry(time).or_default();
                                round.extend(data.drain(..).map(|(_, from, m)| (from, m)));
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
            round: 0,
        }
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
        let this = self.round;
        self.round += 1;
        self.input.advance_to(self.round);
        while self.probe.less_than(&self.round) {
            // Parked until something arrives: timely's network threads wake the worker when
            // a queue of theirs turns non-empty (a timed park cost a millisecond per round).
            worker.step_or_park(None);
        }
        let mut got = self.inbox.borrow_mut().remove(&this).unwrap_or_default();
        got.sort_by_key(|(from, _)| *from);
        got
    }
}

/// What a superstep delivered: the batches sent to this process, in sender order, and the
/// element-wise sums of every process's statistics.
pub(crate) struct Delivered<T> {
    /// `(sender, batch)`, senders ascending.
    pub(crate) batches: Vec<(u32, Vec<T>)>,
    /// The sums over all processes of the `stats` each passed to [`Superstep::round`].
    pub(crate) totals: Vec<f64>,
}

/// One round per superstep: every process sends every process a batch (empty or not) and its
/// statistics, so that each learns the batches meant for it and the global sums (how many
/// messages were sent, PageRank's L1 change and dangling rank) from the same round. The sums
/// are added in process order, so every process gets bit-identical totals and takes the same
/// decisions from them.
pub(crate) struct Superstep<T: ExchangeData + Clone>(Channel<(Vec<f64>, Vec<T>)>);

impl<T: ExchangeData + Clone> Superstep<T> {
    /// Builds the superstep's dataflow (see [`Channel::new`]).
    pub(crate) fn new(worker: &mut Worker) -> Self {
        Self(Channel::new(worker))
    }

    /// Sends `out[d]` to process `d` (`out` has one batch per process) with `stats`, and
    /// returns what this process received.
    pub(crate) fn round(
        &mut self,
        worker: &mut Worker,
        out: Vec<Vec<T>>,
        stats: &[f64],
    ) -> Delivered<T> {
        let sends = out
            .into_iter()
            .enumerate()
            .map(|(d, batch)| (d as u32, (stats.to_vec(), batch)));
        let got = self.0.round(worker, sends);
        let mut totals = vec![0.0; stats.len()];
        let mut batches = Vec::with_capacity(got.len());
        for (from, (s, batch)) in got {
            for (t, x) in totals.iter_mut().zip(s) {
                *t += x;
            }
            batches.push((from, batch));
        }
        Delivered { batches, totals }
    }
}
