-- The audit log (engine::audit): one row per action that changed something, or tried to (a
-- refused or failed one too), never a read. Append-only: rows are only ever inserted, and
-- deleted by the sweep once older than the longest job retention. `seq` orders the rows and
-- carries the list's `next` marker (by `trace_id`). Times are ms since the epoch.
CREATE TABLE audit_log (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    trace_id        TEXT NOT NULL UNIQUE,
    project_id      TEXT NOT NULL,
    action_time     INTEGER NOT NULL,
    record_time     INTEGER NOT NULL,
    trace_name      TEXT NOT NULL,
    trace_type      TEXT NOT NULL,
    trace_rating    TEXT NOT NULL,
    service_type    TEXT NOT NULL,
    resource_type   TEXT NOT NULL,
    resource_name   TEXT,
    resource_id     TEXT,
    actor_kind      TEXT NOT NULL,
    actor_id        TEXT NOT NULL,
    actor_name      TEXT NOT NULL,
    role            TEXT,
    source_ip       TEXT,
    request_id      TEXT,
    idempotency_key TEXT,
    code            INTEGER NOT NULL,
    message         TEXT
);
CREATE INDEX audit_log_by_project ON audit_log (project_id, seq);
CREATE INDEX audit_log_by_time ON audit_log (record_time);
