-- One schema for MySQL/MariaDB and H2 in MySQL mode: no JSON column type (JSON kept as TEXT), upserts written as
-- ON DUPLICATE KEY UPDATE / INSERT IGNORE by the mappers, index names unique across the schema (H2 needs that).

CREATE TABLE product_groups (
  id          VARCHAR(128) NOT NULL PRIMARY KEY,
  name        VARCHAR(255),
  category    VARCHAR(128),
  created_at  DATETIME(3)  NOT NULL
);

CREATE TABLE skus (
  id               VARCHAR(128) NOT NULL PRIMARY KEY,
  product_group_id VARCHAR(128),
  name             VARCHAR(255),
  created_at       DATETIME(3)  NOT NULL
);
CREATE INDEX ix_skus_group ON skus (product_group_id);

CREATE TABLE product_images (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  source                VARCHAR(64)   NOT NULL,
  asset_id              VARCHAR(255)  NOT NULL,
  sku_id                VARCHAR(128),
  product_group_id      VARCHAR(128),
  image_type            VARCHAR(32),
  image_url             VARCHAR(2048),
  dam_reference         VARCHAR(1024),
  enhanced_image_url    VARCHAR(2048),
  status                VARCHAR(16)   NOT NULL,
  qc_status             VARCHAR(16)   NOT NULL,
  qc_score              DOUBLE,
  error_code            VARCHAR(64),
  error_reason          VARCHAR(1024),
  selected_rendition_id BIGINT,
  current_task_id       VARCHAR(64),
  last_event_id         VARCHAR(255),
  created_at            DATETIME(3)   NOT NULL,
  updated_at            DATETIME(3)   NOT NULL,
  CONSTRAINT uq_images_asset UNIQUE (source, asset_id)
);
CREATE INDEX ix_images_sku ON product_images (sku_id);
CREATE INDEX ix_images_group ON product_images (product_group_id);
CREATE INDEX ix_images_status ON product_images (status);
CREATE INDEX ix_images_qc ON product_images (qc_status);

CREATE TABLE renditions (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  image_id     BIGINT        NOT NULL,
  version      INT           NOT NULL,
  task_id      VARCHAR(64)   NOT NULL,
  storage_key  VARCHAR(1024) NOT NULL,
  media_type   VARCHAR(64)   NOT NULL,
  width        INT           NOT NULL,
  height       INT           NOT NULL,
  bytes        BIGINT        NOT NULL,
  qc_score     DOUBLE,
  qc_status    VARCHAR(16),
  preset       VARCHAR(128),
  selected     BOOLEAN       NOT NULL DEFAULT FALSE,
  created_at   DATETIME(3)   NOT NULL,
  CONSTRAINT uq_renditions_version UNIQUE (image_id, version),
  CONSTRAINT uq_renditions_task UNIQUE (task_id)
);

CREATE TABLE image_metrics (
  id                BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  image_id          BIGINT      NOT NULL,
  rendition_id      BIGINT      NOT NULL,
  width_before      INT,
  height_before     INT,
  width_after       INT,
  height_after      INT,
  sharpness_before  DOUBLE,
  sharpness_after   DOUBLE,
  noise_before      DOUBLE,
  noise_after       DOUBLE,
  contrast_before   DOUBLE,
  contrast_after    DOUBLE,
  processing_ms     DOUBLE,
  report_json       LONGTEXT,
  created_at        DATETIME(3) NOT NULL,
  CONSTRAINT uq_metrics_rendition UNIQUE (rendition_id)
);
CREATE INDEX ix_metrics_image ON image_metrics (image_id);

CREATE TABLE processing_jobs (
  id            VARCHAR(36)  NOT NULL PRIMARY KEY,
  status        VARCHAR(32)  NOT NULL,
  total         INT          NOT NULL,
  options_json  TEXT,
  created_by    VARCHAR(128),
  created_at    DATETIME(3)  NOT NULL,
  updated_at    DATETIME(3)  NOT NULL
);

CREATE TABLE job_items (
  job_id        VARCHAR(36)   NOT NULL,
  image_id      BIGINT        NOT NULL,
  task_id       VARCHAR(64)   NOT NULL,
  status        VARCHAR(16)   NOT NULL,
  error_reason  VARCHAR(1024),
  updated_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (job_id, image_id),
  CONSTRAINT uq_job_items_task UNIQUE (task_id)
);

CREATE TABLE enhancement_configs (
  id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name              VARCHAR(128) NOT NULL,
  category          VARCHAR(128),
  sku_id            VARCHAR(128),
  product_group_id  VARCHAR(128),
  options_json      TEXT         NOT NULL,
  created_at        DATETIME(3)  NOT NULL,
  updated_at        DATETIME(3)  NOT NULL,
  CONSTRAINT uq_configs_name UNIQUE (name)
);

CREATE TABLE qc_review_logs (
  id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  image_id           BIGINT       NOT NULL,
  reviewer_id        VARCHAR(128) NOT NULL,
  decision           VARCHAR(16)  NOT NULL,
  previous_qc_status VARCHAR(16),
  rework_preset      VARCHAR(128),
  notes              TEXT,
  created_at         DATETIME(3)  NOT NULL
);
CREATE INDEX ix_reviews_image ON qc_review_logs (image_id);

CREATE TABLE webhook_events (
  source       VARCHAR(64)  NOT NULL,
  event_id     VARCHAR(255) NOT NULL,
  received_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (source, event_id)
);

CREATE TABLE outbound_deliveries (
  id               VARCHAR(64)   NOT NULL PRIMARY KEY,
  event_type       VARCHAR(64)   NOT NULL,
  endpoint_url     VARCHAR(2048) NOT NULL,
  payload          LONGTEXT      NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(3),
  last_status_code INT,
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL
);
CREATE INDEX ix_deliveries_due ON outbound_deliveries (status, next_attempt_at);

CREATE TABLE delivery_attempts (
  id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  delivery_id       VARCHAR(64)  NOT NULL,
  attempt_no        INT          NOT NULL,
  status_code       INT,
  outcome           VARCHAR(32)  NOT NULL,
  latency_ms        BIGINT,
  response_excerpt  TEXT,
  attempted_at      DATETIME(3)  NOT NULL
);
CREATE INDEX ix_attempts_delivery ON delivery_attempts (delivery_id);

CREATE TABLE api_keys (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(128) NOT NULL,
  key_prefix  VARCHAR(16)  NOT NULL,
  key_hash    CHAR(64)     NOT NULL,
  role        VARCHAR(16)  NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  revoked_at  DATETIME(3),
  CONSTRAINT uq_api_keys_hash UNIQUE (key_hash)
);
