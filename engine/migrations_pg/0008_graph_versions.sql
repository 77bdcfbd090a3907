-- The last version number given to each graph: a job that writes a graph's next version takes
-- a number of its own here, so two writers (one of them stale: paused past its lease) never
-- write the same snapshot object. Kept when a graph is deleted, so numbers only grow.
CREATE TABLE graph_versions (
    project_id   TEXT NOT NULL,
    name         TEXT NOT NULL,
    last_version BIGINT NOT NULL,
    PRIMARY KEY (project_id, name)
);
INSERT INTO graph_versions (project_id, name, last_version)
    SELECT project_id, name, version FROM graphs;
