package io.enhancer.connector.outbox;

import java.time.Instant;

/**
 * A pending row of the outbox as the relay reads it.
 *
 * @param attempts      how many times the broker refused it (an unreachable broker does not count)
 * @param nextAttemptAt not published before this instant (backoff after a refusal)
 */
public record OutboxRow(long id, String topic, String key, String payload, int attempts, Instant nextAttemptAt,
                        Instant createdAt) {

  /** Rows sharing this leave in id order: the relay never has two of them in flight. */
  String orderingKey() {
    return topic + '\n' + key;
  }
}
