-- ModelArts visualization jobs (REFERENCE §9), as in the SQLite migrations 0004 and 0007: the
-- same columns, so one piece of code reads both (engine/src/viz/store.rs). Until this
-- migration they lived in each node's local SQLite file; now every node sees every job and
-- runs the scheduler over them (every status write is conditional on the status it was read
-- in, so two nodes never both move a job).
CREATE TABLE visualization_jobs (
    id             BIGSERIAL PRIMARY KEY,
    project_id     TEXT NOT NULL,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    train_url      TEXT NOT NULL,
    job_type       TEXT NOT NULL,
    flavor         TEXT,
    resource_id    TEXT NOT NULL,
    schedule_hours BIGINT,
    status         BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    changed_at     BIGINT NOT NULL,
    started_at     BIGINT,
    ended_at       BIGINT,
    fail_reason    TEXT,
    view           TEXT
);
CREATE INDEX visualization_jobs_by_project ON visualization_jobs (project_id, id);
CREATE INDEX visualization_jobs_by_status ON visualization_jobs (status);
