-- What a visualization job shows (built from train_url when it starts RUNNING), or why it failed.
ALTER TABLE visualization_jobs ADD COLUMN fail_reason TEXT;
ALTER TABLE visualization_jobs ADD COLUMN view TEXT;   -- JSON of engine::viz::view::VizView
