//! The audit log through the façade (see [`crate::audit`]): recording an action, listing a
//! project's entries.

use super::Engine;
use crate::Result;
use crate::audit::{Action, Trace, TracePage, TraceQuery};

impl Engine {
    /// Records `action` in the audit log, committed before this returns (the caller answers
    /// after it, so an answered action is never missing from the log).
    pub async fn record_action(&self, action: &Action) -> Result<Trace> {
        self.inner.store.record_action(action).await
    }

    /// A page of `project`'s audit log, newest first.
    ///
    /// # Errors
    /// `InvalidArgument` for a query [`TraceQuery::check`] refuses, or a `next` marker that is
    /// not one of this project's entries (or has expired).
    pub async fn traces(&self, project: &str, query: &TraceQuery) -> Result<TracePage> {
        query.check()?;
        self.inner.store.traces(project, query).await
    }
}
