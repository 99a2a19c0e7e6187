package io.enhancer.connector.outbox;

/**
 * Hears about a row the broker refused {@code ENHANCER_OUTBOX_MAX_ATTEMPTS} times, which will never be published, so
 * the feature that wrote it can show that instead of waiting forever (a job's image is marked failed). Called on the
 * relay's thread after the row was marked dead; what it throws is logged and ignored.
 */
public interface OutboxDeadRowListener {
  void rowDied(OutboxRow row, String reason);
}
