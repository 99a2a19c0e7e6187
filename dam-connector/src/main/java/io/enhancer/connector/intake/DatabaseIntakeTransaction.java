package io.enhancer.connector.intake;

import io.enhancer.webhooks.intake.IntakeTransaction;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One webhook request's idempotency records, images and queued tasks (outbox rows) in one database transaction,
 * committed before the intake answers: an answered 2xx survives the process dying right after, and a failure
 * anywhere keeps nothing (the sender's retry is then taken as new).
 */
final class DatabaseIntakeTransaction implements IntakeTransaction {
  private final TransactionTemplate tx;

  DatabaseIntakeTransaction(TransactionTemplate tx) {
    this.tx = tx;
  }

  @Override
  public <T> T run(Supplier<T> work) {
    return tx.execute(status -> work.get());
  }
}
