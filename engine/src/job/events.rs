//! Job change notifications: every write this process makes about a job (submit, claim,
//! progress, cancel, finish, a bulk action's parent) is announced on an in-process broadcast
//! channel, which the console's live stream (Server-Sent Events) relays to browsers.
//!
//! An event only says *which* job changed, never its new state: a listener reads the job (or
//! the page it shows) afresh, so a missed or coalesced event costs one refresh, never a wrong
//! screen. On a shared PostgreSQL store the other nodes' changes arrive here too
//! ([`super::cluster_events`]); the console keeps polling as its fallback all the same.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::{broadcast, mpsc};

/// Events a slow listener may fall behind by before it is told it lagged.
const CAPACITY: usize = 1024;

/// A job of `project` changed. `project` is `None` when the change is not tied to one project
/// (a sweep that re-queued or failed jobs of any project).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobEvent {
    /// The job's project, when known.
    pub project: Option<String>,
    /// The job that changed, when known.
    pub job_id: Option<String>,
}

impl JobEvent {
    /// Whether a listener for `project` should refresh.
    pub fn concerns(&self, project: &str) -> bool {
        self.project.as_deref().is_none_or(|p| p == project)
    }
}

/// What is relayed to the other nodes: (project, job), either unknown.
type Relayed = (Option<String>, Option<String>);

/// The sending side, owned by the engine.
#[derive(Debug)]
pub(crate) struct JobEvents {
    local: broadcast::Sender<JobEvent>,
    /// Where this process's own changes also go, on a shared store (set once at start).
    relay: OnceLock<mpsc::UnboundedSender<Relayed>>,
    /// Whether the other nodes' changes are being received now.
    listening: AtomicBool,
}

impl Default for JobEvents {
    fn default() -> Self {
        Self {
            local: broadcast::channel(CAPACITY).0,
            relay: OnceLock::new(),
            listening: AtomicBool::new(false),
        }
    }
}

impl JobEvents {
    /// Announces a change of `job_id` in `project` made by this process (no-op without
    /// listeners).
    pub(crate) fn changed(&self, project: &str, job_id: &str) {
        self.announce(Some(project.to_owned()), Some(job_id.to_owned()));
    }

    /// Announces changes by this process to unknown jobs of unknown projects.
    pub(crate) fn changed_anywhere(&self) {
        self.announce(None, None);
    }

    fn announce(&self, project: Option<String>, job_id: Option<String>) {
        if let Some(relay) = self.relay.get() {
            let _ = relay.send((project.clone(), job_id.clone()));
        }
        self.announce_remote(project, job_id);
    }

    /// Announces a change another node made, to this process's listeners only.
    pub(crate) fn announce_remote(&self, project: Option<String>, job_id: Option<String>) {
        let _ = self.local.send(JobEvent { project, job_id });
    }

    /// Whether the other nodes' changes are being received now.
    pub(crate) fn listening(&self) -> bool {
        self.listening.load(Ordering::Relaxed)
    }

    /// A receiver of the changes announced from now on (a lagging one gets
    /// `RecvError::Lagged`).
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<JobEvent> {
        self.local.subscribe()
    }

    /// Records whether the other nodes' changes are being received.
    pub(crate) fn set_listening(&self, on: bool) {
        self.listening.store(on, Ordering::Relaxed);
    }

    /// Sends this process's own changes to `relay` too, from now on (set once).
    pub(crate) fn relay_to(&self, relay: mpsc::UnboundedSender<Relayed>) {
        let _ = self.relay.set(relay);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_concerns_its_project_and_a_projectless_one_concerns_all() {
        let own = JobEvent {
            project: Some("a".into()),
            job_id: Some("j".into()),
        };
        assert!(own.concerns("a"));
        assert!(!own.concerns("b"));
        let any = JobEvent {
            project: None,
            job_id: None,
        };
        assert!(any.concerns("a") && any.concerns("b"));
    }

    #[tokio::test]
    async fn listeners_receive_what_is_sent_after_they_subscribe() {
        let events = JobEvents::default();
        events.changed("p", "before");
        let mut rx = events.local.subscribe();
        events.changed("p", "after");
        events.changed_anywhere();
        assert_eq!(rx.recv().await.unwrap().job_id.as_deref(), Some("after"));
        assert_eq!(rx.recv().await.unwrap().project, None);
        assert!(rx.try_recv().is_err());
    }
}
