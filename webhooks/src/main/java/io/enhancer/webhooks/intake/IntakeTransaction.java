package io.enhancer.webhooks.intake;

import java.util.function.Supplier;

/**
 * Runs what one request keeps, its idempotency records and the sink's hand-offs, as one unit: committed together
 * before the answer is sent, or not at all. {@link #NONE} runs them as they come (each store call and hand-off on
 * its own; a failed hand-off is undone with {@link ProcessedEventStore#forget}); a host with a database runs them
 * in one transaction, so an accepted event is never recorded without its hand-off or the other way round.
 */
public interface IntakeTransaction {
    /** No unit: each call stands alone. */
    IntakeTransaction NONE = new IntakeTransaction() {
        @Override
        public <T> T run(Supplier<T> work) {
            return work.get();
        }
    };

    /** Runs {@code work} in one unit and returns its result; what {@code work} throws undoes the unit and is rethrown. */
    <T> T run(Supplier<T> work);
}
