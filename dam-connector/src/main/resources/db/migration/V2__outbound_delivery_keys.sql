-- Outbound deliveries as the webhooks module's DeliveryStore keeps them: one row per (delivery id, endpoint name);
-- the row id (od_<hash of the key>) is what delivery_attempts.delivery_id and the admin API refer to.
-- Nothing wrote these V1 tables before this version, so the NOT NULL columns need no backfill.
ALTER TABLE outbound_deliveries ADD COLUMN delivery_id VARCHAR(100) NOT NULL;
ALTER TABLE outbound_deliveries ADD COLUMN endpoint VARCHAR(64) NOT NULL;
ALTER TABLE outbound_deliveries ADD COLUMN event_created_at DATETIME(3) NOT NULL;
ALTER TABLE outbound_deliveries ADD CONSTRAINT uq_deliveries_key UNIQUE (delivery_id, endpoint);
CREATE INDEX ix_deliveries_created ON outbound_deliveries (created_at);
