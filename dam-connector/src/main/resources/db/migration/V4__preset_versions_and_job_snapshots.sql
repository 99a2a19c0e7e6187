-- A preset's version goes up on every change, so a job can say which one it was resolved from; rows that exist
-- before this version count as their first.
ALTER TABLE enhancement_configs ADD COLUMN version INT NOT NULL DEFAULT 1;
-- What each batch item was resolved from and the options it runs with (the serialised form its task carries), so a
-- retry runs what the batch accepted. Items queued before this version have none: they are resolved when retried.
ALTER TABLE job_items ADD COLUMN preset VARCHAR(128);
ALTER TABLE job_items ADD COLUMN preset_version INT;
ALTER TABLE job_items ADD COLUMN resolved_options TEXT;
