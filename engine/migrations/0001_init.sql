-- graphjobs job store, SQLite dialect. Times are milliseconds since the epoch (UTC).
CREATE TABLE projects (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at INTEGER NOT NULL
);

-- API tokens, stored as SHA-256 hex of the secret.
CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE graphs (
    project_id TEXT NOT NULL REFERENCES projects(id),
    name       TEXT NOT NULL,
    version    INTEGER NOT NULL,
    vertices   INTEGER NOT NULL,
    edges      INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (project_id, name)
);

CREATE TABLE jobs (
    id            TEXT PRIMARY KEY NOT NULL,
    project_id    TEXT NOT NULL,
    graph_name    TEXT NOT NULL,
    job_type      TEXT NOT NULL,
    algorithm     TEXT,
    spec          TEXT NOT NULL,          -- JobKind as JSON (what the worker runs)
    request       TEXT NOT NULL,          -- the original body, secrets redacted
    state         TEXT NOT NULL,
    progress      INTEGER,                -- NULL = unknown
    priority      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    started_at    INTEGER,
    ended_at      INTEGER,
    fail_reason   TEXT,
    error_code    TEXT,
    cancel_actor  TEXT,
    cancel_reason TEXT,
    cancel_at     INTEGER,
    graph_version INTEGER,
    result_total  INTEGER,
    detail        TEXT,
    lease_owner   TEXT,                   -- worker that holds it; writes are fenced on it
    attempts      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_by_project ON jobs (project_id, created_at DESC);
CREATE INDEX jobs_queue ON jobs (state, priority DESC, created_at);
