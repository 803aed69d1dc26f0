-- Session jobs (issue 14): the job that caused a record (its own records, and its commands' and outcomes'), so one
-- filter finds everything a job did. Partial index: most records belong to no job.
ALTER TABLE audit_event ADD COLUMN job_id text;
CREATE INDEX audit_event_job_idx ON audit_event (job_id, time DESC) WHERE job_id IS NOT NULL;
