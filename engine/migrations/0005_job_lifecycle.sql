-- Job lifecycle (issue 3 "Jobs"): leases with heartbeats, cancel deadlines, progress counters
-- and ETA, duplicate-submit protection. Times are milliseconds since the epoch (UTC).
ALTER TABLE jobs ADD COLUMN lease_expires_at INTEGER;     -- the holder must renew before this
ALTER TABLE jobs ADD COLUMN cancel_deadline_at INTEGER;   -- a cancelling job not stopped by then is failed
ALTER TABLE jobs ADD COLUMN counters TEXT;                -- {"rows":…,"vertices":…,"iterations":…}
ALTER TABLE jobs ADD COLUMN eta_at INTEGER;               -- expected end; NULL = unknown
ALTER TABLE jobs ADD COLUMN idempotency_key TEXT;         -- client's X-Idempotency-Key
ALTER TABLE jobs ADD COLUMN dedupe_key TEXT;              -- hash of graph + kind + spec + request
CREATE UNIQUE INDEX jobs_idempotency ON jobs (project_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- At most one in-flight job per identical request: a second submit finds the first.
CREATE UNIQUE INDEX jobs_in_flight ON jobs (project_id, dedupe_key)
    WHERE dedupe_key IS NOT NULL AND state IN ('queued', 'running');
CREATE INDEX jobs_leases ON jobs (state, lease_expires_at);
CREATE INDEX jobs_ended ON jobs (state, ended_at);
