-- Every insert or update of a job, in order: the console's live stream sends each as an event
-- whose id is `seq`, and a stream that reconnects with `Last-Event-ID` is sent what it missed
-- (see `SqlStore::job_changes`). Kept by the triggers below in the writing transaction; the
-- sweep trims it to the newest rows.
CREATE TABLE job_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id TEXT NOT NULL,
    job_id     TEXT NOT NULL
);
CREATE INDEX job_changes_by_project ON job_changes (project_id, seq);

CREATE TRIGGER job_changes_on_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO job_changes (project_id, job_id) VALUES (NEW.project_id, NEW.id);
END;

CREATE TRIGGER job_changes_on_update AFTER UPDATE ON jobs BEGIN
    INSERT INTO job_changes (project_id, job_id) VALUES (NEW.project_id, NEW.id);
END;
