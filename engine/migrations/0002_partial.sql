-- An import that succeeded with some rejected rows: the job center shows `partiallyFailed`.
ALTER TABLE jobs ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
