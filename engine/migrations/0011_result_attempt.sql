-- The claim (`attempts` at the time) whose result a job's success recorded: each claim writes
-- its result under its own key, so a worker that lost its lease cannot overwrite the result of
-- the one that took over. NULL for jobs finished before: their result is under the job's id.
ALTER TABLE jobs ADD COLUMN result_attempt INTEGER;
