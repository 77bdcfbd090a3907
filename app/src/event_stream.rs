//! `GET /console/events`: the console's live stream (Server-Sent Events). Each message is an
//! event `job` whose data is the id of a job of the signed-in project that changed, and whose
//! id is that change's number in the job change log (`SqlStore::job_changes`, one log for every
//! node); pages refetch what they show (see `crate::live`). `resync` means "changes were
//! missed, refetch everything". A keep-alive comment every 15 s keeps proxies from closing an
//! idle stream.
//!
//! The engine's in-process notifications (its own writes and, on PostgreSQL, the other nodes')
//! only wake the stream; what it sends is read from the change log. So a browser that
//! reconnects — to this node or another, after a restart — sends `Last-Event-ID` and is sent
//! exactly the changes after it, none twice. Without one, a stream starts at the newest change.
//!
//! On PostgreSQL a change numbered lower than one already read may commit a moment later (two
//! nodes writing at once); the stream re-reads the last [`LATE_WINDOW`] numbers at each wake-up
//! and sends such a change once. A late change that commits after a client disconnected, below
//! its `Last-Event-ID`, is not resent: the page's refetch on reconnect covers it.
//!
//! Authenticated by the same `gj_session` cookie as the pages (`SameSite=Strict`, so another
//! site cannot open it with the user's session); without one it answers 401.

use std::collections::{BTreeSet, VecDeque};
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use engine::Engine;
use engine::job::events::JobEvent;
use tokio::sync::broadcast::{Receiver, error::RecvError};

/// How often an idle stream sends a keep-alive comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Changes read from the log per query.
const BATCH: i64 = 500;
/// How far below the newest change read a late-committing one is still looked for.
const LATE_WINDOW: i64 = 64;

/// The handler; mount it with a state from which an [`Engine`] can be taken.
pub async fn job_event_stream(State(engine): State<Engine>, headers: HeaderMap) -> Response {
    // Subscribe before authenticating, so nothing that happens meanwhile is missed.
    let events = engine.job_events();
    let Some(project) = crate::cookie::session_project(&engine, &headers).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let resumed = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|id| *id >= 0);
    let floor = match resumed {
        Some(id) => id,
        None => match engine.last_job_change(&project).await {
            Ok(id) => id,
            Err(e) => {
                tracing::warn!(error = %e, "live stream: cannot read the job change log");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        },
    };
    let cursor = Cursor {
        engine,
        project,
        floor,
        newest: floor,
        sent: BTreeSet::new(),
        queue: VecDeque::new(),
        // A resumed stream first sends what it missed.
        due: resumed.is_some(),
    };
    let stream = futures::stream::unfold((events, cursor), |(mut rx, mut c)| async move {
        let event = c.next(&mut rx).await?;
        Some((Ok::<_, Infallible>(event), (rx, c)))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response()
}

/// Where one stream is in the change log.
struct Cursor {
    engine: Engine,
    project: String,
    /// Nothing at or below this is sent (the `Last-Event-ID`, or where the stream started).
    floor: i64,
    /// The newest change read.
    newest: i64,
    /// Changes sent within the late window.
    sent: BTreeSet<i64>,
    queue: VecDeque<Event>,
    /// Whether the log must be read before waiting again.
    due: bool,
}

impl Cursor {
    /// The next message, or `None` once the engine is gone.
    async fn next(&mut self, rx: &mut Receiver<JobEvent>) -> Option<Event> {
        loop {
            if let Some(e) = self.queue.pop_front() {
                return Some(e);
            }
            if !self.due {
                self.due = wake(rx, &self.project).await?;
                continue;
            }
            self.due = false;
            if let Err(e) = self.read().await {
                tracing::warn!(error = %e, "live stream: cannot read the job change log");
                return Some(Event::default().event("resync").data(""));
            }
        }
    }

    /// Queues the changes not yet sent.
    async fn read(&mut self) -> engine::Result<()> {
        let mut after = self.floor.max(self.newest - LATE_WINDOW);
        loop {
            let batch = self.engine.job_changes(&self.project, after, BATCH).await?;
            let full = batch.len() as i64 == BATCH;
            for (seq, job) in batch {
                after = seq;
                self.newest = self.newest.max(seq);
                if self.sent.insert(seq) {
                    let event = Event::default().event("job").data(job).id(seq.to_string());
                    self.queue.push_back(event);
                }
            }
            if !full {
                break;
            }
        }
        let keep_from = self.newest - LATE_WINDOW;
        self.sent = self.sent.split_off(&keep_from);
        Ok(())
    }
}

/// Waits for a change that may concern `project`: `Some(true)` to read the log, `None` once
/// the engine is gone.
async fn wake(rx: &mut Receiver<JobEvent>, project: &str) -> Option<bool> {
    loop {
        match rx.recv().await {
            Ok(e) if e.concerns(project) => {
                // One read of the log for a burst: drop what is already waiting.
                while rx.try_recv().is_ok() {}
                return Some(true);
            }
            Ok(_) => {}
            // Missed notifications cost nothing: the log has every change.
            Err(RecvError::Lagged(_)) => return Some(true),
            Err(RecvError::Closed) => return None,
        }
    }
}
