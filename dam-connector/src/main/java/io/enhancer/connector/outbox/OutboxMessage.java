package io.enhancer.connector.outbox;

/**
 * A Kafka message handed to the outbox: written as a row in the caller's transaction, published by
 * {@link OutboxRelay} once that transaction has committed.
 *
 * @param topic   the Kafka topic
 * @param key     the record key; rows with the same topic and key are published in the order they were written
 * @param payload the record value (JSON)
 */
public record OutboxMessage(String topic, String key, String payload) {
  /** Kafka's limit on a topic name. */
  static final int MAX_TOPIC = 249;
  static final int MAX_KEY = 255;

  public OutboxMessage {
    if (topic == null || topic.isBlank() || topic.length() > MAX_TOPIC) {
      throw new IllegalArgumentException("outbox topic must be 1.." + MAX_TOPIC + " characters, got '" + topic + "'");
    }
    if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
      throw new IllegalArgumentException("outbox key must be 1.." + MAX_KEY + " characters, got '" + key + "'");
    }
    if (payload == null) throw new IllegalArgumentException("outbox payload is required");
  }
}
