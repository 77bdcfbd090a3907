//! Job events across nodes: on a PostgreSQL store, every job change this process announces
//! ([`super::events`]) is also sent with `NOTIFY` on [`CHANNEL`], and every node `LISTEN`s
//! there and announces the other nodes' changes to its own listeners. So a browser connected
//! to node B sees, live, a job that node A runs, and a cancel asked of node B reaches the
//! node running the job at once (the heartbeat's check of the job's state is the fallback when
//! a notification is lost).
//!
//! A notification carries `{"node", "project", "job"}`, never the job's state: readers fetch
//! the row, as they do for local events. Notifications are not durable: while a node's listen
//! connection is down it misses them, so on every (re)connect it announces "something changed
//! anywhere", which makes every live view refresh.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::sync::mpsc;

use super::JobState;
use super::store::JobStore;
use crate::Engine;

/// The notification channel.
pub(crate) const CHANNEL: &str = "graphjobs_jobs";

/// How long a node waits before listening again after the connection failed.
const RETRY: Duration = Duration::from_secs(1);

/// What a notification says.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Payload {
    /// The sending node's lease owner id (a node ignores its own notifications).
    node: String,
    /// The job's project, when known.
    project: Option<String>,
    /// The job, when known.
    job: Option<String>,
}

/// Starts relaying this engine's job events to the other nodes on `pool`, and theirs to it.
pub(crate) fn spawn(engine: &Engine, pool: PgPool) {
    let (tx, rx) = mpsc::unbounded_channel();
    engine.events().relay_to(tx);
    tokio::spawn(publish(engine.clone(), pool.clone(), rx));
    tokio::spawn(listen(engine.clone(), pool));
}

/// Sends every local event as a notification, until the engine shuts down.
async fn publish(
    engine: Engine,
    pool: PgPool,
    mut rx: mpsc::UnboundedReceiver<(Option<String>, Option<String>)>,
) {
    let shutdown = engine.shutdown_signal();
    loop {
        let (project, job) = tokio::select! {
            next = rx.recv() => match next {
                Some(event) => event,
                None => return,
            },
            () = shutdown.cancelled() => return,
        };
        let payload = Payload {
            node: engine.node_id().to_owned(),
            project,
            job,
        };
        let Ok(text) = serde_json::to_string(&payload) else {
            continue;
        };
        let sent = sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(text)
            .execute(&pool)
            .await;
        if let Err(e) = sent {
            // The other nodes' live views fall back to polling until PostgreSQL is back.
            tracing::debug!(error = %e, "cannot notify the other nodes of a job change");
        }
    }
}

/// Listens for the other nodes' notifications, reconnecting until the engine shuts down.
async fn listen(engine: Engine, pool: PgPool) {
    let shutdown = engine.shutdown_signal();
    while !shutdown.is_cancelled() {
        let listening = async {
            let mut listener = PgListener::connect_with(&pool).await?;
            listener.listen(CHANNEL).await?;
            Ok::<_, sqlx::Error>(listener)
        };
        let mut listener = match listening.await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for other nodes' job changes; retrying");
                tokio::select! {
                    () = tokio::time::sleep(RETRY) => continue,
                    () = shutdown.cancelled() => return,
                }
            }
        };
        // Whatever happened while this node was not listening is unknown.
        engine.events().set_listening(true);
        engine.events().announce_remote(None, None);
        loop {
            let next = tokio::select! {
                next = listener.try_recv() => next,
                () = shutdown.cancelled() => return,
            };
            match next {
                Ok(Some(n)) => received(&engine, n.payload()).await,
                // The connection was lost and is made again: notifications in between are gone.
                Ok(None) => engine.events().announce_remote(None, None),
                Err(e) => {
                    tracing::warn!(error = %e, "lost the listen connection; listening again");
                    engine.events().set_listening(false);
                    break;
                }
            }
        }
    }
}

/// Announces another node's change locally; a cancel of a job this process runs stops it.
async fn received(engine: &Engine, text: &str) {
    let Ok(p) = serde_json::from_str::<Payload>(text) else {
        tracing::debug!(payload = text, "ignoring a malformed job notification");
        return;
    };
    if p.node == engine.node_id() {
        return;
    }
    if let (Some(project), Some(job)) = (&p.project, &p.job)
        && let Some(ctl) = engine.running().get(job)
        && matches!(engine.store().job(project, job).await, Ok(Some(j)) if j.state == JobState::Cancelling)
    {
        ctl.cancel();
    }
    engine.events().announce_remote(p.project, p.job);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_round_trips_and_names_no_state() {
        let p = Payload {
            node: "n1".into(),
            project: Some("p".into()),
            job: Some("j".into()),
        };
        let text = serde_json::to_string(&p).unwrap();
        assert_eq!(text, r#"{"node":"n1","project":"p","job":"j"}"#);
        assert_eq!(serde_json::from_str::<Payload>(&text).unwrap(), p);
    }
}
