package io.enhancer.connector.outbox;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a Kafka message as an outbox row inside the caller's transaction: the message exists exactly when the state
 * change it announces was committed, and is published by {@link OutboxRelay} (woken after the commit). Outside a
 * transaction it refuses, since a row committed on its own would defeat the point.
 */
@Component
public class OutboxWriter {
  private final OutboxStore store;
  private final Clock clock;
  /** One instance: Spring keeps a transaction's synchronizations in a set, so the relay is woken once per commit. */
  private final TransactionSynchronization wakeRelayAfterCommit;

  OutboxWriter(OutboxStore store, OutboxRelay relay, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.wakeRelayAfterCommit = new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        relay.wake();
      }
    };
  }

  public void write(OutboxMessage message) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("an outbox row (topic " + message.topic() + ", key " + message.key()
          + ") must be written in the transaction of the change it announces; none is active");
    }
    store.insert(message, clock.instant());
    TransactionSynchronizationManager.registerSynchronization(wakeRelayAfterCommit);
  }
}
