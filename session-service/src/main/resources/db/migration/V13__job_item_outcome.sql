-- A job item's outcome (SUCCEEDED or FAILED), copied from its command's status by the job runner's outcome pass, so
-- a job's counts are one index scan of its items instead of a join with session_command for each of up to 100,000
-- items on every read (bench/run.sh job: that join made GET …/session-jobs/{id} miss the 3 s deadline while a
-- 100,000-session job ran).
ALTER TABLE session_job_item ADD COLUMN outcome text;
CREATE INDEX session_job_item_awaiting_idx ON session_job_item (job_id) WHERE state = 'ACCEPTED' AND outcome IS NULL;
