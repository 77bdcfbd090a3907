-- AK/SK credentials. The secret key is derived from the data dir's master key, never stored.
CREATE TABLE access_keys (
    access_key TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES projects(id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
