//! The job lifecycle — claim, lease renewal, lease expiry and the sweep, fenced writes, cancel,
//! the cancel deadline, and the re-queue that retries a job — checked exhaustively with
//! `stateright` for 2 nodes, 2 jobs and 2 claims per node.
//!
//! The model does not restate the lifecycle: every transition it explores runs the job store's
//! own statements (`SqlStore` on SQLite). For each state it loads the jobs' lifecycle columns
//! into the store, performs the action through the store's API (`claim_next_leased`,
//! `renew_lease`, `finish`, `request_cancel`, `expire_leases`, `fail_overdue_cancels`) and
//! reads the columns back. Only time is abstract: a lease or deadline is live, or has passed
//! (the "pause past the lease" of a stalled node is the action `Expire`). Every state change is
//! also checked against the engine's own rule, `JobState::can_become`.

use std::sync::Mutex;
use std::time::Duration;

use engine::job::JobType;
use engine::job::store::{JobStore, Outcome, SqlStore};
use engine::testing::{Lifecycle, lifecycle, set_lifecycle};
use engine::time_fmt::{now, to_millis};
use engine::{JobId, JobRecord, JobState};
use serde_json::json;
use stateright::{Checker, Model, Property};

const P: &str = "proj1";
const NODES: [&str; 2] = ["A", "B"];
const JOBS: usize = 2;
const CLAIMS_PER_NODE: u8 = 2;
const HOUR: i64 = 3_600_000;

