//! Job change notifications: every write this process makes about a job (submit, claim,
//! progress, cancel, finish, a bulk action's parent) is announced on an in-process broadcast
//! channel, which the console's live stream (Server-Sent Events) relays to browsers.
//!
//! An event only says *which* job changed, never its new state: a listener reads the job (or
//! the page it shows) afresh, so a missed or coalesced event costs one refresh, never a wrong
//! screen. Changes made by another process (a second node on a shared PostgreSQL store, or the
//! lease sweep of a job whose project is not at hand) are not seen here, which is why the
//! console keeps polling as its fallback.

use tokio::sync::broadcast;

use crate::Engine;

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

/// The sending side, owned by the engine.
#[derive(Debug)]
pub(crate) struct JobEvents(broadcast::Sender<JobEvent>);

impl Default for JobEvents {
    fn default() -> Self {
        Self(broadcast::channel(CAPACITY).0)
    }
}

impl JobEvents {
    /// Announces a change of `job_id` in `project` (no-op without listeners).
    pub(crate) fn changed(&self, project: &str, job_id: &str) {
        let _ = self.0.send(JobEvent {
            project: Some(project.to_owned()),
            job_id: Some(job_id.to_owned()),
        });
    }

    /// Announces changes to unknown jobs of unknown projects.
    pub(crate) fn changed_anywhere(&self) {
        let _ = self.0.send(JobEvent {
            project: None,
            job_id: None,
        });
    }
}

impl Engine {
    /// Subscribes to job changes made by this process from now on. A receiver that falls more
    /// than a thousand events behind gets `RecvError::Lagged`: treat it as "something changed".
    pub fn job_events(&self) -> broadcast::Receiver<JobEvent> {
        self.inner.events.0.subscribe()
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
        let mut rx = events.0.subscribe();
        events.changed("p", "after");
        events.changed_anywhere();
        assert_eq!(rx.recv().await.unwrap().job_id.as_deref(), Some("after"));
        assert_eq!(rx.recv().await.unwrap().project, None);
        assert!(rx.try_recv().is_err());
    }
}
