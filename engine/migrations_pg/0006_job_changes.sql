-- Every insert or update of a job, in order: the console's live stream sends each as an event
-- whose id is `seq`, and a stream that reconnects with `Last-Event-ID` is sent what it missed
-- (see `SqlStore::job_changes`). Kept by the trigger below in the writing transaction; the
-- sweep trims it to the newest rows.
CREATE TABLE job_changes (
    seq        BIGSERIAL PRIMARY KEY,
    project_id TEXT NOT NULL,
    job_id     TEXT NOT NULL
);
CREATE INDEX job_changes_by_project ON job_changes (project_id, seq);

CREATE FUNCTION log_job_change() RETURNS trigger AS $$
BEGIN
    INSERT INTO job_changes (project_id, job_id) VALUES (NEW.project_id, NEW.id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER job_changes_on_write AFTER INSERT OR UPDATE ON jobs
    FOR EACH ROW EXECUTE FUNCTION log_job_change();
