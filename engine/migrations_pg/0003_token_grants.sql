-- More projects for a token than the one it was made for (`token create --project a
-- --project b`; the console's project switcher). Revoking the token revokes its grants.
CREATE TABLE token_grants (
    hash       TEXT NOT NULL REFERENCES tokens(hash),
    project_id TEXT NOT NULL REFERENCES projects(id),
    PRIMARY KEY (hash, project_id)
);
