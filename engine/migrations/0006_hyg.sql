-- HyG (REFERENCE §13): a graph's HyG compute view, and the per-graph FIFO of HyG jobs.
CREATE TABLE hyg_graphs (
    project_id TEXT NOT NULL,
    graph_name TEXT NOT NULL,
    view       TEXT NOT NULL,                 -- JSON: policy, inEdge, synced labels, counts
    PRIMARY KEY (project_id, graph_name)
);
-- Jobs with the same fifo_key run one at a time, oldest first (NULL: no ordering constraint).
ALTER TABLE jobs ADD COLUMN fifo_key TEXT;
CREATE INDEX jobs_fifo ON jobs (fifo_key, state) WHERE fifo_key IS NOT NULL;
