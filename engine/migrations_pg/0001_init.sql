-- graphjobs job store, PostgreSQL dialect: the same tables and columns as the SQLite migrations
-- (engine/migrations/0001–0005) minus visualization jobs, which stay in each node's local SQLite
-- file. Times are milliseconds since the epoch (UTC), integers are BIGINT, JSON is TEXT, so
-- both backends decode rows with the same code.
CREATE TABLE projects (
    id         TEXT PRIMARY KEY NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE access_keys (
    access_key TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE graphs (
    project_id TEXT NOT NULL REFERENCES projects(id),
    name       TEXT NOT NULL,
    version    BIGINT NOT NULL,
    vertices   BIGINT NOT NULL,
    edges      BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, name)
);

CREATE TABLE jobs (
    seq                BIGSERIAL NOT NULL,   -- insertion order (SQLite's rowid)
    id                 TEXT PRIMARY KEY NOT NULL,
    project_id         TEXT NOT NULL,
    graph_name         TEXT NOT NULL,
    job_type           TEXT NOT NULL,
    algorithm          TEXT,
    spec               TEXT NOT NULL,
    request            TEXT NOT NULL,
    state              TEXT NOT NULL,
    progress           BIGINT,
    priority           BIGINT NOT NULL DEFAULT 0,
    created_at         BIGINT NOT NULL,
    started_at         BIGINT,
    ended_at           BIGINT,
    fail_reason        TEXT,
    error_code         TEXT,
    cancel_actor       TEXT,
    cancel_reason      TEXT,
    cancel_at          BIGINT,
    graph_version      BIGINT,
    result_total       BIGINT,
    detail             TEXT,
    lease_owner        TEXT,
    attempts           BIGINT NOT NULL DEFAULT 0,
    partial            BIGINT NOT NULL DEFAULT 0,
    lease_expires_at   BIGINT,
    cancel_deadline_at BIGINT,
    counters           TEXT,
    eta_at             BIGINT,
    idempotency_key    TEXT,
    dedupe_key         TEXT
);
CREATE INDEX jobs_by_project ON jobs (project_id, created_at DESC);
CREATE INDEX jobs_queue ON jobs (state, priority DESC, created_at, seq);
CREATE UNIQUE INDEX jobs_idempotency ON jobs (project_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX jobs_in_flight ON jobs (project_id, dedupe_key)
    WHERE dedupe_key IS NOT NULL AND state IN ('queued', 'running');
CREATE INDEX jobs_leases ON jobs (state, lease_expires_at);
CREATE INDEX jobs_ended ON jobs (state, ended_at);
