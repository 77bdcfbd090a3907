-- Whether a job is a HyG job (shown in HyG's status words). It was read from `fifo_key`, which
-- only HyG jobs had; the jobs that write a graph (import, create, clear, delete, delete by
-- filter) now share their graph's FIFO key too, so the flag gets a column of its own.
ALTER TABLE jobs ADD COLUMN hyg BIGINT NOT NULL DEFAULT 0;
UPDATE jobs SET hyg = 1 WHERE fifo_key IS NOT NULL;
