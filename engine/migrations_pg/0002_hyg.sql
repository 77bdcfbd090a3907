-- HyG (REFERENCE §13): see engine/migrations/0006_hyg.sql.
CREATE TABLE hyg_graphs (
    project_id TEXT NOT NULL,
    graph_name TEXT NOT NULL,
    view       TEXT NOT NULL,
    PRIMARY KEY (project_id, graph_name)
);
ALTER TABLE jobs ADD COLUMN fifo_key TEXT;
CREATE INDEX jobs_fifo ON jobs (fifo_key, state) WHERE fifo_key IS NOT NULL;
