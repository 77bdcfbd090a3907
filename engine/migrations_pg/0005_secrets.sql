-- Secrets every node needs alike: `master`, the key access keys' secrets are derived from
-- (hex). The first node to start writes its proposal; every node then reads the one stored.
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