/// A lease or a cancel deadline, as far as the store's statements can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Clock {
    None,
    Live,
    Passed,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Job {
    state: JobState,
    owner: Option<String>,
    lease: Clock,
    deadline: Clock,
    /// Ghosts (what the properties look at).
    successes: u8,
    first_terminal: Option<JobState>,
    cancelled_while_queued: bool,
    stale_write: bool,
    illegal_change: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
struct Node {
    claims: u8,
    /// Jobs this node believes it runs, with the fence token of that claim.
    held: Vec<(usize, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct World {
    jobs: Vec<Job>,
    nodes: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Action {
    Claim(usize),
    Renew(usize, usize),
    Finish(usize, usize),
    Expire(usize),
    DeadlinePasses(usize),
    Sweep,
    Cancel(usize),
}

/// The model: one store per checker thread (a store holds one state at a time).
struct Lifecycles {
    stores: Vec<Mutex<Instance>>,
}

struct Instance {
    rt: tokio::runtime::Runtime,
    store: SqlStore,
    ids: Vec<String>,
    _dir: tempfile::TempDir,
}

fn record(n: u64) -> JobRecord {
    JobRecord {
        algorithm: Some("pagerank".into()),
        ..JobRecord::new(JobId::generate(n), P, "g", JobType::Algorithm, json!({}))
    }
}

const THREADS: usize = 2;

impl Lifecycles {
    fn new() -> Self {
        Self {
            stores: (0..THREADS).map(|_| Mutex::new(Instance::new())).collect(),
        }
    }

    /// Runs `action` on `world` on whichever store is free.
    fn step(&self, world: &World, action: &Action) -> World {
        loop {
            for store in &self.stores {
                if let Ok(instance) = store.try_lock() {
                    return instance.step(world, action);
                }
            }
            std::thread::yield_now();
        }
    }
}

impl Instance {
    fn new() -> Self {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        // Memory-backed where there is one: the model commits ~500,000 small transactions.
        let dir = tempfile::tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .unwrap();
        let (store, ids) = rt.block_on(async {
            let store = SqlStore::open_sqlite(&dir.path().join("graphjobs.db"))
                .await
                .unwrap();
            let mut ids = Vec::new();
            for n in 0..JOBS as u64 {
                let job = record(n + 1);
                store.insert_job(&job, &json!({}), 0).await.unwrap();
                ids.push(job.id.0);
            }
            (store, ids)
        });
        Self {
            rt,
            store,
            ids,
            _dir: dir,
        }
    }

    /// Runs `action` on `world` through the store.
    fn step(&self, world: &World, action: &Action) -> World {
        self.rt.block_on(async {
            let at = to_millis(now());
            let time = |c: Clock| match c {
                Clock::None => None,
                Clock::Live => Some(at + HOUR),
                Clock::Passed => Some(at - HOUR),
            };
            for (id, j) in self.ids.iter().zip(&world.jobs) {
                let l = Lifecycle {
                    state: j.state,
                    owner: j.owner.clone(),
                    lease_expires_at: time(j.lease),
                    cancel_deadline_at: time(j.deadline),
                    // Claims so far matter only at the store's MAX_ATTEMPTS, which 2 nodes × 2
                    // claims never reach (the conformance suite checks the limit): each state
                    // starts from none, so the store's count does not leak between states.
                    attempts: 0,
                };
                set_lifecycle(&self.store, id, &l).await.unwrap();
            }
            let mut next = world.clone();
            let lease = Duration::from_secs(3600);
            match action {
                Action::Claim(n) => {
                    let node = &mut next.nodes[*n];
                    let fence = format!("{}/{}", NODES[*n], node.claims);
                    node.claims += 1;
                    if let Some(job) = self.store.claim_next_leased(&fence, lease).await.unwrap() {
                        let j = self.ids.iter().position(|id| *id == job.id.0).unwrap();
                        node.held.push((j, fence));
                    }
                }
                Action::Renew(n, h) => {
                    let (j, fence) = next.nodes[*n].held[*h].clone();
                    let kept = self
                        .store
                        .renew_lease(&self.ids[j], &fence, lease)
                        .await
                        .unwrap();
                    if kept && world.jobs[j].owner.as_deref() != Some(fence.as_str()) {
                        next.jobs[j].stale_write = true;
                    }
                    if !kept {
                        next.nodes[*n].held.remove(*h);
                    }
                }
                Action::Finish(n, h) => {
                    let (j, fence) = next.nodes[*n].held.remove(*h);
                    // A worker told to stop reports it stopped; otherwise it succeeded.
                    let outcome = if world.jobs[j].state == JobState::Cancelling {
                        Outcome::Cancelled
                    } else {
                        Outcome::Succeeded {
                            result_total: 1,
                            graph_version: None,
                            detail: None,
                            partial: false,
                            graph_change: None,
                        }
                    };
                    let took = self
                        .store
                        .finish(&self.ids[j], &fence, &outcome)
                        .await
                        .unwrap();
                    if took && world.jobs[j].owner.as_deref() != Some(fence.as_str()) {
                        next.jobs[j].stale_write = true;
                    }
                    if took && matches!(outcome, Outcome::Succeeded { .. }) {
                        next.jobs[j].successes += 1;
                    }
                }
                Action::Expire(j) => next.jobs[*j].lease = Clock::Passed,
                Action::DeadlinePasses(j) => next.jobs[*j].deadline = Clock::Passed,
                Action::Sweep => {
                    self.store.expire_leases(now()).await.unwrap();
                    self.store.fail_overdue_cancels(now()).await.unwrap();
                }
                Action::Cancel(j) => {
                    let r = self
                        .store
                        .request_cancel(P, &self.ids[*j], "model", "model")
                        .await;
                    if r.is_ok() && world.jobs[*j].state == JobState::Queued {
                        next.jobs[*j].cancelled_while_queued = true;
                    }
                }
            }
            // Expire and DeadlinePasses are the clock's; the rest is read back from the store.
            if !matches!(action, Action::Expire(_) | Action::DeadlinePasses(_)) {
                let at = to_millis(now());
                let clock = |t: Option<i64>| match t {
                    None => Clock::None,
                    Some(t) if t > at => Clock::Live,
                    Some(_) => Clock::Passed,
                };
                for (id, j) in self.ids.iter().zip(next.jobs.iter_mut()) {
                    let l = lifecycle(&self.store, id).await.unwrap();
                    j.owner = l.owner;
                    j.lease = clock(l.lease_expires_at);
                    j.deadline = clock(l.cancel_deadline_at);
                    if l.state != j.state && !j.state.can_become(l.state) {
                        j.illegal_change = true;
                    }
                    j.state = l.state;
                    if l.state.is_terminal() && j.first_terminal.is_none() {
                        j.first_terminal = Some(l.state);
                    }
                }
            }
            next
        })
    }
}

impl Model for Lifecycles {
    type State = World;
    type Action = Action;

    fn init_states(&self) -> Vec<World> {
        let job = Job {
            state: JobState::Queued,
            owner: None,
            lease: Clock::None,
            deadline: Clock::None,
            successes: 0,
            first_terminal: None,
            cancelled_while_queued: false,
            stale_write: false,
            illegal_change: false,
        };
        vec![World {
            jobs: vec![job; JOBS],
            nodes: vec![Node::default(); NODES.len()],
        }]
    }

    fn actions(&self, w: &World, actions: &mut Vec<Action>) {
        for (n, node) in w.nodes.iter().enumerate() {
            if node.claims < CLAIMS_PER_NODE && w.jobs.iter().any(|j| j.state == JobState::Queued) {
                actions.push(Action::Claim(n));
            }
            for h in 0..node.held.len() {
                actions.push(Action::Renew(n, h));
                actions.push(Action::Finish(n, h));
            }
        }
        for (j, job) in w.jobs.iter().enumerate() {
            if job.lease == Clock::Live {
                actions.push(Action::Expire(j));
            }
            if job.deadline == Clock::Live {
                actions.push(Action::DeadlinePasses(j));
            }
            if !job.state.is_terminal() {
                actions.push(Action::Cancel(j));
            }
        }
        if w.jobs
            .iter()
            .any(|j| j.lease == Clock::Passed || j.deadline == Clock::Passed)
        {
            actions.push(Action::Sweep);
        }
    }

    fn next_state(&self, w: &World, action: Action) -> Option<World> {
        let next = self.step(w, &action);
        (next != *w).then_some(next)
    }

    fn properties(&self) -> Vec<Property<Self>> {
        vec![
            Property::always("a finished job stays as it finished", |_, w: &World| {
                w.jobs
                    .iter()
                    .all(|j| j.first_terminal.is_none_or(|t| j.state == t))
            }),
            Property::always("a job succeeds at most once", |_, w: &World| {
                w.jobs.iter().all(|j| j.successes <= 1)
            }),
            Property::always(
                "only the current claim's writes take effect",
                |_, w: &World| w.jobs.iter().all(|j| !j.stale_write),
            ),
            Property::always(
                "every change is one JobState::can_become allows",
                |_, w: &World| w.jobs.iter().all(|j| !j.illegal_change),
            ),
            Property::always(
                "a job cancelled while queued never succeeds",
                |_, w: &World| {
                    w.jobs
                        .iter()
                        .all(|j| !(j.cancelled_while_queued && j.state == JobState::Succeeded))
                },
            ),
            // Reachability: the exploration meets the situations the properties are about.
            Property::sometimes("a node holds a claim it lost", |_, w: &World| {
                w.nodes.iter().any(|n| {
                    n.held
                        .iter()
                        .any(|(j, f)| w.jobs[*j].owner.as_deref() != Some(f.as_str()))
                })
            }),
            Property::sometimes(
                "a job re-claimed after its lease passed succeeds",
                |_, w: &World| {
                    w.nodes.iter().all(|n| n.claims == CLAIMS_PER_NODE)
                        && w.jobs.iter().any(|j| j.state == JobState::Succeeded)
                },
            ),
            // Nothing else fails a job here: the sweep re-queues an algorithm whose lease passed.
            Property::sometimes("a job fails at its cancel deadline", |_, w: &World| {
                w.jobs.iter().any(|j| j.state == JobState::Failed)
            }),
        ]
    }
}

#[test]
fn the_job_lifecycle_holds_for_two_nodes_and_two_jobs() {
    let checker = Lifecycles::new()
        .checker()
        .threads(THREADS)
        .spawn_bfs()
        .join();
    eprintln!(
        "lifecycle model: {} states, {} unique, max depth {}",
        checker.state_count(),
        checker.unique_state_count(),
        checker.max_depth()
    );
    checker.assert_properties();
    assert!(checker.is_done(), "the exploration was exhaustive");
}
