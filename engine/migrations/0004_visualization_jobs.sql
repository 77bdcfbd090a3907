-- ModelArts visualization jobs (REFERENCE §9). Times are milliseconds since the epoch (UTC).
-- `id` is the job's public `job_id`: one global sequence (AUTOINCREMENT never reuses an id, even
-- after a delete), so the console's `/visualization/{job_id}` needs no project in its path.
CREATE TABLE visualization_jobs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id     TEXT NOT NULL,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    train_url      TEXT NOT NULL,
    job_type       TEXT NOT NULL,          -- TensorBoard | MindInsight
    flavor         TEXT,                   -- flavor.code as sent (accepted, unused)
    resource_id    TEXT NOT NULL,
    schedule_hours INTEGER,                -- auto-stop after this many hours RUNNING; NULL = never
    status         INTEGER NOT NULL,       -- ModelArts JOBSTAT_* code
    created_at     INTEGER NOT NULL,
    changed_at     INTEGER NOT NULL,       -- when `status` last changed (drives the scheduler)
    started_at     INTEGER,                -- when the current run became RUNNING
    ended_at       INTEGER                 -- when the current run stopped serving
);
CREATE INDEX visualization_jobs_by_project ON visualization_jobs (project_id, id);
CREATE INDEX visualization_jobs_by_status ON visualization_jobs (status);
