-- The job list at scale (issue 7: a million jobs in the store). See `store/sqlite_list.rs`.
--
-- Newest first is `ORDER BY created_at DESC, rowid DESC`. An index on `created_at DESC` has its
-- implicit rowid ascending, so that order needed a sort of every matching row; an ascending
-- index read backwards gives both keys descending, and stops after the page.
DROP INDEX jobs_by_project;
CREATE INDEX jobs_by_project ON jobs (project_id, created_at);
-- One per filter of the list, so a rare state, type, graph or algorithm is found by lookup.
CREATE INDEX jobs_by_state ON jobs (project_id, state, created_at);
CREATE INDEX jobs_by_type ON jobs (project_id, job_type, created_at);
CREATE INDEX jobs_by_graph ON jobs (project_id, graph_name, created_at);
CREATE INDEX jobs_by_algorithm ON jobs (project_id, algorithm, created_at)
    WHERE algorithm IS NOT NULL;

-- How many jobs there are per project, graph, type, algorithm ('' for none), state and
-- `partial`, kept by the triggers below in the writing transaction: the list's `total` is a
-- sum over a few of these rows instead of a count over the jobs.
CREATE TABLE job_tallies (
    project_id TEXT NOT NULL,
    graph_name TEXT NOT NULL,
    job_type   TEXT NOT NULL,
    algorithm  TEXT NOT NULL,
    state      TEXT NOT NULL,
    partial    INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (project_id, graph_name, job_type, algorithm, state, partial)
) WITHOUT ROWID;

INSERT INTO job_tallies
SELECT project_id, graph_name, job_type, COALESCE(algorithm, ''), state, partial, COUNT(*)
FROM jobs GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER job_tallies_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO job_tallies VALUES (NEW.project_id, NEW.graph_name, NEW.job_type,
        COALESCE(NEW.algorithm, ''), NEW.state, NEW.partial, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER job_tallies_delete AFTER DELETE ON jobs BEGIN
    UPDATE job_tallies SET n = n - 1
    WHERE project_id = OLD.project_id AND graph_name = OLD.graph_name
      AND job_type = OLD.job_type AND algorithm = COALESCE(OLD.algorithm, '')
      AND state = OLD.state AND partial = OLD.partial;
END;

CREATE TRIGGER job_tallies_update
AFTER UPDATE OF project_id, graph_name, job_type, algorithm, state, partial ON jobs
WHEN OLD.project_id IS NOT NEW.project_id OR OLD.graph_name IS NOT NEW.graph_name
  OR OLD.job_type IS NOT NEW.job_type OR OLD.algorithm IS NOT NEW.algorithm
  OR OLD.state IS NOT NEW.state OR OLD.partial IS NOT NEW.partial
BEGIN
    UPDATE job_tallies SET n = n - 1
    WHERE project_id = OLD.project_id AND graph_name = OLD.graph_name
      AND job_type = OLD.job_type AND algorithm = COALESCE(OLD.algorithm, '')
      AND state = OLD.state AND partial = OLD.partial;
    INSERT INTO job_tallies VALUES (NEW.project_id, NEW.graph_name, NEW.job_type,
        COALESCE(NEW.algorithm, ''), NEW.state, NEW.partial, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
