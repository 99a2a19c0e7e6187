package io.enhancer.webhooks.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where deliveries and their attempts live so they survive a restart. The connector backs it with MySQL, e.g.
 * {@code webhook_delivery(delivery_id, endpoint, event_type, created_at, payload_json, state, attempts,
 * next_attempt_at, updated_at, PRIMARY KEY(delivery_id, endpoint), INDEX(state, next_attempt_at))} and
 * {@code webhook_delivery_attempt(delivery_id, endpoint, number, started_at, latency_ms, outcome, http_status,
 * response_excerpt)}. Every method must be safe to call from several threads and several processes.
 */
public interface DeliveryStore {

    /** Inserts a new delivery; false (and no change) when its key exists, so enqueueing twice is harmless. */
    boolean create(Delivery delivery);

    Optional<Delivery> find(DeliveryKey key);

    /** PENDING deliveries with {@code nextAttemptAt <= now}, earliest first, at most {@code limit}. */
    List<Delivery> findDue(Instant now, int limit);

    /**
     * Takes a due delivery for one attempt: atomically, only if it is still PENDING with {@code attempts ==
     * expectedAttempts} and {@code nextAttemptAt <= now}, sets {@code nextAttemptAt = leaseUntil} and returns true.
     * In SQL: {@code UPDATE .. SET next_attempt_at=:leaseUntil WHERE delivery_id=.. AND endpoint=.. AND
     * state='PENDING' AND attempts=:expected AND next_attempt_at<=:now} and check one row changed. If the process
     * dies mid-send the delivery becomes due again when the lease ends.
     */
    boolean claim(DeliveryKey key, int expectedAttempts, Instant now, Instant leaseUntil);

    /** Appends the attempt and replaces the delivery's state, attempts and nextAttemptAt with {@code updated}'s. */
    void recordAttempt(DeliveryAttempt attempt, Delivery updated);

    /** Every attempt of the delivery, oldest first (across manual redeliveries). */
    List<DeliveryAttempt> attempts(DeliveryKey key);

    /** Deliveries in the given state, most recently updated first, at most {@code limit} (e.g. the dead letters). */
    List<Delivery> findByState(DeliveryState state, int limit);

    /**
     * Manual redelivery: a DEAD or DELIVERED delivery becomes PENDING with {@code attempts = 0} and
     * {@code nextAttemptAt = at}. False when the key is unknown or the delivery is already PENDING.
     */
    boolean redeliver(DeliveryKey key, Instant at);
}
