//! `GET /console/events`: the console's live stream (Server-Sent Events). Each message is an
//! event `job` whose data is the id of a job of the signed-in project that changed; pages
//! refetch what they show (see `crate::live`). `resync` means "changes were missed, refetch
//! everything". A keep-alive comment every 15 s keeps proxies from closing an idle stream.
//!
//! Authenticated by the same `gj_session` cookie as the pages (`SameSite=Strict`, so another
//! site cannot open it with the user's session); without one it answers 401.

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

/// The handler; mount it with a state from which an [`Engine`] can be taken.
pub async fn job_event_stream(State(engine): State<Engine>, headers: HeaderMap) -> Response {
    // Subscribe before authenticating, so nothing that happens meanwhile is missed.
    let events = engine.job_events();
    let Some(project) = crate::cookie::session_project(&engine, &headers).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let stream = futures::stream::unfold((events, project), |(mut rx, project)| async move {
        let event = next_for(&mut rx, &project).await?;
        Some((Ok::<_, Infallible>(event), (rx, project)))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response()
}

/// The next message for `project`, or `None` once the engine is gone.
async fn next_for(rx: &mut Receiver<JobEvent>, project: &str) -> Option<Event> {
    loop {
        match rx.recv().await {
            Ok(e) if e.concerns(project) => {
                return Some(match e.job_id {
                    Some(id) => Event::default().event("job").data(id),
                    None => Event::default().event("resync").data(""),
                });
            }
            Ok(_) => {}
            Err(RecvError::Lagged(_)) => return Some(Event::default().event("resync").data("")),
            Err(RecvError::Closed) => return None,
        }
    }
}
