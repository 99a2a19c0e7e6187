-- Transactional outbox: a Kafka message is a row written in the same transaction as the state change it announces
-- (an image pointed at a new task), and OutboxRelay publishes pending rows in id order, marking them sent only
-- after the broker acknowledged them. status: pending -> sent, or dead once the broker refused a row
-- ENHANCER_OUTBOX_MAX_ATTEMPTS times. Sent rows are purged after ENHANCER_OUTBOX_KEEP_SENT.
CREATE TABLE outbox (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  topic           VARCHAR(249)  NOT NULL,
  message_key     VARCHAR(255)  NOT NULL,
  payload         LONGTEXT      NOT NULL,
  status          VARCHAR(8)    NOT NULL,
  attempts        INT           NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3)   NOT NULL,
  last_error      VARCHAR(1024),
  created_at      DATETIME(3)   NOT NULL,
  sent_at         DATETIME(3)
);
-- The relay's scan (pending rows oldest first) and the purge (sent rows oldest first) both walk this index.
CREATE INDEX ix_outbox_status ON outbox (status, id);

-- One relay publishes at a time across every connector process sharing the database, so rows leave in id order
-- (per key, the order they were written) and no two processes publish the same rows. The holder renews its lease
-- on every pass; another process takes over once it has expired (ENHANCER_OUTBOX_LEASE).
CREATE TABLE outbox_lease (
  name        VARCHAR(64)  NOT NULL PRIMARY KEY,
  holder      VARCHAR(128),
  lease_until DATETIME(3)  NOT NULL
);
INSERT INTO outbox_lease (name, holder, lease_until) VALUES ('relay', NULL, '2000-01-01 00:00:00.000');
