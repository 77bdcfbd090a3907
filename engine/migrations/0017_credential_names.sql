-- A credential's name (`token create --name`, `keys create --name`): whom or what it is for,
-- shown as the actor's name in the audit log and in `token list`. Optional, never a secret.
ALTER TABLE tokens ADD COLUMN name TEXT;
ALTER TABLE access_keys ADD COLUMN name TEXT;
